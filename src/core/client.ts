// The Keccel v2 API client: send, delivery check, balance, and the one-time codes of the OTP endpoints beside
// the SMS API. Plain Node, no VS Code. Importing this file does
// not load undici (http.ts requires it on the first request), so the extension can construct a client at
// activation for free.
import { checkBaseUrl } from './baseUrl';
import { GatewayRejectedError, HttpStatusError, InvalidAnswerError, KeccelError, NetworkError, TimeoutError } from './errors';
import { ANSWER_TOO_LARGE, HttpTransport, MAX_ANSWER_BYTES, formatSeconds } from './http';
import type { HttpResponse } from './http';
import { OtpRequestError, checkGenerateOtp, checkValidateOtp, otpBasePath } from './otp';
import type { GenerateOtpRequest, OtpValidation, ValidateOtpRequest } from './otp';
import { parseBalanceAnswer, parseDeliveryAnswer, parseOtpGenerateAnswer, parseOtpValidateAnswer, parseSendAnswer } from './parse';
import { redactToken } from './redact';
import { silentLogger } from './types';
import type { Balance, DeliveryAnswer, DeliveryChecker, Logger, SendOutcome, SendRequest } from './types';

export interface KeccelClientOptions {
  /** `https://api.keccel.com/sms/v2`, or a simulator's base URL. */
  baseUrl: string;
  token: string;
  /** Per request; default 20 000 ms. */
  timeoutMs?: number;
  /** `http://proxy:3128`; requests go through an undici ProxyAgent. */
  proxyUrl?: string;
  logger?: Logger;
  /** Retries of a GET on network errors, 429 and 5xx; default 3, at most 3. Sends are never retried. */
  maxRetries?: number;
  /** Base of the full-jitter exponential backoff; default 300 ms. */
  retryBaseDelayMs?: number;
  /** Extra request headers (the in-editor sandbox's own-client key, sandboxClient.ts); never logged. */
  headers?: Record<string, string>;
  /**
   * Where the user changes `baseUrl`, as the advice of an error names it ("check …"); default `keccel.apiBaseUrl`.
   * An account with its own base URL reads it from its entry in keccel.accounts, not from that setting.
   */
  baseUrlSetting?: string;
}

export const DEFAULT_TIMEOUT_MS = 20_000;
/** What an error's advice names when the client is not told where its base URL is set. */
export const DEFAULT_BASE_URL_SETTING = 'keccel.apiBaseUrl';

const NOT_SURE = 'the SMS may or may not have been sent. Check the history before sending again.';

export class KeccelClient implements DeliveryChecker {
  private readonly http: HttpTransport;
  private readonly origin: string;
  private readonly basePath: string;
  /** `/otp` beside `/sms/v2` (otp.ts). */
  private readonly otpPath: string;
  private readonly token: string;
  private readonly encodedToken: string;
  /** Per request (the write-ahead record's deadline is computed from it). */
  readonly timeoutMs: number;
  private readonly baseUrlSetting: string;

  constructor(options: KeccelClientOptions) {
    // Throws before anything is built: the token never leaves for a URL that would carry it in clear.
    const url = checkBaseUrl(options.baseUrl);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.otpPath = otpBasePath(this.basePath);
    this.token = options.token;
    this.encodedToken = encodeURIComponent(options.token);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.baseUrlSetting = options.baseUrlSetting ?? DEFAULT_BASE_URL_SETTING;
    this.http = new HttpTransport({
      timeoutMs: this.timeoutMs,
      proxyUrl: options.proxyUrl,
      logger: options.logger ?? silentLogger,
      maxRetries: options.maxRetries ?? 3,
      retryBaseDelayMs: options.retryBaseDelayMs ?? 300,
      secret: options.token,
      headers: options.headers,
      baseUrlSetting: this.baseUrlSetting,
    });
  }

  /**
   * POSTs one SMS to `message.asp`. Never retried and never throws for a gateway or transport result:
   * every attempt ends as an outcome the caller records (types.ts explains the four statuses).
   */
  send(req: SendRequest): Promise<SendOutcome> {
    const body = JSON.stringify({ token: this.token, to: req.to, from: req.from, message: req.message });
    return this.post(`${this.basePath}/message.asp`, body, parseSendAnswer);
  }

  /**
   * Asks the gateway to draw a code and send it by SMS (`otp/generate.asp`, a JSON POST). Like send(): never
   * retried (it sends an SMS and costs a credit) and every attempt ends as an outcome, `unknown` when the answer
   * was lost. A request the rules refuse (otp.ts) rejects with OtpRequestError before anything is sent.
   */
  async generateOtp(req: GenerateOtpRequest): Promise<SendOutcome> {
    const problem = checkGenerateOtp(req);
    if (problem) throw new OtpRequestError(problem);
    const fields: Record<string, string | number> = { token: this.token, to: req.to, from: req.from, message: req.message };
    if (req.length !== undefined) fields.length = req.length;
    if (req.lifetime !== undefined) fields.lifetime = req.lifetime;
    return this.post(`${this.otpPath}/generate.asp`, JSON.stringify(fields), parseOtpGenerateAnswer);
  }

  /**
   * Asks the gateway whether `otp` is the code it sent to `to` (`otp/validate.asp`, a GET). A check, so retried
   * like the other GETs; throws the typed errors of errors.ts, or OtpRequestError for an empty code.
   */
  async validateOtp(req: ValidateOtpRequest): Promise<OtpValidation> {
    const problem = checkValidateOtp(req);
    if (problem) throw new OtpRequestError(problem);
    const res = await this.get('validate.asp', { from: req.from, to: req.to, otp: req.otp.trim() }, this.otpPath, 'otp');
    const answer = this.parsed(() => parseOtpValidateAnswer(res.body));
    return answer.description === undefined ? answer : { ...answer, description: redactToken(answer.description, this.token) };
  }

