// Tolerant reading of the gateway's answers. The live service pretty-prints with CRLF, may add a BOM,
// mixes the casing of keys (`messageID` / `messageid`) and of statuses (`SENT` / `Sent`), sends the balance
// as a string and the expiration as `31-Dec-2021 06:46:17` in Kinshasa time (or as an empty string).
// Functions here never see the token; callers redact the excerpts they keep.
import { GatewayRejectedError, InvalidAnswerError } from './errors';
import type { OtpValidation } from './otp';
import type { Balance, DeliveryAnswer, SendOutcome } from './types';

/** Kinshasa (West Central Africa Time) is UTC+1 all year, without daylight saving. */
const KINSHASA_OFFSET_MS = 60 * 60 * 1000;

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

/** A JSON object from the gateway; read its fields with textField/hasField, which ignore key casing. */
export type AnswerFields = Record<string, unknown>;

/** Parses a body into a JSON object; throws InvalidAnswerError when it is not one. */
export function parseAnswer(body: string): AnswerFields {
  // JSON.parse skips the CRLFs and spaces itself; only a BOM must go.
  const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidAnswerError('Keccel sent an answer that is not JSON.', excerpt(text));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidAnswerError('Keccel sent an answer that is not a JSON object.', excerpt(text));
  }
  return value as AnswerFields;
}

/** A field by lower-case name, whatever the gateway's casing (`messageID`, `messageid`, `Status`). */
function fieldOf(fields: AnswerFields, lowerName: string): unknown {
  if (Object.hasOwn(fields, lowerName)) return fields[lowerName];
  // Rare path: a differently cased key. Answers have three or four keys, so a scan is cheap.
  for (const key of Object.keys(fields)) if (key.toLowerCase() === lowerName) return fields[key];
  return undefined;
}

/** A field as trimmed text ('' when absent or null). */
export function textField(fields: AnswerFields, name: string): string {
  const value = fieldOf(fields, name.toLowerCase());
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value.trim() : String(value).trim();
}

// Status words, compared lower-cased (the gateway mixes `SENT`, `Sent`...). Sets, not regexes: this runs
// on every answer and shows in the client benchmark.
const ACCEPTED = new Set(['sent', 'submitted', 'accepted', 'success', 'ok']);
/** `Rejected` / `Error`...: the gateway's way of refusing a request with HTTP 200. */
const REFUSED = new Set(['rejected', 'error', 'invalid', 'failure']);
/** Final failure words a gateway or carrier may use in a delivery report. */
const FAILED_DELIVERY = new Set(['failed', 'undelivered', 'undeliverable', 'undeliv', 'expired', 'deleted', 'rejected_by_network']);

/** Why a `sent` outcome without an id is not followed to delivery (recorded with it, shown in its tooltip). */
export const NO_MESSAGE_ID = 'Keccel accepted the message but gave no message ID, so its delivery cannot be checked.';

function isRefusal(status: string): boolean {
  return REFUSED.has(status.toLowerCase());
}

/**
 * The `message.asp` answer as an outcome: `sent` (with the id) or `rejected` (with the gateway's words).
 * Anything else throws InvalidAnswerError: the caller reports it as `unknown`.
 */
export function parseSendAnswer(body: string, httpStatus?: number): SendOutcome {
  const fields = parseAnswer(body);
  const status = textField(fields, 'status');
  const description = textField(fields, 'description');
  const lower = status.toLowerCase();
  if (ACCEPTED.has(lower)) {
    // An opaque string (numeric in the v2 examples, a UUID from v1): taken as it is, never parsed as a number.
    const messageId = textField(fields, 'messageid');
    if (!messageId) {
      // The gateway said it took the message: it is sent (and charged), only its delivery cannot be asked about.
      return { status: 'sent', description: description || 'Message sent', httpStatus, untrackedReason: NO_MESSAGE_ID };
    }
    return { status: 'sent', messageId, description: description || 'Message sent', httpStatus };
  }
  if (REFUSED.has(lower) || lower === 'failed') {
    return { status: 'rejected', description: description || `Rejected by Keccel (${status})`, httpStatus };
  }
  throw new InvalidAnswerError(
    status ? `Keccel answered with an unexpected status "${status}".` : 'Keccel answered without a status.',
    excerpt(body),
  );
}

