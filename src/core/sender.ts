// The one sender-name check, used by the send service (every way of sending) and by the composer's live check,
// so the palette cannot send what the composer refuses. An alphanumeric sender ID is at most 11 characters on
// GSM networks (the gateway truncates or refuses more), and it travels in GSM-7, one line.
import { isGsm7 } from './gsm7';

export const MAX_SENDER_LENGTH = 11;

/** Why a sender name cannot be used: each gets its own message, so the user knows what to change. */
export type SenderProblem = 'empty' | 'tooLong' | 'invalid';

/** The problem with `sender` (trimmed first, as every caller sends it trimmed), or undefined when it is usable. */
export function checkSender(sender: string): SenderProblem | undefined {
  const value = sender.trim();
  if (value === '') return 'empty';
  if ([...value].length > MAX_SENDER_LENGTH) return 'tooLong';
  // GSM-7 letters, digits, space and punctuation only; no line breaks, form feed or escape (control characters).
  if (!isGsm7(value) || /[\r\n\f\x1b]/.test(value)) return 'invalid';
  return undefined;
}
