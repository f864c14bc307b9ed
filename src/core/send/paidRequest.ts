// What one paid request is, whatever started it: an SMS (`message.asp`) or a one-time code (`otp/generate.asp`).
// Built here so both are checked and composed the same way: the text is NFC-normalised before it is counted,
// recorded and sent (e + U+0301 is the GSM-7 é, not two UCS-2 characters), and the record's kind says which.
import type { KeccelClient } from '../client';
import { analyzeOtpMessage } from '../otp';
import { analyzeMessage, type SegmentInfo } from '../segments';
import type { HistoryRecord, SendOutcome } from '../types';

/** The part of the client a paid request uses. */
export type PaidClient = Pick<KeccelClient, 'send' | 'generateOtp' | 'timeoutMs'>;

/** What the gateway's side tells about an answer besides the answer itself (the sandbox's drawn code). */
export interface AnswerDetails {
  /** The outcome to record (the sandbox's own message id added to a code's answer, which has none). */
  outcome: SendOutcome;
  /** Fields only this kind of record has (a sandbox code's `otp`). */
  fields?: Partial<HistoryRecord>;
}

export interface PaidRequest {
  kind?: 'otp';
  /** `243` + 9 digits. */
  to: string;
  from: string;
  /** Composed (NFC); for a code, the template with `%OTP%`. */
  message: string;
  info: SegmentInfo;
  /** The one request, never retried. */
  post(client: PaidClient): Promise<SendOutcome>;
  /** Looked at once the answer came; `startedMs` is when the request was written ahead. */
  details?(outcome: SendOutcome, startedMs: number): AnswerDetails;
}

export function smsRequest(sms: { to: string; from: string; message: string }): PaidRequest {
  const message = sms.message.normalize('NFC');
  return {
    to: sms.to,
    from: sms.from,
    message,
    info: analyzeMessage(message),
    post: (client) => client.send({ to: sms.to, from: sms.from, message }),
  };
}

/** Where a sandbox code can be read (the simulator, in-process); the live gateway never tells it. */
export interface DrawnCodes {
  currentOtp(to: string): { code: string; messageId: string; createdAt: number } | undefined;
}

export interface OtpFields {
  to: string;
  from: string;
  /** The template, with `%OTP%` where the code goes. */
  message: string;
  length: number;
  lifetime: number;
}

export function otpRequest(otp: OtpFields, drawn?: DrawnCodes): PaidRequest {
  const message = otp.message.normalize('NFC');
  return {
    kind: 'otp',
    to: otp.to,
    from: otp.from,
    message,
    info: analyzeOtpMessage(message, otp.length),
    post: (client) => client.generateOtp({ to: otp.to, from: otp.from, message, length: otp.length, lifetime: otp.lifetime }),
    details: (outcome, startedMs) => {
      // Only a code drawn for this request (not an older one to the same number).
      const entry = drawn?.currentOtp(otp.to);
      const code = entry && entry.createdAt >= startedMs ? entry : undefined;
      if (!code) return { outcome };
      // The live answer has no message id; the sandbox's SMS has one, so it is followed to delivery like any other.
      const accepted = outcome.status === 'sent' || outcome.status === 'unknown';
      const withId = accepted && !outcome.messageId ? { ...outcome, messageId: code.messageId, untrackedReason: undefined } : outcome;
      return { outcome: withId, fields: { otp: code.code } };
    },
  };
}
