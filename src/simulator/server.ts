// The Keccel-compatible HTTP server: node:http only (no undici, no vscode), so it starts in a few ms inside
// the extension host, a test, or the keccel-sim CLI. It reproduces the live gateway's quirks: HTTP 200 for
// refusals, CRLF pretty-printed JSON, case-insensitive paths and parameters (IIS + classic ASP), parameters
// from the query string or a JSON body (even on a GET, as the Python SDK sends them).
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { redactToken } from '../core/redact';
import { SANDBOX_CLIENT_HEADER } from '../core/sandboxClient';
import type { CallbackPush, Clock, Logger } from '../core/types';
import { CallbackPusher, describePush } from './callbacks';
import { Chaos, type ChaosSettings } from './chaos';
import { handleSimApi, SIM_API_PREFIX, type SimAccount, type SimControl } from './jsonApi';
import { OtpDesk, type OtpEntry } from './otp';
import { ASP_ERROR_200, IIS_404_PAGE, IIS_405_PAGE, IIS_500_PAGE, RATE_LIMIT_PAGE } from './pages';
import { StateSaver, loadState } from './persistence';
import { ReportScheduler } from './reports';
import { describeEntry, keptBody, recordExchange, recordRefusal, RequestLog, type ExchangeNote } from './requestLog';
import { refuseWebPage, webPageMark } from './browserGuard';
import { SimulatorState } from './state';
import type { Action, Answer, Params, SimMessage } from './state';
import { refuseForeignHost } from './loopbackHost';

export const SANDBOX_TOKEN = 'sandbox-token';
export const SIMULATOR_BASE_PATH = '/sms/v2';
/** The OTP endpoints sit beside the SMS API, as on the live gateway (`/otp/generate.asp`). */
export const SIMULATOR_OTP_PATH = '/otp';

export type FailureKind = 'http429' | 'http500html' | 'reset' | 'slow' | 'nonjson';

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the sandbox is never reachable from the network. */
  host?: string;
  /** Default SANDBOX_TOKEN. */
  token?: string;
  /** Credits; default 1000. */
  balance?: number;
  /** Default 90 days from now; null: the gateway's empty `expiration`. */
  expiration?: Date | null;
  /** Default `active`. */
  accountStatus?: string;
  /** Time until an accepted message gets its report; default 3000 ms. null: only when its outcome is set. */
  deliveryDelayMs?: number | null;
  /** Push delivery reports here: `GET <url>?messageID=..&status=DELIVERED`. */
  callbackUrl?: string;
  /** How long a `slow` answer waits; default DEFAULT_SLOW_MS (125 s). */
  slowMs?: number;
  logger?: Logger;
  /** Size of the `requests` record and of the request log (oldest dropped); default 1000. */
  maxRecordedRequests?: number;
  /** Failure injection at random (chaos.ts); all off by default. */
  chaos?: Partial<ChaosSettings>;
  /** The failure injection's dice, [0, 1) like Math.random (tests pass a fixed sequence). */
  random?: () => number;
  /**
   * Keep the account and the messages in this JSON file across restarts: `start()` loads it when it exists (the
   * options above then only give the account of a first start) and every change is saved to it.
   */
  stateFile?: string;
  /** The time the OTP endpoints go by (code lifetimes); default the system clock. Tests pass a fake one. */
  clock?: Pick<Clock, 'now'>;
  /**
   * The in-editor sandbox's secret for its own client: a request carrying it in SANDBOX_CLIENT_HEADER is logged
   * with `ownClient: true` (the key itself never is). Unset: no request is taken for the extension's.
   */
  ownClientKey?: string;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string, as sent. */
  path: string;
  query: Record<string, string>;
  /** Raw body text (not redacted: tests check what was sent), cut after a few KB like the request log's. */
  body: string;
  /** ms since epoch. */
  time: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Longer than the largest `keccel.requestTimeoutSeconds` (120 s): the slow number always ends as unknown. */
export const DEFAULT_SLOW_MS = 125_000;
/** Larger bodies get 413 (docs/decisions/size-limits.md): a Keccel request is a few hundred bytes. */
export const MAX_BODY_BYTES = 64 * 1024;
const IIS_HEADERS = { server: 'Microsoft-IIS/10.0', 'x-powered-by': 'ASP.NET', 'cache-control': 'private' };

