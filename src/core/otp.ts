// Keccel's one-time-code endpoints (`/otp/generate.asp`, `/otp/validate.asp`): the rules a request must follow,
// checked before anything leaves, and the shapes the client and the simulator share. The gateway draws the code
// and puts it where the message says `%OTP%`; the live gateway never tells the sender which code it drew.
import { analyzeMessage, type SegmentInfo } from './segments';

/** Where the code goes in the message. Exact spelling, as the clients of the live service write it. */
export const OTP_PLACEHOLDER = '%OTP%';
export const MIN_OTP_LENGTH = 4;
export const MAX_OTP_LENGTH = 8;
/** What the clients of the live service send when they do not choose (the gateway's own default is not published). */
export const DEFAULT_OTP_LENGTH = 6;
export const MIN_OTP_LIFETIME_SECONDS = 60;
export const DEFAULT_OTP_LIFETIME_SECONDS = 300;

export interface GenerateOtpRequest {
  /** `243` + 9 digits (already normalised by the caller). */
  to: string;
  from: string;
  /** The SMS text, with `%OTP%` where the code goes. */
  message: string;
  /** Digits of the code, 4 to 8; left to the gateway when absent. */
  length?: number;
  /** Seconds the code stays valid, at least 60; left to the gateway when absent. */
  lifetime?: number;
}

export interface ValidateOtpRequest {
  to: string;
  from: string;
  /** The code the recipient typed. */
  otp: string;
}

/** The gateway's verdict on a code. */
export interface OtpValidation {
  valid: boolean;
  /** The gateway's own word (`VALID`, `INVALID`...), as it wrote it. */
  status: string;
  /** A reason, when the answer gave one (the simulator does; the live gateway is only known to say the status). */
  description?: string;
}

/** Why an OTP request cannot be sent: each has its own message, so the caller can say what to change. */
export type OtpProblem = 'noPlaceholder' | 'badLength' | 'badLifetime' | 'emptyCode';

const PROBLEM_TEXT: Record<OtpProblem, string> = {
  noPlaceholder: `The message must contain ${OTP_PLACEHOLDER} where the code goes.`,
  badLength: `The code length must be a whole number from ${MIN_OTP_LENGTH} to ${MAX_OTP_LENGTH}.`,
  badLifetime: `The code lifetime must be a whole number of seconds, at least ${MIN_OTP_LIFETIME_SECONDS}.`,
  emptyCode: 'The code to check is empty.',
};

/** An OTP request refused before any request was made: nothing was sent, nothing was charged. */
export class OtpRequestError extends Error {
  constructor(readonly problem: OtpProblem) {
    super(PROBLEM_TEXT[problem]);
    this.name = 'OtpRequestError';
  }
}

/** The first problem of a generate request, or undefined when it may be sent. */
export function checkGenerateOtp(req: Pick<GenerateOtpRequest, 'message' | 'length' | 'lifetime'>): OtpProblem | undefined {
  if (typeof req.message !== 'string' || !req.message.includes(OTP_PLACEHOLDER)) return 'noPlaceholder';
  if (req.length !== undefined && !(Number.isInteger(req.length) && req.length >= MIN_OTP_LENGTH && req.length <= MAX_OTP_LENGTH)) {
    return 'badLength';
  }
  if (req.lifetime !== undefined && !(Number.isInteger(req.lifetime) && req.lifetime >= MIN_OTP_LIFETIME_SECONDS)) return 'badLifetime';
  return undefined;
}

/** The problem of a validate request's code, or undefined. */
export function checkValidateOtp(req: Pick<ValidateOtpRequest, 'otp'>): OtpProblem | undefined {
  return typeof req.otp === 'string' && req.otp.trim() !== '' ? undefined : 'emptyCode';
}

/** The message with `code` in every place the template says `%OTP%`. */
export function fillOtp(template: string, code: string): string {
  return template.split(OTP_PLACEHOLDER).join(code);
}

/**
 * What the SMS costs before the code is known: the template with the longest code it can hold (the asked
 * length, else the longest allowed), digits being GSM-7 like any code the gateway draws.
 */
export function analyzeOtpMessage(template: string, length: number = MAX_OTP_LENGTH): SegmentInfo {
  return analyzeMessage(fillOtp(template, '0'.repeat(length)));
}

/**
 * The path of the OTP endpoints beside the SMS API: `/sms/v2` becomes `/otp`, and a prefix before it (a proxy's
 * `/keccel/sms/v2`) is kept; any other base path gives `/otp` at the origin, as on the live gateway.
 */
export function otpBasePath(smsBasePath: string): string {
  const match = /^(.*)\/sms\/v\d+\/?$/i.exec(smsBasePath);
  return `${match ? match[1] : ''}/otp`;
}
