// The simulator's OTP endpoints (`/otp/generate.asp`, `/otp/validate.asp`): pure logic on top of the account, as
// state.ts is for the SMS endpoints. Generate checks the request, draws a code, puts it into the message and sends
// that text through the account's own send (same checks, same debit by segments of the substituted text, same
// magic numbers, same delivery), so an OTP SMS is a message like any other, carrying its code for the developer.
// Validate answers as the live gateway is known to (`success` "True"/"False", `statusOTP` VALID/INVALID) and adds
// a `description` with the reason, which the live gateway is not known to give. A code's state (expiry, used,
// wrong tries) is kept on its message, so the state file keeps it and a restarted sandbox still checks it.
import { randomInt } from 'node:crypto';
import {
  DEFAULT_OTP_LENGTH, DEFAULT_OTP_LIFETIME_SECONDS, MAX_OTP_LENGTH, MIN_OTP_LENGTH, MIN_OTP_LIFETIME_SECONDS, OTP_PLACEHOLDER, fillOtp,
} from '../core/otp';
import { MAGIC_HTML_500, MAGIC_OTP_FIXED_CODE, MAGIC_RESET, MAGIC_SLOW } from './magic';
import type { Action, Answer, Params, SimMessage, SimulatorState } from './state';

/** Wrong codes allowed per code; the next check of that code fails whatever is typed. */
export const MAX_WRONG_TRIES = 3;
/** The code of MAGIC_OTP_FIXED_CODE, cut to the asked length, so an app's automated test can type it. */
export const FIXED_OTP_CODE = '12345678';

/** The code a number was last sent, and what became of it. */
export interface OtpEntry {
  to: string;
  code: string;
  /** The SMS that carried it. */
  messageId: string;
  /** ms since epoch, on the simulator's clock. */
  createdAt: number;
  expiresAt: number;
  wrongTries: number;
  used: boolean;
}

export class OtpDesk {
  /**
   * Number -> id of the message carrying its current code: one live code per number, a new code replaces the one
   * before, as a user asking again expects. Built from the messages on first use (they may come from the state file).
   */
  private latest: Map<string, string> | undefined;

  constructor(private readonly state: SimulatorState) {}

  /** The number's current code and its state (a copy), or undefined. */
  current(to: string): OtpEntry | undefined {
    const message = this.messageOf(to);
    if (!message) return undefined;
    return {
      to,
      code: message.otp!,
      messageId: message.messageId,
      createdAt: message.sentAt,
      expiresAt: message.otpExpiresAt ?? message.sentAt + DEFAULT_OTP_LIFETIME_SECONDS * 1000,
      wrongTries: message.otpWrongTries ?? 0,
      used: message.otpUsed ?? false,
    };
  }

  /** `otp/generate.asp`, with the merged, lower-cased parameters. */
  generate(params: Params, now: number): { action: Action; accepted?: SimMessage } {
    const refusal = this.state.refusal(params, ['token', 'to', 'from', 'message']);
    if (refusal) return { action: json(error(refusal.description)) };
    const template = params.get('message')!;
    if (!template.includes(OTP_PLACEHOLDER)) return { action: json(error(`The message parameter must contain ${OTP_PLACEHOLDER}`)) };
    const length = wholeNumber(params.get('length'), DEFAULT_OTP_LENGTH);
    if (length === undefined || length < MIN_OTP_LENGTH || length > MAX_OTP_LENGTH) {
      return { action: json(error(`The length parameter must be from ${MIN_OTP_LENGTH} to ${MAX_OTP_LENGTH}`)) };
    }
    const lifetime = wholeNumber(params.get('lifetime'), DEFAULT_OTP_LIFETIME_SECONDS);
    if (lifetime === undefined || lifetime < MIN_OTP_LIFETIME_SECONDS) {
      return { action: json(error(`The lifetime parameter must be at least ${MIN_OTP_LIFETIME_SECONDS} seconds`)) };
    }
    const to = params.get('to')!.trim();
    const code = to === MAGIC_OTP_FIXED_CODE ? FIXED_OTP_CODE.slice(0, length) : drawCode(length);
    const sms = new Map(params).set('message', fillOtp(template, code));
    const { action, accepted } = this.state.send(sms, now, { code, expiresAt: now + lifetime * 1000 });
    if (accepted) this.index().set(to, accepted.messageId);
    return { action: asOtpAnswer(action), accepted };
  }

