// Every gateway request the simulator answers, as it was on the wire: what came in (token masked) and what went
// out, byte for byte. One store, read by the extension (sandbox history, "Keccel Sandbox" channel), the CLI (a
// line per request) and the JSON API (GET /__sim/requests). The simulator's own JSON API is not logged here.
import type * as http from 'node:http';
import { redactToken } from '../core/redact';
import type { WireExchange } from '../core/types';

const MASK = '***';

/** A wire exchange plus what the simulator understood of it, so readers need not parse it again. */
export interface SimRequestEntry extends WireExchange {
  /** 1, 2, 3... in arrival order. */
  seq: number;
  /** `message.asp`, `delivery.asp`, `balance.asp`, or `` for any other path. */
  endpoint: string;
  /** The `User-Agent` header (the extension sends `keccel-sms-vscode`, and so can any app: see `ownClient`). */
  userAgent?: string;
  /** Merged query and body parameters, lower-cased names, without the token. */
  fields: Record<string, string>;
  /** The message it concerns: the id a send was given, or the `messageid` a delivery check asked about. */
  messageId?: string;
  /** A failure the failure injection chose for this request (`reject`, `reset`, `html500`, `delay`...). */
  injected?: string;
  /**
   * Set when the simulator refused the request: `browser` (a web page's, 403), `too-large` (413) or `token`
   * (missing or wrong token, answered as Keccel does). A refused request never becomes a message record.
   */
  refused?: RefusalKind;
  /** What gave a `browser` refusal away (`Origin: https://…`, `Sec-Fetch-Site: cross-site`). */
  refusedBecause?: string;
  /** The request carried the sandbox's own-client key (server.ts: ownClientKey): the extension made it. */
  ownClient?: boolean;
}

export type RefusalKind = 'browser' | 'too-large' | 'token';

/** The most of a body the log keeps (a few KB: a Keccel request is a few hundred bytes). */
export const MAX_LOGGED_BODY_CHARS = 4096;

/** The start of a long body, saying how long it was; short bodies as they are. */
export function keptBody(body: string, totalBytes = Buffer.byteLength(body), complete = true): string {
  if (complete && body.length <= MAX_LOGGED_BODY_CHARS && totalBytes === Buffer.byteLength(body)) return body;
  const note = complete ? `… (${totalBytes} bytes in all)` : `… (${totalBytes} bytes read, the rest refused)`;
  return body.slice(0, MAX_LOGGED_BODY_CHARS - note.length) + note;
}

type Listener = (entry: SimRequestEntry) => void;

export class RequestLog {
  private readonly items: SimRequestEntry[] = [];
  private readonly listeners = new Set<Listener>();
  private seq = 0;

  constructor(private readonly max = 1000) {}

  /** Oldest first. */
  get entries(): readonly SimRequestEntry[] {
    return this.items;
  }

  /** Called with each entry once its answer has gone out (or the connection closed without one). */
  onEntry(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  add(entry: Omit<SimRequestEntry, 'seq'>): SimRequestEntry {
    const full = { ...entry, seq: ++this.seq };
    this.items.push(full);
    if (this.items.length > this.max) this.items.splice(0, this.items.length - this.max);
    for (const listener of this.listeners) {
      try {
        listener(full);
      } catch {
        // A reader's bug must never break the answer to the client.
      }
    }
    return full;
  }

  clear(): void {
    this.items.length = 0;
  }
}

/** The query parameters as a plain object, the token's value (any case of its name) masked. */
export function maskedParams(searchParams: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of searchParams) out[key] = key.toLowerCase() === 'token' ? MASK : value;
  return out;
}

/** A body with the token masked: its JSON member or form field always, its literal value when long enough. */
export function maskedBody(body: string, token: string): string {
  return keptBody(redactToken(body, token), Buffer.byteLength(body));
}

/**
 * Calls `done` once the answer is complete with its status and body as written, or with status 0 when the
 * connection closed first (a reset, a stop while a slow answer waited). Works for every writer of `res`.
 */
export function watchResponse(res: http.ServerResponse, done: (status: number, body: string) => void): void {
  let body = '';
  const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
  res.end = ((...args: unknown[]) => {
    const chunk = args[0];
    if (typeof chunk === 'string') body = chunk;
    else if (Buffer.isBuffer(chunk)) body = chunk.toString('utf8');
    return end(...args);
  }) as typeof res.end;
  res.once('close', () => done(res.writableFinished ? res.statusCode : 0, res.writableFinished ? body : ''));
}