export class KeccelSimulator {
  readonly requests: RecordedRequest[] = [];
  /** Every gateway request with its answer, token masked (requestLog.ts). */
  readonly requestLog: RequestLog;
  /** Delivery reports pushed to the callback URL, and their results (callbacks.ts). */
  readonly callbacks: CallbackPusher;
  /** When reports fall due; listeners learn each final status (reports.ts). */
  readonly reports: ReportScheduler;
  readonly chaos: Chaos;
  private readonly state: SimulatorState;
  private readonly otp: OtpDesk;
  private readonly options: SimulatorOptions;
  private readonly failures: FailureKind[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: http.Server | undefined;
  private url: string | undefined;
  private saver: StateSaver | undefined;
  private readonly accountListeners = new Set<(account: SimAccount) => void>();

  constructor(options: SimulatorOptions = {}) {
    this.options = options;
    this.state = new SimulatorState({
      token: options.token ?? SANDBOX_TOKEN,
      balance: options.balance ?? 1000,
      expiration: options.expiration === undefined ? new Date(Date.now() + 90 * DAY_MS) : options.expiration,
      accountStatus: options.accountStatus ?? 'active',
      deliveryDelayMs: options.deliveryDelayMs === undefined ? 3000 : options.deliveryDelayMs,
    });
    this.requestLog = new RequestLog(options.maxRecordedRequests ?? 1000);
    this.callbacks = new CallbackPusher(options.callbackUrl);
    this.reports = new ReportScheduler(this.callbacks);
    this.chaos = new Chaos(options.chaos, options.random);
    this.state.chaos = this.chaos;
    this.state.onDebit = () => this.accountChanged();
    if (options.logger) {
      this.requestLog.onEntry((entry) => this.log(describeEntry(entry)));
      this.callbacks.onPush((id, push) => this.log(describePush(id, push)));
    }
    this.otp = new OtpDesk(this.state);
  }

  /** Listens and resolves to the base URL, `http://127.0.0.1:PORT/sms/v2`. */
  async start(): Promise<string> {
    if (this.url) return this.url;
    if (this.options.stateFile && !this.saver) await this.restoreState(this.options.stateFile);
    const server = http.createServer((req, res) => this.onRequest(req, res));
    const host = this.options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const { port } = server.address() as AddressInfo;
    this.url = `http://${host.includes(':') ? `[${host}]` : host}:${port}${SIMULATOR_BASE_PATH}`;
    this.log(`Keccel simulator listening on ${this.url}`);
    return this.url;
  }

  /** Closes the server and every connection, drops pending slow answers and callbacks, finishes state writes. */
  async stop(): Promise<void> {
    this.reports.stop();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const server = this.server;
    this.server = undefined;
    this.url = undefined;
    if (server) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    }
    await this.saver?.flush();
  }

  get baseUrl(): string {
    if (!this.url) throw new Error('The Keccel simulator is not started.');
    return this.url;
  }

  get token(): string {
    return this.state.token;
  }

  get balance(): number {
    return this.state.balance;
  }

  /** Accepted messages, oldest first, with their current delivery status. */
  get messages(): (SimMessage & { status: string })[] {
    const now = Date.now();
    return [...this.state.messages.values()].map((m) => ({ ...m, status: this.state.deliveryStatus(m, now) }));
  }

  /** The code last sent to a number by `otp/generate.asp` and its state, or undefined. */
  currentOtp(to: string): OtpEntry | undefined {
    return this.otp.current(to);
  }

  setBalance(n: number): void {
    this.state.balance = n;
    this.saver?.schedule();
    this.accountChanged();
  }

  setExpiration(date: Date | null): void {
    this.state.expiration = date;
    this.saver?.schedule();
    this.accountChanged();
  }

  setAccountStatus(status: string): void {
    this.state.accountStatus = status;
    this.saver?.schedule();
    this.accountChanged();
  }

  /**
   * Calls `listener` with the account after each change: a send that debits it (from any client), a setting, the
   * JSON API. Synchronous and once per change: a listener that shows it coalesces a burst itself.
   */
  onAccountChange(listener: (account: SimAccount) => void): { dispose(): void } {
    this.accountListeners.add(listener);
    return { dispose: () => this.accountListeners.delete(listener) };
  }