/**
 * The `delivery.asp` answer. DELIVERED and the failure words are final; any other status (PENDING, SENT,
 * SUBMITTED, ...) means no report yet. A refusal (`Rejected`, `Error`) throws GatewayRejectedError.
 */
export function parseDeliveryAnswer(body: string, requestedId: string): DeliveryAnswer {
  const fields = parseAnswer(body);
  const raw = textField(fields, 'status');
  if (!raw) throw new InvalidAnswerError('Keccel answered the delivery check without a status.', excerpt(body));
  if (isRefusal(raw)) throw new GatewayRejectedError(textField(fields, 'description') || raw);
  const messageId = textField(fields, 'messageid') || requestedId;
  const lower = raw.toLowerCase();
  if (lower === 'delivered') return { messageId, status: 'delivered', raw };
  if (FAILED_DELIVERY.has(lower)) return { messageId, status: 'failed', raw };
  return { messageId, status: 'pending', raw };
}

/** The `balance.asp` answer: string or number balance, empty expiration as null, status lower-cased. */
export function parseBalanceAnswer(body: string): Balance {
  const fields = parseAnswer(body);
  const status = textField(fields, 'status');
  const balanceText = textField(fields, 'balance');
  const hasBalance = balanceText !== '';
  if (!hasBalance && isRefusal(status)) throw new GatewayRejectedError(textField(fields, 'description') || status);
  // `1,234` or `1 234` would be a thousands separator; Number('') would be 0, hence hasBalance.
  const balance = Number(/[\s,]/.test(balanceText) ? balanceText.replace(/[\s,]/g, '') : balanceText);
  if (!hasBalance || !Number.isFinite(balance)) {
    throw new InvalidAnswerError('Keccel answered the balance check without a usable balance.', excerpt(body));
  }
  return {
    balance,
    expiration: parseKeccelDate(textField(fields, 'expiration')),
    status: (status || 'unknown').toLowerCase(),
  };
}

// OTP answers. Generate says `SENT` or `ERROR` (no message id); validate says `{"success": "True", "statusOTP":
// "VALID"}` with strings, and clients meet other spellings (`status: "VALID"`, booleans), so each is accepted.
const OTP_REFUSED = new Set(['error', 'rejected', 'failure']);
const TRUE_WORDS = new Set(['true', '1', 'yes', 'ok', 'success']);
const FALSE_WORDS = new Set(['false', '0', 'no']);
const VALID_WORDS = new Set(['valid', 'validated', 'verified', 'approved', 'success', 'ok']);
const INVALID_WORDS = new Set(['invalid', 'expired', 'used', 'wrong', 'failed', 'notfound', 'not_found', 'blocked', 'locked']);

/**
 * The `otp/generate.asp` answer as a send outcome: `sent` (the SMS with the code left; a message id only if the
 * answer has one) or `rejected` (the gateway's words). Anything else throws InvalidAnswerError: reported `unknown`.
 */
export function parseOtpGenerateAnswer(body: string, httpStatus?: number): SendOutcome {
  const fields = parseAnswer(body);
  const status = textField(fields, 'status');
  const description = textField(fields, 'description');
  const lower = status.toLowerCase();
  if (ACCEPTED.has(lower)) {
    const messageId = textField(fields, 'messageid');
    return { status: 'sent', ...(messageId ? { messageId } : {}), description: description || 'Code sent', httpStatus };
  }
  if (OTP_REFUSED.has(lower) || REFUSED.has(lower) || lower === 'failed') {
    return { status: 'rejected', description: description || `Rejected by Keccel (${status})`, httpStatus };
  }
  throw new InvalidAnswerError(
    status ? `Keccel answered the code request with an unexpected status "${status}".` : 'Keccel answered the code request without a status.',
    excerpt(body),
  );
}

