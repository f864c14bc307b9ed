// The one place that does HTTP (modelled on twilio-node's RequestClient): a shared keep-alive dispatcher,
// a per-request timeout, retries with full-jitter backoff for GETs only, one log line per request with the
// token redacted, and undici's errors turned into the typed errors of errors.ts.
//
// undici costs ~100 ms to load (docs/performance.md), so it is required on the first request, never at import:
// in the extension bundle esbuild maps this `require('undici')` to the sibling file dist/undici.js.
import type { Dispatcher } from 'undici';
import { HttpStatusError, KeccelError, NetworkError, TimeoutError, firstLineOfBody } from './errors';
import { redactToken, redactUrl } from './redact';
import type { Logger } from './types';

type Undici = typeof import('undici');

let undiciModule: Undici | undefined;

/** undici, loaded on first use (see above). */
export function loadUndici(): Undici {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  undiciModule ??= require('undici') as Undici;
  return undiciModule;
}

export interface HttpOptions {
  timeoutMs: number;
  proxyUrl?: string;
  logger: Logger;
  /** Retries for GETs (capped at 3). POSTs are never retried: a send costs money and has no idempotency key. */
  maxRetries: number;
  retryBaseDelayMs: number;
  /** Redacted from every log line and error text. */
  secret?: string;
  /** Sent with every request besides the User-Agent (the sandbox's own-client key); never logged. */
  headers?: Record<string, string>;
  /** Where the base URL is set, for the advice of an error (KeccelClientOptions.baseUrlSetting). */
  baseUrlSetting?: string;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  /** Scheme, host and port: `https://api.keccel.com`. */
  origin: string;
  /** Path and query: `/sms/v2/balance.asp?token=...`. */
  path: string;
  /** JSON text. */
  body?: string;
  /** `path` as it may be logged (token already masked); saves redacting on every request. */
  logPath?: string;
}

export interface HttpResponse {
  status: number;
  body: string;
}

/** Largest Retry-After we are willing to wait, and the cap of the exponential backoff. */
const MAX_RETRY_AFTER_MS = 10_000;
const MAX_BACKOFF_MS = 5_000;
const MAX_RETRIES = 3;

/**
 * The most of an answer that is read (docs/decisions/size-limits.md). Keccel's answers are under 1 KB; anything
 * larger is not one (a proxy's page, a wrong base URL), and is cut off rather than read into memory.
 */
export const MAX_ANSWER_BYTES = 256 * 1024;

/** Lets Keccel tell our traffic apart in its logs; nothing else is added to the wire. */
export const USER_AGENT = 'keccel-sms-vscode';