  private accountChanged(): void {
    if (this.accountListeners.size === 0) return;
    const account = this.control.account();
    for (const listener of [...this.accountListeners]) {
      try {
        listener(account);
      } catch (error) {
        this.options.logger?.warn(`An account listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** For messages sent from now on; null: no automatic outcome (each waits for setOutcome). */
  setDeliveryDelayMs(ms: number | null): void {
    this.state.deliveryDelayMs = ms;
  }

  setCallbackUrl(url: string | undefined): void {
    this.callbacks.url = url || undefined;
  }

  /**
   * Decides what a message reports from now on, by pull (`delivery.asp`) and push (the callback, at once).
   * False for an unknown id.
   */
  setOutcome(messageId: string, status: 'DELIVERED' | 'FAILED'): boolean {
    const message = this.state.setOutcome(messageId, status, Date.now());
    if (!message) return false;
    this.reports.due(message);
    this.saver?.schedule();
    return true;
  }

  /** Pushes a message's current final status to the callback URL again; undefined without a URL or report. */
  pushAgain(messageId: string): Promise<CallbackPush | undefined> {
    const message = this.state.messages.get(messageId);
    if (!message || this.state.deliveryStatus(message, Date.now()) === 'PENDING') return Promise.resolve(undefined);
    return this.callbacks.push(messageId, message.finalStatus);
  }

  /** The JSON API's view of the simulator (jsonApi.ts). */
  readonly control: SimControl = {
    messages: () => this.messages,
    setOutcome: (id, status) => this.setOutcome(id, status),
    clearMessages: () => {
      this.state.messages.clear();
      this.requestLog.clear();
      this.saver?.schedule();
    },
    requests: () => this.requestLog.entries,
    pushes: (id) => this.callbacks.results.get(id) ?? [],
    account: (): SimAccount => ({
      balance: this.state.balance, expiration: this.state.expiration?.toISOString() ?? null, status: this.state.accountStatus,
    }),
    setAccount: (account) => {
      if (account.balance !== undefined) this.setBalance(account.balance);
      if (account.status !== undefined) this.setAccountStatus(account.status);
      if (account.expiration !== undefined) this.setExpiration(account.expiration === null ? null : new Date(account.expiration));
    },
    chaos: () => this.chaos.current,
    setChaos: (settings) => this.chaos.set(settings),
  };

  /** The next `count` API requests (any endpoint) fail this way instead of being answered. */
  failNext(count: number, kind: FailureKind): void {
    for (let i = 0; i < count; i++) this.failures.push(kind);
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    // A warning, not a request line: in the sandbox it shows in the log at its default level.
    if (refuseForeignHost(req, res, (line) => this.options.logger?.warn(`[sim] ${redactToken(line, this.state.token)}`))) return;
    const url = new URL(req.url ?? '/', 'http://simulator');
    const mark = webPageMark(req);
    if (mark) {
      recordRefusal(this.requestLog, { req, res, url, endpoint: endpointOf(url.pathname), refused: 'browser', because: mark, token: this.state.token });
      return refuseWebPage(req, res, mark);
    }
    const declared = Number(req.headers['content-length']);
    if (declared > MAX_BODY_BYTES) return this.refuseTooLarge(req, res, url, '', 0);
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      refused = true;
      const start = Buffer.concat(chunks).subarray(0, 4096).toString('utf8');
      chunks.length = 0;
      this.refuseTooLarge(req, res, url, start, size);
    });
    req.on('end', () => {
      if (refused) return;
      try {
        this.handle(req, res, Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        this.log(`simulator error: ${error instanceof Error ? error.message : String(error)}`);
        this.sendHtml(res, 500, IIS_500_PAGE);
      }
    });
  }

  /**
   * 413 for a body over MAX_BODY_BYTES, keeping nothing more of it. The connection closes after the answer; until
   * then what the client still sends is discarded, so it reads the 413 instead of a reset.
   */
  private refuseTooLarge(req: http.IncomingMessage, res: http.ServerResponse, url: URL, start: string, bytes: number): void {
    recordRefusal(this.requestLog, { req, res, url, endpoint: endpointOf(url.pathname), refused: 'too-large', ...(start ? { bodyStart: start, bodyBytes: bytes } : {}), token: this.state.token });
    const body = `Request body too large: the limit is ${MAX_BODY_BYTES / 1024} KB.\r\n`;
    res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' });
    res.end(body);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const query = Object.fromEntries(url.searchParams);
    this.record({ method: req.method ?? 'GET', path: url.pathname, query, body: keptBody(body), time: Date.now() });
    // The simulator's own JSON API (jsonApi.ts), outside the request log.
    if (url.pathname.toLowerCase().startsWith(SIM_API_PREFIX)) return handleSimApi(this.control, req, url, body, res);

    // IIS paths are case-insensitive.
    const path = url.pathname.toLowerCase();
    const endpoint = path.startsWith(SIMULATOR_BASE_PATH + '/') ? path.slice(SIMULATOR_BASE_PATH.length + 1) : '';
    const otpEndpoint = path.startsWith(SIMULATOR_OTP_PATH + '/') ? path.slice(SIMULATOR_OTP_PATH.length + 1) : '';
    const isOtp = otpEndpoint === 'generate.asp' || otpEndpoint === 'validate.asp';
    const params = paramsOf(url, body, req.headers['content-type']);
    const note = recordExchange(this.requestLog, { req, res, url, body, endpoint: isOtp ? `otp/${otpEndpoint}` : endpoint, params, token: this.state.token });
    if (this.options.ownClientKey && req.headers[SANDBOX_CLIENT_HEADER] === this.options.ownClientKey) note.ownClient = true;
    const isGateway = isOtp || ['message.asp', 'delivery.asp', 'balance.asp'].includes(endpoint);
    // Answered as Keccel does (Rejected) by the endpoint; marked so that no reader takes it for a message.
    if (isGateway && params.get('token') !== this.state.token) note.refused = 'token';
    if (!isGateway) {
      this.sendHtml(res, 404, IIS_404_PAGE);
      return;
    }
    if (!['GET', 'POST', 'HEAD'].includes(req.method ?? 'GET')) return this.sendHtml(res, 405, IIS_405_PAGE, { allow: 'GET, HEAD, POST' });
    const failure = this.failures.shift();
    if (failure && failure !== 'slow') {
      this.fail(req, res, failure, url.pathname);
      return;
    }
    const injected = this.chaos.transport();
    if (injected) {
      note.injected = injected;
      this.fail(req, res, injected === 'reset' ? 'reset' : 'http500html', url.pathname);
      return;
    }
    const respond = () => (isOtp ? this.routeOtp(otpEndpoint, req, res, params, note) : this.route(endpoint, req, res, params, note));
    const delayMs = failure === 'slow' ? (this.options.slowMs ?? DEFAULT_SLOW_MS) : this.chaos.current.delayMs;
    if (failure !== 'slow' && delayMs > 0) note.injected = 'delay';
    if (delayMs > 0) this.later(respond, delayMs);
    else respond();
  }

  private route(endpoint: string, req: http.IncomingMessage, res: http.ServerResponse, params: Params, note: ExchangeNote): void {
    const now = Date.now();
    if (endpoint === 'message.asp') {
      const { action, accepted, injected } = this.state.send(params, now);
      if (injected) note.injected = note.injected ? `${note.injected}, ${injected}` : injected;
      if (accepted) {
        note.messageId = accepted.messageId;
        this.reports.schedule(accepted);
        this.saver?.schedule();
      }
      this.perform(action, req, res);
    } else if (endpoint === 'delivery.asp') {
      this.perform(this.state.delivery(params, now), req, res);
    } else {
      this.perform(this.state.balanceAnswer(params), req, res);
    }
  }

  /** The OTP endpoints (otp.ts); an OTP SMS is saved and reported like any accepted message. */
  private routeOtp(endpoint: string, req: http.IncomingMessage, res: http.ServerResponse, params: Params, note: ExchangeNote): void {
    const now = this.options.clock?.now() ?? Date.now();
    if (endpoint === 'validate.asp') {
      const action = this.otp.validate(params, now);
      // A check can use up a code or count a wrong try: that state is on the message, saved with it.
      this.saver?.schedule();
      return this.perform(action, req, res);
    }
    const { action, accepted } = this.otp.generate(params, now);
    if (accepted) {
      note.messageId = accepted.messageId;
      this.reports.schedule(accepted);
      this.saver?.schedule();
    }
    this.perform(action, req, res);
  }

  private perform(action: Action, req: http.IncomingMessage, res: http.ServerResponse): void {
    switch (action.kind) {
      case 'json':
        return this.sendJson(res, action.body);
      case 'slow':
        return this.later(() => this.sendJson(res, action.body), this.options.slowMs ?? DEFAULT_SLOW_MS);
      case 'reset':
        return resetSocket(req.socket);
      case 'html500':
        return this.sendHtml(res, 500, IIS_500_PAGE);
    }
  }

  private fail(req: http.IncomingMessage, res: http.ServerResponse, kind: FailureKind, path: string): void {
    switch (kind) {
      case 'http429':
        return this.sendHtml(res, 429, RATE_LIMIT_PAGE, { 'retry-after': '0' });
      case 'http500html':
        return this.sendHtml(res, 500, IIS_500_PAGE);
      case 'reset':
        return resetSocket(req.socket);
      case 'nonjson':
        return this.sendHtml(res, 200, ASP_ERROR_200(path));
      case 'slow':
        return;
    }
  }

  /** The live gateway's formatting: two-space pretty JSON with CRLF line ends and a final CRLF. */
  private sendJson(res: http.ServerResponse, body: Answer): void {
    if (res.destroyed || res.writableEnded) return;
    const text = JSON.stringify(body, null, 2).replace(/\n/g, '\r\n') + '\r\n';
    res.writeHead(200, { ...IIS_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  private sendHtml(res: http.ServerResponse, status: number, page: string, headers: Record<string, string> = {}): void {
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(status, { ...IIS_HEADERS, ...headers, 'content-type': 'text/html', 'content-length': Buffer.byteLength(page) });
    res.end(page);
  }

  /** Loads the saved state, if any, and saves every later change. Reports still due get their callbacks. */
  private async restoreState(file: string): Promise<void> {
    const warn = (line: string) => this.options.logger?.warn(`[sim] ${redactToken(line, this.state.token)}`);
    const saved = await loadState(file, warn);
    this.saver = new StateSaver(file, () => this.state.snapshot(), warn);
    if (!saved) return;
    this.state.restore(saved);
    const now = Date.now();
    for (const message of this.state.messages.values()) if (message.reportAt !== null && message.reportAt > now) this.reports.schedule(message);
    this.log(`state restored from ${file}: ${saved.messages.length} messages, balance ${saved.balance}`);
  }

  private later(fn: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    // A simulator inside a test or the extension host must never keep the process alive on its own.
    timer.unref();
    this.timers.add(timer);
  }

  private record(request: RecordedRequest): void {
    this.requests.push(request);
    const max = this.options.maxRecordedRequests ?? 1000;
    if (this.requests.length > max) this.requests.splice(0, this.requests.length - max);
  }

  private log(line: string): void {
    this.options.logger?.info(`[sim] ${redactToken(line, this.state.token)}`);
  }
}

/** Starts a simulator and resolves once it listens; read `baseUrl` from it. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<KeccelSimulator> {
  const simulator = new KeccelSimulator(options);
  await simulator.start();
  return simulator;
}

/** The request log's name of an endpoint: `message.asp`, `otp/generate.asp`, or `` for any other path. */
function endpointOf(pathname: string): string {
  const path = pathname.toLowerCase();
  if (path.startsWith(SIMULATOR_BASE_PATH + '/')) return path.slice(SIMULATOR_BASE_PATH.length + 1);
  if (path.startsWith(SIMULATOR_OTP_PATH + '/')) return `otp/${path.slice(SIMULATOR_OTP_PATH.length + 1)}`;
  return '';
}

/**
 * Query string, then a JSON (or form) body on top, keys lower-cased: classic ASP's Request() does not care
 * about the case of a name, and the Python SDK sends the GET parameters as a JSON body.
 */
function paramsOf(url: URL, body: string, contentType: string | undefined): Params {
  const params: Params = new Map();
  for (const [key, value] of url.searchParams) params.set(key.toLowerCase(), value);
  const text = body.replace(/^\uFEFF/, '').trim();
  if (!text) return params;
  if (text.startsWith('{')) {
    try {
      const json = JSON.parse(text) as unknown;
      if (json && typeof json === 'object' && !Array.isArray(json)) {
        for (const [key, value] of Object.entries(json)) {
          if (value !== undefined && value !== null) params.set(key.toLowerCase(), String(value));
        }
      }
    } catch {
      // An unreadable body leaves its parameters missing, which the gateway reports.
    }
  } else if (contentType?.includes('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(text)) params.set(key.toLowerCase(), value);
  }
  return params;
}

/** A TCP RST where the platform has it (ECONNRESET on the client), a plain close otherwise. */
function resetSocket(socket: Socket): void {
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}
