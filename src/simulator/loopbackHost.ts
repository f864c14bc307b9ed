// The simulator and the sandbox answer only requests addressed to this machine by a loopback name. Binding to
// 127.0.0.1 keeps other machines out, but not a web page: through DNS rebinding, a page on `evil.example` can make
// the browser send requests to 127.0.0.1 that carry `Host: evil.example`. Checking the Host header closes that door
// (docs/decisions/loopback-only.md).
import type * as http from 'node:http';

/** `localhost`, `127.x.x.x` or `[::1]`, each with or without a port (the Host header of RFC 9110, section 7.2). */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d{1,5}))?$/.exec(host.trim().toLowerCase());
  if (!match) return false;
  const name = match[1];
  if (match[2] !== undefined && Number(match[2]) > 65535) return false;
  if (name === 'localhost' || name === '[::1]') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}

/**
 * Answers 403 and logs the refusal when the request's Host is not a loopback name; returns whether it did, so the
 * server stops there. The body says why in plain text, for whoever runs into it with curl.
 */
export function refuseForeignHost(req: http.IncomingMessage, res: http.ServerResponse, log: (line: string) => void): boolean {
  const host = req.headers.host;
  if (isLoopbackHost(host)) return false;
  log(`refused ${req.method ?? 'GET'} ${req.url ?? '/'}: Host ${JSON.stringify(host ?? '')} is not a loopback name (DNS rebinding protection)`);
  const body = 'Forbidden: this simulator answers only requests addressed to localhost, 127.0.0.1 or [::1].\r\n';
  res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' });
  res.end(body);
  return true;
}
