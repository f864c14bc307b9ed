// What a Keccel API token must look like before it is checked with the gateway. Keccel's tokens are opaque
// strings (the documentation's example has 12 characters); one under 8 characters is a piece of a token pasted
// by mistake, and one that short could not be masked in free text without corrupting it (redact.ts).
import { MIN_TEXT_MASK_LENGTH } from './redact';

/** The shortest token Set API Token accepts: also the shortest the redactor masks in free text. */
export const MIN_TOKEN_LENGTH = MIN_TEXT_MASK_LENGTH;

/** True when a token (already trimmed) is too short to be stored. */
export function isTooShortToken(token: string): boolean {
  return token.length < MIN_TOKEN_LENGTH;
}