/**
 * The `otp/validate.asp` answer. `success` decides when present ("True"/"False", a boolean, 1/0); else the status
 * word (`statusOTP`, or `status`). When both are there and disagree the answer cannot be trusted either way:
 * InvalidAnswerError. A refusal of the request itself (`status: "ERROR"`, bad token) throws GatewayRejectedError.
 */
export function parseOtpValidateAnswer(body: string): OtpValidation {
  const fields = parseAnswer(body);
  const success = textField(fields, 'success') || textField(fields, 'valid');
  const statusOtp = textField(fields, 'statusotp') || textField(fields, 'otpstatus');
  const status = textField(fields, 'status');
  const description = textField(fields, 'description') || textField(fields, 'message');
  if (!success && !statusOtp && OTP_REFUSED.has(status.toLowerCase())) throw new GatewayRejectedError(description || status);
  const word = statusOtp || status;
  const byWord = verdictOf(word.toLowerCase().replace(/[\s-]/g, ''), VALID_WORDS, INVALID_WORDS);
  const bySuccess = verdictOf(success.toLowerCase(), TRUE_WORDS, FALSE_WORDS);
  if (bySuccess === undefined && byWord === undefined) {
    throw new InvalidAnswerError('Keccel answered the code check without a usable verdict.', excerpt(body));
  }
  if (bySuccess !== undefined && byWord !== undefined && bySuccess !== byWord) {
    throw new InvalidAnswerError(`Keccel answered the code check with a contradiction (success "${success}", status "${word}").`, excerpt(body));
  }
  const valid = (bySuccess ?? byWord) === true;
  return { valid, status: word || (valid ? 'VALID' : 'INVALID'), ...(description ? { description } : {}) };
}

function verdictOf(word: string, yes: Set<string>, no: Set<string>): boolean | undefined {
  if (yes.has(word)) return true;
  if (no.has(word)) return false;
  return undefined;
}

/**
 * `31-Dec-2021 06:46:17` (Kinshasa time, UTC+1) to an ISO instant (`2021-12-31T05:46:17.000Z`).
 * Also accepts `2021-12-31 06:46:17` and `31/12/2021 06:46:17` (a classic ASP server prints dates in its
 * locale). Empty, missing or unreadable: null.
 */
export function parseKeccelDate(s: string | null | undefined): string | null {
  const text = (s ?? '').trim();
  // Every balance answer repeats the same expiration: remember the last one.
  if (text === lastDate.text) return lastDate.iso;
  const iso = parseDate(text);
  lastDate = { text, iso };
  return iso;
}

let lastDate: { text: string; iso: string | null } = { text: '', iso: null };

function parseDate(text: string): string | null {
  if (!text) return null;
  let parts: [number, number, number, number, number, number] | undefined;
  let m = /^(\d{1,2})[-\s]([A-Za-z]{3})[A-Za-z]*[-\s](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (m) {
    const month = MONTHS[m[2].toLowerCase()];
    if (month === undefined) return null;
    parts = [Number(m[3]), month, Number(m[1]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  } else if ((m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text))) {
    parts = [Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  } else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text))) {
    parts = [Number(m[3]), Number(m[2]) - 1, Number(m[1]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  }
  if (!parts) return null;
  const [year, month, day, hour, minute, second] = parts;
  if (day < 1 || day > 31 || month < 0 || month > 11 || hour > 23 || minute > 59 || second > 59) return null;
  const utc = Date.UTC(year, month, day, hour, minute, second) - KINSHASA_OFFSET_MS;
  // Reject dates that rolled over (31-Feb): the calendar day must survive the round trip.
  const check = new Date(utc + KINSHASA_OFFSET_MS);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month) return null;
  return new Date(utc).toISOString();
}

/** Formats an instant the way the gateway does, in Kinshasa time: `31-Dec-2021 06:46:17`. */
export function formatKeccelDate(date: Date): string {
  const d = new Date(date.getTime() + KINSHASA_OFFSET_MS);
  const month = Object.keys(MONTHS)[d.getUTCMonth()];
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${pad(d.getUTCDate())}-${month[0].toUpperCase()}${month.slice(1)}-${d.getUTCFullYear()} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/** A short single-line excerpt of a body for error details. */
export function excerpt(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? line.slice(0, 119) + '…' : line;
}
