// Where the API token may go. The token travels in every request (query string, JSON body), so the base URL
// decides who reads it: `https:` anywhere, plain `http:` only to this machine (the sandbox, a local simulator),
// never in clear over a network. The client checks this before building anything (client.ts), so no caller can
// forget it; the extension also names the host it talks to whenever it is not the live gateway.

/** The live gateway (README, "Settings": the default of keccel.apiBaseUrl). */
export const LIVE_BASE_URL = 'https://api.keccel.com/sms/v2';

export type BaseUrlProblem = 'invalid' | 'scheme' | 'insecure';

/** A base URL the client refuses; `problem` lets the extension say it in the user's language. */
export class BaseUrlError extends Error {
  constructor(
    readonly problem: BaseUrlProblem,
    /** The refused URL without its query, fragment or user info (never a place for a secret, but who knows). */
    readonly url: string,
    message: string,
  ) {
    super(message);
    this.name = 'BaseUrlError';
  }
}

/**
 * `localhost`, an address in 127.0.0.0/8, or `::1` (a URL's `hostname`, brackets and all, as WHATWG URL gives it:
 * it has already turned `127.1` or `0x7f.0.0.1` into `127.0.0.1`).
 */
export function isLoopbackHostname(hostname: string): boolean {
  const name = hostname.toLowerCase();
  if (name === 'localhost' || name === '[::1]' || name === '::1') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}

/** What may be shown of a URL: scheme, host and path, never user info, query or fragment. */
function shown(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/** Parses and checks a base URL; throws a BaseUrlError that says what is wrong and what to do. */
export function checkBaseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new BaseUrlError('invalid', raw, `The API base URL "${raw}" is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new BaseUrlError('scheme', shown(url), `The API base URL must start with https:// (it is ${url.protocol}).`);
  }
  if (url.protocol === 'http:' && !isLoopbackHostname(url.hostname)) {
    throw new BaseUrlError(
      'insecure',
      shown(url),
      `Refused the API base URL ${shown(url)}: plain http is allowed only to this machine (localhost, 127.x.x.x, ` +
        '[::1]), because the API token would travel in clear. Use https://.',
    );
  }
  return url;
}

/** Whether a (valid) base URL is the live Keccel gateway; anything else is named in the log and the status bar. */
export function isLiveGateway(baseUrl: string): boolean {
  try {
    const url = new URL(baseUrl);
    const live = new URL(LIVE_BASE_URL);
    return url.origin === live.origin;
  } catch {
    return false;
  }
}

/** The host (and port, when one is given) of a base URL, for "talks to …" lines; the raw text when unparsable. */
export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}