/** Codes meaning the request never left this machine or never reached the gateway. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

export class HttpTransport {
  private dispatcher: Dispatcher | undefined;
  private readonly headers: Record<string, string>;
  private readonly postHeaders: Record<string, string>;

  private get baseUrlSetting(): string {
    return this.options.baseUrlSetting ?? 'keccel.apiBaseUrl';
  }

  constructor(private readonly options: HttpOptions) {
    this.headers = { ...options.headers, 'user-agent': USER_AGENT };
    this.postHeaders = { ...this.headers, 'content-type': 'application/json; charset=utf-8' };
  }

  /**
   * Sends one request (plus retries for a GET). Resolves with a 2xx answer; throws NetworkError,
   * TimeoutError or HttpStatusError otherwise.
   */
  async request(req: HttpRequest): Promise<HttpResponse> {
    const retries = req.method === 'GET' ? Math.min(Math.max(this.options.maxRetries, 0), MAX_RETRIES) : 0;
    // One flat loop (no helper per attempt): every extra async layer shows in the benchmark.
    for (let attempt = 0; ; attempt++) {
      const started = performance.now();
      let status: number | undefined;
      let error: KeccelError;
      let retryAfterMs: number | undefined;
      try {
        const undici = loadUndici();
        const res = await undici.request(req.origin + req.path, {
          method: req.method,
          headers: req.method === 'POST' ? this.postHeaders : this.headers,
          body: req.body,
          dispatcher: this.dispatcher ?? this.createDispatcher(undici),
        });
        status = res.statusCode;
        const body = await this.readBody(res.body, started);
        this.log(req, attempt, started, status);
        if (status >= 200 && status < 300) return { status, body };
        error = new HttpStatusError(status, redactToken(firstLineOfBody(body), this.options.secret), this.baseUrlSetting);
        retryAfterMs = parseRetryAfter(res.headers['retry-after']);
      } catch (cause) {
        error = this.toError(cause, status);
        this.log(req, attempt, started, status === undefined ? errorCode(cause) || error.kind : `${status} ${error.kind}`);
      }
      // An oversized answer would come just as large again: never asked for twice.
      const retryable =
        (error instanceof NetworkError && error.code !== ANSWER_TOO_LARGE) ||
        (error instanceof HttpStatusError && (error.status === 429 || error.status >= 500));
      if (!retryable || attempt >= retries || (retryAfterMs !== undefined && retryAfterMs > MAX_RETRY_AFTER_MS)) throw error;
      // Full jitter (AWS architecture blog): uniform in [0, base * 2^attempt], unless the server said when.
      const delay = retryAfterMs || Math.random() * Math.min(MAX_BACKOFF_MS, this.options.retryBaseDelayMs * 2 ** attempt);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  /**
   * The answer's text, read chunk by chunk: at most MAX_ANSWER_BYTES (more is cut off, the connection dropped,
   * and a NetworkError with the code ANSWER_TOO_LARGE thrown), and only until the overall deadline (see
   * answerDeadlineMs; a TimeoutError). Checked as each chunk arrives, so an ordinary answer costs no timer.
   */
  private async readBody(body: Dispatcher.ResponseData['body'], started: number): Promise<string> {
    const deadline = started + bodyDeadlineMs(this.options.timeoutMs);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_ANSWER_BYTES) {
        body.destroy();
        throw new NetworkError(
          `Keccel's answer was larger than ${MAX_ANSWER_BYTES / 1024} KB, which no Keccel answer is; it was cut off unread. Check ${this.baseUrlSetting} and the proxy.`,
          false,
          ANSWER_TOO_LARGE,
        );
      }
      chunks.push(chunk);
      if (performance.now() > deadline) {
        body.destroy();
        const seconds = formatSeconds(answerDeadlineMs(this.options.timeoutMs));
        throw new TimeoutError(`Keccel's answer did not complete within ${seconds}. Check the connection and try again.`, this.options.timeoutMs);
      }
    }
    return chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8');
  }

  /** Closes the keep-alive connections. Safe to call when no request was ever made (undici stays unloaded). */
  async close(): Promise<void> {
    const dispatcher = this.dispatcher;
    this.dispatcher = undefined;
    await dispatcher?.close();
  }

  /**
   * The timeout is the dispatcher's: connect (at most 10 s, so a dead host fails as "not sent" early), then
   * waiting for the headers, then each pause in the body. undici checks the last two with a coarse clock
   * (about 0.5-1 s late), which is fine for a 20 s limit and cheaper than a timer per request.
   */
  private createDispatcher(undici: Undici): Dispatcher {
    this.dispatcher = newDispatcher(undici, this.options.timeoutMs, this.options.proxyUrl);
    return this.dispatcher;
  }

  private toError(cause: unknown, status: number | undefined): KeccelError {
    if (cause instanceof KeccelError) return cause;
    const code = errorCode(cause);
    const seconds = formatSeconds(this.options.timeoutMs);
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return new TimeoutError(`No answer from Keccel within ${seconds}. Check the connection and try again.`, this.options.timeoutMs);
    }
    if (code === 'UND_ERR_CONNECT_TIMEOUT') {
      return new NetworkError(`Could not connect to Keccel within ${seconds}. Check the network or proxy.`, true, code);
    }
    if (code === 'UND_ERR_ABORTED' && this.options.proxyUrl && status === undefined) {
      // undici's ProxyAgent aborts the request when the CONNECT tunnel is refused: nothing reached Keccel.
      const detail = cause instanceof Error ? redactToken(cause.message, this.options.secret) : code;
      return new NetworkError(`The proxy did not let the request through (${detail}). Check the proxy settings.`, true, code);
    }
    if (code && NOT_SENT_CODES.has(code)) {
      const what = code.startsWith('E') ? 'Could not reach Keccel' : 'The secure connection to Keccel failed';
      return new NetworkError(`${what} (${code}). Check the network, the proxy and ${this.baseUrlSetting}.`, true, code);
    }
    const during = status === undefined ? 'before it answered' : 'while it was answering';
    const detail = code || (cause instanceof Error ? redactToken(cause.message, this.options.secret) : 'unknown error');
    return new NetworkError(`The connection to Keccel broke ${during} (${detail}).`, false, code);
  }

  private log(req: HttpRequest, attempt: number, started: number, outcome: string | number): void {
    const ms = Math.round(performance.now() - started);
    const retry = attempt > 0 ? ` (retry ${attempt})` : '';
    const path = req.logPath ?? redactToken(redactUrl(req.path), this.options.secret);
    this.options.logger.info(`${req.method} ${path} ${outcome} ${ms} ms${retry}`);
  }
}

