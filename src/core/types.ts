// The shapes every part of the core agrees on: the API client's answers, the history record, the poller's
// view of the gateway. Plain data only, so the VS Code layer, the simulator and tests can all share them.

export type Encoding = 'GSM-7' | 'UCS-2';

/** What became of a `message.asp` POST. */
export type SendStatus = 'sent' | 'rejected' | 'unknown' | 'failed';

/** Where an accepted message stands; `undefined` on records that were never accepted. */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'expired';

export interface SendRequest {
  /** `243` + 9 digits (already normalised by the caller). */
  to: string;
  from: string;
  message: string;
}

/**
 * The outcome of one send. Never an exception for a gateway answer: the caller records every attempt.
 * - `sent`: the gateway accepted it (status Sent/SENT), normally with a message id (see `untrackedReason`).
 * - `rejected`: the gateway answered with `Rejected` (HTTP 200); `description` is its own words.
 * - `unknown`: the request may have reached the gateway but no usable answer came back (timeout after the
 *   body was written, connection reset, HTML error page, unparseable body). Never resend automatically.
 * - `failed`: the request certainly never reached the gateway (DNS failure, connection refused).
 */
export interface SendOutcome {
  status: SendStatus;
  messageId?: string;
  description: string;
  /** HTTP status when an answer came back. */
  httpStatus?: number;
  /** Set on a `sent` outcome that cannot be followed to delivery: why (the gateway gave no message ID). */
  untrackedReason?: string;
}

export interface Balance {
  /** Remaining credits (the gateway sends a string; parsed to a number). */
  balance: number;
  /** ISO 8601 instant, or null when the gateway gave none (empty string). */
  expiration: string | null;
  /** The account status as the gateway wrote it, lower-cased (`active`, `inactive`, `expired`...). */
  status: string;
}

/** Normalised answer of `delivery.asp`. */
export interface DeliveryAnswer {
  messageId: string;
  /** `delivered` / `failed` are final; `pending` means no report yet (anything else the gateway says). */
  status: 'delivered' | 'failed' | 'pending';
  /** The gateway's raw status text, for the tooltip and the log. */
  raw: string;
}

/** The part of the API client the poller needs; lets tests hand it the real client or a thin adapter. */
export interface DeliveryChecker {
  delivery(messageId: string, from: string): Promise<DeliveryAnswer>;
}

/**
 * Where a record stands, in one word: the delivery state once accepted, else the send outcome (`notSent` is a
 * send that never left, `sendStatus: 'failed'`, so it is not confused with a failed delivery).
 */
export type RecordState = 'pending' | 'delivered' | 'failed' | 'expired' | 'sent' | 'rejected' | 'unknown' | 'notSent';

/** One change of a record's state, kept in the order it happened (the details page shows them all). */
export interface StatusEvent {
  /** ISO 8601. */
  at: string;
  status: RecordState;
  /** The gateway's words (or ours, when it never answered) at that moment. */
  description?: string;
}

/** One request/answer exchange with the gateway, kept on sandbox records (the sandbox helper writes them). */
export interface WireExchange {
  at: string;
  method: string;
  path: string;
  /** The request's parameters; the token is masked before it is stored. */
  params: Record<string, string>;
  requestBody?: string;
  status: number;
  responseBody: string;
  durationMs: number;
}

/** One line of history: every send attempt, accepted or not. Plain JSON (README, "Your history file"). */
export interface HistoryRecord {
  /** Local id (unique, sortable by creation). */
  id: string;
  /** The gateway's id, when it gave one. */
  messageId?: string;
  /** Normalised `243` + 9 digits (as sent when it is no DRC mobile number). */
  to: string;
  /**
   * Sandbox sends of another client only: the recipient exactly as the request carried it, when that differs from
   * `to` (an app that sent `0812345678`). The gateway rejects such a number: the details page shows what was sent.
   */
  sentTo?: string;
  from: string;
  /** Absent when `history.storeMessageText` is off. */
  message?: string;
  encoding: Encoding;
  segments: number;
  sendStatus: SendStatus;
  description: string;
  deliveryStatus?: DeliveryStatus;
  /** ISO 8601. */
  sentAt: string;
  /** ISO 8601. */
  updatedAt: string;
  /** ISO 8601 of the last delivery check, if any. */
  lastCheckedAt?: string;
  /** Number of delivery checks made so far (drives the poller's backoff). */
  checks?: number;
  /** True for messages sent through the built-in simulator. */
  sandbox: boolean;
  /**
   * True from the moment the attempt is written (before its request leaves) until its outcome is recorded
   * (core/attempt.ts). Such a record is `unknown` meanwhile: the request may already have reached the gateway.
   */
  inFlight?: boolean;
  /** ISO 8601, on an in-flight record: after this no window can still be waiting for its answer. */
  inFlightUntil?: string;
  /** True when the window that sent it went away before the answer came (`unknown`: it may have gone through). */
  interrupted?: boolean;
  /** On a `sent` record without delivery tracking: why it cannot be tracked (no message ID was given). */
  untrackedReason?: string;
  /** `otp` for an SMS sent by the OTP endpoint (the gateway drew a code and put it where `message` says %OTP%). */
  kind?: 'otp';
  /**
   * Sandbox OTP records only: the code the simulator drew, read from it in-process so the developer can type it
   * into the app under test. The live gateway never tells the code, so a live record never has one.
   */
  otp?: string;
  /** Every state change, oldest first (records written before this field existed have none). */
  events?: StatusEvent[];
  /**
   * Who sent it: the extension, or (sandbox only) another client such as an app or curl; `lookup` for a message
   * another app sent, recorded from its ID by "Look Up Message" (no recipient or text: `to` is empty).
   */
  origin?: RecordOrigin | 'lookup';
  /** The name of the account it was sent from (records written before accounts have none: the implicit one's). */
  account?: string;
  /** Sandbox only: the exchanges on the wire for this message. */
  wire?: WireExchange[];
  /** Sandbox only: the delivery reports pushed to `keccel.sandbox.callbackUrl` for this message. */
  pushes?: CallbackPush[];
}

export type RecordOrigin = 'vscode' | 'app';

/** One delivery report the sandbox pushed to a callback URL (`GET <url>?messageID=…&status=…`). */
export interface CallbackPush {
  /** ISO 8601, when the push started. */
  at: string;
  /** The URL called, query included. */
  url: string;
  status: 'DELIVERED' | 'FAILED';
  /** The callback's HTTP status, when it answered. */
  httpStatus?: number;
  /** Why it did not succeed: `refused`, `timeout`, `non-2xx`, or another network error's code. */
  error?: string;
  durationMs: number;
}

/** Injected time source, so the poller and the balance logic can be tested on a fake clock. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // A pending poll must never keep a CLI or test process alive on its own.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Minimal logger the core writes to; the VS Code layer adapts a LogOutputChannel to it. */
export interface Logger {
  trace(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { trace() {}, info() {}, warn() {}, error() {} };
