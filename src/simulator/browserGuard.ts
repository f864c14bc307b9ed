// The simulator answers apps, never web pages (docs/decisions/browser-requests.md). A page the user visits can
// make the browser send requests to 127.0.0.1 without a CORS preflight (a form, a no-cors fetch, an <img>): the
// browser sends them, and only hides the answer from the page. Those requests carry marks that a browser always
// sets and a page cannot remove: `Origin` (the page's, or `null` for a sandboxed or opaque one) and
// `Sec-Fetch-Site` (`cross-site` or `same-site`). Server-side clients (curl, Node's fetch, undici, PHP, Python)
// send neither of those values. `Sec-Fetch-Mode` is no mark: Node's own fetch sends `cors` in every request.
import type * as http from 'node:http';

/** Why a request is taken for a web page's, or undefined for an app's. */
export function webPageMark(req: http.IncomingMessage): string | undefined {
  const site = single(req.headers['sec-fetch-site'])?.trim().toLowerCase();
  if (site === 'cross-site' || site === 'same-site') return `Sec-Fetch-Site: ${site}`;
  const origin = single(req.headers.origin)?.trim();
  if (origin === undefined) return undefined;
  if (origin.toLowerCase() === 'null') return 'Origin: null';
  // The simulator serves no pages, but a page of its own origin (a developer's bookmarklet, say) is not foreign.
  return isOwnOrigin(origin, req.headers.host) ? undefined : `Origin: ${origin}`;
}

/**
 * Answers 403 with a plain-text reason and returns true when the request carries a web page's marks. The body is
 * not read: Node discards it once the answer is out.
 */
export function refuseWebPage(req: http.IncomingMessage, res: http.ServerResponse, mark: string): void {
  const body = `Forbidden: this simulator does not answer requests from a web page (${mark}). Call it from your server-side code, curl or a test suite.\r\n`;
  res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function isOwnOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && url.host === new URL(`http://${host.trim()}`).host;
  } catch {
    return false;
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
