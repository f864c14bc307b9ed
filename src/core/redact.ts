// The single place that hides the API token. Every log line goes through it (the extension's log), and so do
// the texts the client derives from an answer or an error (client.ts): the token travels in the query string of
// GETs and in the JSON body of sends, so both forms are covered.
//
// Two mechanisms, on purpose:
// - Structural (any token, any length): the value of a `token` query parameter and of a `"token"` JSON member.
//   That is everywhere our own requests put the token, so it never reaches a log line through them.
// - Literal substring masking of the token in free text (an undici error that quotes a URL, an excerpt of an
//   error page), only for tokens long enough that a match cannot be an accident (see isMaskableInText).
//   A short token such as `T` or `1000` masked as a substring corrupts honest text: `GET` became `GE***`,
//   `SENT` became `SEN***`, a balance of 1000 became `***`. Redaction never touches data that is parsed.

const MASK = '***';

/** Below this length a token is masked only where its position is known (see isMaskableInText). */
export const MIN_TEXT_MASK_LENGTH = 8;

/**
 * Below this length an all-digit token is masked only structurally: balances, message ids, ports, amounts
 * and counts are digit runs of up to 11 characters in our texts, so such a token could match one by accident.
 * The 12-digit recipient numbers (`243...`) are not token-like: a token equal to one is not worth protecting
 * at the cost of masking a recipient in the history.
 */
export const MIN_NUMERIC_TEXT_MASK_LENGTH = 12;

/**
 * Whether `token` is masked wherever it occurs in free text. True for at least 8 characters, and for an
 * all-digit token at least 12 digits: a match of such a string inside unrelated text (a status word, a
 * method, a balance, a message id) is practically impossible, so masking it cannot corrupt what a user reads.
 */
export function isMaskableInText(token: string | undefined): token is string {
  if (!token || token.length < MIN_TEXT_MASK_LENGTH) return false;
  return token.length >= MIN_NUMERIC_TEXT_MASK_LENGTH || !/^\d+$/.test(token);
}

/**
 * Replaces the value of every `token` query parameter (any case) in a URL, a path or a bare query string
 * (`token=abc&from=G`) with `***`, whatever the token's length.
 */
export function redactUrl(url: string): string {
  return url.replace(/(^|[?&;\s])(token=)[^&#\s]*/gi, `$1$2${MASK}`);
}

/**
 * The token as it may appear in text: as it is, or URL-encoded once or twice, by encodeURIComponent or as a form
 * (URLSearchParams: `+` for a space, `~ ! ' ( ) *` escaped too), with upper- or lower-case hex digits. Letters and
 * digits are matched as they are (case-sensitive); each other character also as its percent-escapes.
 */
function encodedForms(token: string): RegExp {
  const known = patterns.get(token);
  if (known) return known;
  const hexCase = (hex: string) => hex.replace(/[A-F]/g, (digit) => `[${digit}${digit.toLowerCase()}]`);
  let pattern = '';
  for (const char of token) {
    if (/[A-Za-z0-9]/.test(char)) {
      pattern += char;
      continue;
    }
    const bytes = [...utf8.encode(char)].map((byte) => byte.toString(16).toUpperCase().padStart(2, '0'));
    const once = bytes.map((hex) => `%${hexCase(hex)}`).join('');
    const twice = bytes.map((hex) => `%25${hexCase(hex)}`).join('');
    const alternatives = [char.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&'), once, twice, ...(char === ' ' ? ['\\+', '%2[bB]'] : [])];
    pattern += `(?:${alternatives.join('|')})`;
  }
  const regex = new RegExp(pattern, 'g');
  // Few tokens per session (the live one, the sandbox's): each pattern is built once.
  patterns.set(token, regex);
  return regex;
}

const patterns = new Map<string, RegExp>();
const utf8 = new TextEncoder();

/**
 * Removes the token from text that is shown or logged (never from data about to be parsed): `token=...`
 * query parameters and `"token":"..."` JSON members always; the token's literal occurrences (also
 * URL-encoded) only when isMaskableInText(token).
 */
export function redactToken(text: string, token?: string): string {
  let out = text;
  if (isMaskableInText(token)) out = out.replace(encodedForms(token), MASK);
  return redactUrl(out).replace(/("token"\s*:\s*)(?:"(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*)/gi, `$1"${MASK}"`);
}