  /** `otp/validate.asp`. A right code is valid once; each answer says why when it is not. */
  validate(params: Params, now: number): Action {
    const refusal = this.state.refusal(params, ['token', 'to', 'from', 'otp']);
    if (refusal) return json(error(refusal.description));
    const to = params.get('to')!.trim();
    // The transport failures of the magic numbers, so a client's handling of a lost check can be tried too.
    if (to === MAGIC_HTML_500) return { kind: 'html500' };
    if (to === MAGIC_RESET) return { kind: 'reset' };
    const answer = this.verdict(to, params.get('otp')!.trim(), now);
    return to === MAGIC_SLOW ? { kind: 'slow', body: answer } : json(answer);
  }

  private verdict(to: string, typed: string, now: number): Answer {
    const entry = this.current(to);
    const message = this.messageOf(to);
    if (!entry || !message) return invalid('No code was sent to this number');
    if (entry.used) return invalid('This code was already used');
    if (entry.wrongTries >= MAX_WRONG_TRIES) return invalid('Too many wrong codes: ask for a new code');
    if (now >= entry.expiresAt) return invalid('The code has expired');
    if (typed !== entry.code) {
      message.otpWrongTries = entry.wrongTries + 1;
      const left = MAX_WRONG_TRIES - message.otpWrongTries;
      return invalid(left > 0 ? `Wrong code (${left} ${left === 1 ? 'try' : 'tries'} left)` : 'Wrong code (no try left: ask for a new code)');
    }
    message.otpUsed = true;
    return { success: 'True', statusOTP: 'VALID' };
  }

  /** The message with the number's current code, if it is still kept (messages can be cleared or dropped). */
  private messageOf(to: string): SimMessage | undefined {
    const id = this.index().get(to);
    const message = id === undefined ? undefined : this.state.messages.get(id);
    return message?.otp === undefined ? undefined : message;
  }

  private index(): Map<string, string> {
    if (!this.latest) {
      this.latest = new Map();
      // Oldest first, so the newest code of each number wins.
      for (const message of this.state.messages.values()) if (message.otp !== undefined) this.latest.set(message.to, message.messageId);
    }
    return this.latest;
  }
}

/**
 * What a sandbox history record of this message adds for an OTP SMS (HistoryRecord `kind` and `otp`), for whatever
 * turns the simulator's messages into records: empty for a plain SMS.
 */
export function otpRecordFields(message: Pick<SimMessage, 'otp'>): { kind?: 'otp'; otp?: string } {
  return message.otp === undefined ? {} : { kind: 'otp', otp: message.otp };
}

/** A code of `length` digits, leading zeros included, from the system's CSPRNG (a sandbox code is still a code). */
function drawCode(length: number): string {
  return String(randomInt(0, 10 ** length)).padStart(length, '0');
}

/** A parameter as a whole number; `fallback` when absent or empty; undefined when not a whole number. */
function wholeNumber(value: string | undefined, fallback: number): number | undefined {
  const text = value?.trim() ?? '';
  if (text === '') return fallback;
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/** message.asp's answer in the words of generate.asp: `SENT` or `ERROR` with a description, no message id. */
function asOtpAnswer(action: Action): Action {
  if (action.kind !== 'json' && action.kind !== 'slow') return action;
  const { status, description } = action.body;
  const body = status === 'SENT' ? { status: 'SENT', description: 'OTP sent' } : error(description ?? status);
  return { kind: action.kind, body };
}

function error(description: string): Answer {
  return { status: 'ERROR', description };
}

function invalid(description: string): Answer {
  return { success: 'False', statusOTP: 'INVALID', description };
}

function json(body: Answer): Action {
  return { kind: 'json', body };
}
