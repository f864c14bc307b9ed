// Step `tls` (https only): the handshake with the gateway (through the proxy's CONNECT tunnel, behind one), the
// protocol, the certificate's subject, issuer and days left, and whether Node trusts it as the client does (the
// same default certificate authorities and host name check).
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP, type Socket } from 'node:net';
import * as tls from 'node:tls';
import { errorCode } from '../http';
import { finding, shownUrl, type DiagnosisContext, type StepOutcome } from './context';

/** Under this many days left, a trusted certificate is reported with a warning (the check goes on). */
export const CERTIFICATE_WARNING_DAYS = 14;
const DAY_MS = 86_400_000;

export async function checkTls(ctx: DiagnosisContext): Promise<StepOutcome> {
  const url = ctx.url!;
  if (url.protocol !== 'https:') return { ok: true, finding: finding('tls.none') };
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(url.port) || 443;
  let tunnel: Socket | undefined;
  if (ctx.proxy) {
    const opened = await openTunnel(ctx.proxy.url, `${url.hostname}:${port}`, ctx.timeoutMs);
    if ('status' in opened) {
      const shownProxy = shownUrl(ctx.proxy.url);
      return {
        ok: false,
        finding: finding('tls.tunnelRefused', shownProxy, opened.status, opened.statusText),
        advice: opened.status === 407 ? finding('tls.proxyAuth.advice', ctx.proxy.choice.source) : finding('tls.tunnelRefused.advice', ctx.proxy.choice.source),
      };
    }
    tunnel = opened.socket;
  }
  let socket: tls.TLSSocket;
  try {
    socket = await handshake(
      {
        ...(tunnel ? { socket: tunnel } : { host: ctx.address ?? hostname, port }),
        // SNI and the name check use the gateway's name (never an address: SNI forbids it).
        ...(isIP(hostname) ? { host: hostname } : { servername: hostname }),
        rejectUnauthorized: false,
      },
      ctx.timeoutMs,
    );
  } catch (error) {
    tunnel?.destroy();
    return { ok: false, finding: finding('tls.failed', errorCode(error) ?? 'ERROR'), advice: finding('tls.failed.advice') };
  }
  const cert = socket.getPeerCertificate();
  const protocol = socket.getProtocol() ?? '?';
  const authorized = socket.authorized;
  const reason = socket.authorizationError ? String((socket.authorizationError as unknown as { code?: string }).code ?? socket.authorizationError) : '';
  socket.destroy();
  const subject = nameOf(cert.subject);
  const issuer = nameOf(cert.issuer);
  const daysLeft = Math.floor((Date.parse(cert.valid_to) - ctx.now()) / DAY_MS);
  if (!authorized) {
    return {
      ok: false,
      finding: finding('tls.untrusted', protocol, subject, issuer, daysLeft, reason),
      advice: finding(reason === 'CERT_HAS_EXPIRED' ? 'tls.expired.advice' : 'tls.untrusted.advice'),
    };
  }
  const ok = { ok: true, finding: finding('tls.ok', protocol, subject, issuer, daysLeft) };
  return daysLeft < CERTIFICATE_WARNING_DAYS ? { ...ok, warning: true, advice: finding('tls.expiresSoon.advice', daysLeft) } : ok;
}

/** The certificate's common name, else its organisation (certificate text: shown as plain text). */
function nameOf(name: tls.Certificate | undefined): string {
  if (!name) return '?';
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return first(name.CN) ?? first(name.O) ?? '?';
}

function handshake(options: tls.ConnectionOptions, timeoutMs: number): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect(options);
    socket.setTimeout(timeoutMs, () => socket.destroy(Object.assign(new Error('handshake timeout'), { code: 'ETIMEDOUT' })));
    socket.once('secureConnect', () => {
      socket.setTimeout(0);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

type Tunnel = { socket: Socket } | { status: number; statusText: string };

/**
 * Asks the proxy for a tunnel (`CONNECT host:port`), with the credentials of the proxy URL as undici's
 * ProxyAgent sends them (Basic, user and password URL-decoded).
 */
function openTunnel(proxy: URL, target: string, timeoutMs: number): Promise<Tunnel> {
  const headers: Record<string, string> = { host: target };
  if (proxy.username || proxy.password) {
    const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
    headers['proxy-authorization'] = `Basic ${Buffer.from(credentials).toString('base64')}`;
  }
  const client = proxy.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request({
      host: proxy.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: Number(proxy.port) || (proxy.protocol === 'https:' ? 443 : 80),
      method: 'CONNECT',
      path: target,
      headers,
      agent: false,
      timeout: timeoutMs,
    });
    req.once('connect', (res: http.IncomingMessage, socket: Socket) => {
      if (res.statusCode === 200) {
        resolve({ socket });
        return;
      }
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '' });
    });
    req.once('timeout', () => req.destroy(Object.assign(new Error('proxy timeout'), { code: 'ETIMEDOUT' })));
    req.once('error', reject);
    req.end();
  });
}