/**
 * The connection pool of the client's requests (the timeouts HttpTransport.createDispatcher explains, through
 * `proxyUrl` when given); "Diagnose Connection" asks its balance check through the same kind of pool.
 */
export function newDispatcher(undici: Undici, timeoutMs: number, proxyUrl: string | undefined): Dispatcher {
  const options = { connect: { timeout: connectTimeoutMs(timeoutMs) }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs, keepAliveTimeout: 4_000 };
  return proxyUrl ? new undici.ProxyAgent({ uri: proxyUrl, ...options }) : new undici.Agent(options);
}

/** The system/undici code of an error; an AggregateError (several addresses tried) gives its first one's. */
export function errorCode(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { code, errors, cause } = error as { code?: unknown; errors?: unknown; cause?: unknown };
  if (typeof code === 'string') return code;
  if (Array.isArray(errors) && errors.length) return errorCode(errors[0]);
  return cause ? errorCode(cause) : undefined;
}

/** Retry-After in ms (seconds or an HTTP date), or undefined. */
function parseRetryAfter(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** `20 s`, `0.3 s`. */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1))} s`;
}

/** The connect part of the per-request timeout (createDispatcher explains the three parts). */
export function connectTimeoutMs(timeoutMs: number): number {
  return Math.min(timeoutMs, 10_000);
}

/** The code of the NetworkError for an answer over MAX_ANSWER_BYTES (never retried). */
export const ANSWER_TOO_LARGE = 'KECCEL_ANSWER_TOO_LARGE';

/**
 * The overall deadline of one request with this timeout, from its start to the end of its answer, however the
 * answer trickles in: connecting, then the headers, then the body (an SMS answer is a few hundred bytes, one
 * chunk). The write-ahead send record uses it to know when no window can still be waiting (core/attempt.ts).
 */
export function answerDeadlineMs(timeoutMs: number): number {
  return connectTimeoutMs(timeoutMs) + 2 * timeoutMs;
}

/** The longest any request waits for its answer: its overall deadline (kept for the write-ahead record). */
export const longestAnswerWaitMs = answerDeadlineMs;

/**
 * Past this time since the start, a request reading a body gives up at the next chunk. A chunk comes within
 * `timeoutMs` of the previous one (else undici's body timeout fires), so the request ends by answerDeadlineMs.
 */
function bodyDeadlineMs(timeoutMs: number): number {
  return answerDeadlineMs(timeoutMs) - timeoutMs;
}