/** A readable line for a console: method, endpoint, recipient or id, answer status and gateway word, time. */
export function describeEntry(entry: SimRequestEntry): string {
  const query = Object.entries(entry.params).map(([key, value]) => `${key}=${value}`).join('&');
  // The recipient of a send (in its body) is named; a GET's parameters are in its query already.
  const target = entry.endpoint === 'message.asp' && entry.fields.to ? ` to=${entry.fields.to}` : '';
  let answer: string;
  if (entry.status === 0) answer = 'connection reset, no answer';
  else {
    const word = /"status"\s*:\s*"([^"]*)"/.exec(entry.responseBody)?.[1];
    const description = /"description"\s*:\s*"([^"]*)"/.exec(entry.responseBody)?.[1];
    const id = entry.endpoint === 'message.asp' && entry.messageId ? ` ${entry.messageId}` : '';
    answer = `${entry.status}${word ? ` ${word}${id}` : entry.responseBody.startsWith('<') || !entry.responseBody ? ' (not JSON)' : ''}${description && word !== 'SENT' ? ` "${description}"` : ''}`;
  }
  const injected = entry.injected ? ` [injected: ${entry.injected}]` : '';
  if (entry.refused === 'browser' || entry.refused === 'too-large') {
    const why = entry.refused === 'browser' ? `request from a web page (${entry.refusedBecause ?? 'browser'})` : 'body over 64 KB';
    return `${entry.method} ${entry.path} -> ${entry.status} refused: ${why} (${entry.durationMs} ms)`;
  }
  return `${entry.method} ${entry.path}${query ? `?${query}` : ''}${target} -> ${answer} (${entry.durationMs} ms)${injected}`;
}

/** What the endpoint's logic learns while answering, for the entry written when the answer is out. */
export interface ExchangeNote {
  messageId?: string;
  injected?: string;
  refused?: RefusalKind;
  ownClient?: boolean;
}

/**
 * Starts recording one gateway request: the entry is added to `log` when its answer is complete (or the
 * connection closed). Returns the note the server fills in while answering.
 */
export function recordExchange(
  log: RequestLog,
  request: { req: http.IncomingMessage; res: http.ServerResponse; url: URL; body: string; endpoint: string; params: Map<string, string>; token: string },
): ExchangeNote {
  const { req, res, url, body, endpoint, params, token } = request;
  const started = Date.now();
  const note: ExchangeNote = {};
  watchResponse(res, (status, responseBody) => {
    const fields = Object.fromEntries([...params].filter(([name]) => name !== 'token'));
    const messageId = note.messageId ?? (endpoint === 'delivery.asp' ? params.get('messageid')?.trim() || undefined : undefined);
    log.add({
      at: new Date(started).toISOString(),
      method: req.method ?? 'GET',
      path: url.pathname,
      params: maskedParams(url.searchParams),
      ...(body ? { requestBody: maskedBody(body, token) } : {}),
      status,
      responseBody,
      durationMs: Date.now() - started,
      endpoint,
      ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
      fields,
      ...(messageId ? { messageId } : {}),
      ...(note.injected ? { injected: note.injected } : {}),
      ...(note.refused ? { refused: note.refused } : {}),
      ...(note.ownClient ? { ownClient: true } : {}),
    });
  });
  return note;
}

/**
 * Records a request the simulator refused before reading it (a web page's, a body too large): its method and
 * path only (no parameters, no fields), plus for `too-large` the start of what had come of the body.
 */
export function recordRefusal(
  log: RequestLog,
  request: { req: http.IncomingMessage; res: http.ServerResponse; url: URL; endpoint: string; refused: RefusalKind; because?: string; bodyStart?: string; bodyBytes?: number; token: string },
): void {
  const { req, res, url, endpoint, refused, because, bodyStart, bodyBytes, token } = request;
  const started = Date.now();
  watchResponse(res, (status, responseBody) => {
    log.add({
      at: new Date(started).toISOString(),
      method: req.method ?? 'GET',
      path: url.pathname,
      params: {},
      ...(bodyStart ? { requestBody: keptBody(redactToken(bodyStart, token), bodyBytes ?? Buffer.byteLength(bodyStart), false) } : {}),
      status,
      responseBody,
      durationMs: Date.now() - started,
      endpoint,
      ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
      fields: {},
      refused,
      ...(because ? { refusedBecause: because } : {}),
    });
  });
}