  /** Pull delivery check. Throws the typed errors of errors.ts; `Rejected` throws GatewayRejectedError. */
  async delivery(messageId: string, from: string): Promise<DeliveryAnswer> {
    const res = await this.get('delivery.asp', { from, messageid: messageId });
    return this.parsed(() => parseDeliveryAnswer(res.body, messageId));
  }

  /** Remaining credits, expiration and account status. Throws like delivery(). */
  async balance(from: string): Promise<Balance> {
    const res = await this.get('balance.asp', { from });
    return this.parsed(() => parseBalanceAnswer(res.body));
  }

  /** Closes idle keep-alive connections. */
  close(): Promise<void> {
    return this.http.close();
  }

  /**
   * The one place that decides how GET parameters travel. The query string is the conventional form (most
   * clients of the live gateway); the Python SDK sends a JSON body on the GET, which the gateway accepts too.
   */
  private get(endpoint: string, params: Record<string, string>, basePath = this.basePath, hidden?: string): Promise<HttpResponse> {
    // encodeURIComponent rather than URLSearchParams: the same bytes for these values, at a fraction of the cost
    // per request (it showed in the profile of the benchmark).
    let rest = '';
    let logged = '';
    for (const name in params) {
      const pair = `${rest ? '&' : ''}${name}=`;
      rest += `${pair}${encodeURIComponent(params[name])}`;
      // A code being checked is a short-lived secret too: the log says a code was sent, not which.
      if (hidden !== undefined) logged += name === hidden ? `${pair}***` : `${pair}${encodeURIComponent(params[name])}`;
    }
    const path = `${basePath}/${endpoint}?token=`;
    // Not async: the promise is handed through, one layer fewer per request.
    return this.http.request({
      method: 'GET', origin: this.origin, path: `${path}${this.encodedToken}&${rest}`, logPath: `${path}***&${hidden === undefined ? rest : logged}`,
    });
  }

  /**
   * The one way a POST that sends an SMS goes out: once, never retried, and turned into an outcome whatever
   * happens. The gateway's description is shown and recorded: redacted like any text derived from an answer.
   */
  private async post(path: string, body: string, parse: (body: string, status: number) => SendOutcome): Promise<SendOutcome> {
    let status: number | undefined;
    try {
      const res = await this.http.request({ method: 'POST', origin: this.origin, path, body, logPath: path });
      status = res.status;
      const outcome = this.parsed(() => parse(res.body, res.status));
      const description = redactToken(outcome.description, this.token);
      return description === outcome.description ? outcome : { ...outcome, description };
    } catch (error) {
      return this.sendFailure(error, status);
    }
  }

  /**
   * Runs a parser on an answer exactly as received (masking the token in it first once turned `SENT` into
   * `SEN***` for the token `T`) and redacts only the texts derived from it that a user or the log sees: the
   * gateway's description in a refusal, the message and body excerpt of an unreadable answer. An error page
   * could echo the request, so those texts may hold the token.
   */
  private parsed<T>(parse: () => T): T {
    try {
      return parse();
    } catch (error) {
      if (error instanceof InvalidAnswerError) {
        throw new InvalidAnswerError(redactToken(error.message, this.token), redactToken(error.excerpt, this.token));
      }
      if (error instanceof GatewayRejectedError) throw new GatewayRejectedError(redactToken(error.description, this.token));
      throw error;
    }
  }

  /** Turns a failed send into the outcome a user can act on. */
  private sendFailure(error: unknown, httpStatus: number | undefined): SendOutcome {
    if (error instanceof TimeoutError) {
      return { status: 'unknown', description: `No answer from Keccel within ${formatSeconds(this.timeoutMs)}; ${NOT_SURE}` };
    }
    if (error instanceof NetworkError) {
      if (error.code === ANSWER_TOO_LARGE) {
        return { status: 'unknown', httpStatus, description: `Keccel's answer was larger than ${MAX_ANSWER_BYTES / 1024} KB and was cut off unread; ${NOT_SURE}` };
      }
      if (error.notSent) return { status: 'failed', description: `${error.message} The SMS was not sent.` };
      return { status: 'unknown', description: `The connection to Keccel broke before it answered; ${NOT_SURE}` };
    }
    if (error instanceof HttpStatusError) {
      const detail = error.bodyLine ? ` (${error.bodyLine})` : '';
      // IIS answers 404 before any script runs: a wrong URL never sends anything.
      if (error.status === 404) {
        return { status: 'failed', httpStatus: 404, description: `Keccel answered HTTP 404${detail}: check ${this.baseUrlSetting}. The SMS was not sent.` };
      }
      return { status: 'unknown', httpStatus: error.status, description: `Keccel answered HTTP ${error.status}${detail}; ${NOT_SURE}` };
    }
    if (error instanceof InvalidAnswerError) {
      return { status: 'unknown', httpStatus, description: `${error.message.replace(/\.$/, '')}; ${NOT_SURE}` };
    }
    if (error instanceof GatewayRejectedError || error instanceof KeccelError) {
      return { status: 'unknown', httpStatus, description: `${error.message} ${NOT_SURE}` };
    }
    // A bug of ours, not the gateway's: still an outcome, so the attempt is recorded.
    const text = error instanceof Error ? error.message : String(error);
    return { status: 'unknown', httpStatus, description: `Unexpected error (${redactToken(text, this.token)}); ${NOT_SURE}` };
  }
}
