// The one error hierarchy of the Keccel client. Every message is written for the person reading the
// notification (what happened, what to do next) and never contains the API token: callers redact before
// building one, and these classes never keep the raw transport error (its text could echo a URL).

/** Machine-readable kind, so callers can branch without `instanceof` across bundles. */
export type KeccelErrorKind = 'network' | 'timeout' | 'http-status' | 'invalid-answer' | 'rejected';

export class KeccelError extends Error {
  constructor(
    readonly kind: KeccelErrorKind,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * The gateway could not be reached or the connection broke.
 * `notSent` is true when the request certainly never reached the gateway (DNS failure, connection refused,
 * connect timeout): only then may a send be reported as `failed` rather than `unknown`.
 */
export class NetworkError extends KeccelError {
  constructor(
    message: string,
    readonly notSent: boolean,
    /** The system or undici error code (`ECONNREFUSED`, `UND_ERR_SOCKET`...), for the log. */
    readonly code?: string,
  ) {
    super('network', message);
  }
}

/** No complete answer within the configured time. */
export class TimeoutError extends KeccelError {
  constructor(
    message: string,
    readonly timeoutMs: number,
  ) {
    super('timeout', message);
  }
}

/** A non-2xx HTTP answer: a transport failure (IIS error page, proxy, rate limit), not a gateway answer. */
export class HttpStatusError extends KeccelError {
  constructor(
    readonly status: number,
    /** First meaningful line of the body, HTML stripped, already redacted. */
    readonly bodyLine: string,
    /** Where the base URL is set, named by the advice of a 404 (KeccelClientOptions.baseUrlSetting). */
    baseUrlSetting = 'keccel.apiBaseUrl',
  ) {
    super('http-status', describeStatus(status, bodyLine, baseUrlSetting));
  }
}

/** HTTP 200 whose body is not an answer we understand (not JSON, or fields missing). */
export class InvalidAnswerError extends KeccelError {
  constructor(
    message: string,
    /** Short excerpt of the body, already redacted. */
    readonly excerpt: string,
  ) {
    super('invalid-answer', message);
  }
}

/** The gateway answered `Rejected` (or `Error`); `description` is its own words, e.g. `Invalid token`. */
export class GatewayRejectedError extends KeccelError {
  constructor(readonly description: string) {
    super('rejected', `Keccel refused the request: ${description || 'no reason given'}.`);
  }
}

export function isKeccelError(value: unknown): value is KeccelError {
  return value instanceof KeccelError;
}

function describeStatus(status: number, bodyLine: string, baseUrlSetting: string): string {
  // "HTTP 500: Internal server error", one bracket level: the page's line often repeats the status and ends in a dot.
  const line = bodyLine.replace(new RegExp(`^${status}\\s*[-:–]?\\s*`), '').replace(/[.\s]+$/, '');
  const http = line ? `HTTP ${status}: ${line}` : `HTTP ${status}`;
  if (status === 429) return `Keccel is rate-limiting requests (${http}). Wait a moment and try again.`;
  if (status === 404) return `Keccel answered ${http}. Check ${baseUrlSetting}.`;
  if (status === 407) return `The proxy asked for authentication (${http}). Check the proxy settings.`;
  if (status >= 500) return `Keccel had a server error (${http}). Try again later.`;
  return `Keccel answered ${http}.`;
}

/**
 * The first meaningful line of an error page: tags, scripts and styles removed, entities decoded, whitespace
 * collapsed, capped at 200 characters. IIS pages put the useful title first.
 */
export function firstLineOfBody(body: string): string {
  const text = body
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1>/gi, (m) => (/^<head/i.test(m) ? titleOf(m) + '\n' : '\n'))
    .replace(/<br\s*\/?>|<\/(p|div|h\d|li|tr|title)>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+/g, ' ').trim();
    if (line) return line.length > 200 ? line.slice(0, 199) + '…' : line;
  }
  return '';
}

function titleOf(head: string): string {
  const match = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(head);
  return match ? match[1] : '';
}
