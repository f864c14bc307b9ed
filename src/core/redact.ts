// The single place that hides the API token. Every log line goes through it (the extension's log), and so do
// the texts the client derives from an answer or an error (client.ts): the token travels in the query string of
// GETs and in the JSON body of sends, so both forms are covered.
//
// Two mechanisms, on purpose:
// - Structural (any token, any length): the value of a `token` query parameter and of a `"token"` JSON member.
//   That is everywhere our own requests put the token, so it never reaches a log line through them.
// - Literal substring masking of the token in free text (an undici error that quotes a URL, an excerpt of an
//   error page), for every token Set API Token accepts (8 characters or more; see isMaskableInText).
//   A short token such as `T` or `1000` masked as a substring corrupts honest text: `GET` became `GE***`,
//   `SENT` became `SEN***`, a balance of 1000 became `***`; such tokens (stored before that rule) are masked
//   only structurally (docs/decisions/token-masking.md). An all-digit token under 12 digits is masked where it
//   stands as a number of its own, never inside a longer one (a message id, a balance).
//   Redaction never touches data that is parsed.

const MASK = '***';

/** Below this length a token is masked only where its position is known (see isMaskableInText). */
export const MIN_TEXT_MASK_LENGTH = 8;

/**
 * Below this length an all-digit token is masked only as a whole digit run: balances, message ids, ports,
 * amounts and counts are digit runs of up to 11 characters in our texts, and a token that is only the start or
 * the end of one of them must not cut it. The 12-digit recipient numbers (`243...`) are not token-like: a token
 * equal to one is not worth protecting at the cost of masking a recipient in the history.
 */
export const MIN_NUMERIC_TEXT_MASK_LENGTH = 12;

/**
 * Whether `token` is masked in free text: at least 8 characters (what Set API Token accepts). A match of such a
 * string inside unrelated text (a status word, a method) is practically impossible, and an all-digit one under 12
 * digits is masked only as a number of its own, so masking cannot corrupt what a user reads.
 */
export function isMaskableInText(token: string | undefined): token is string {
  return !!token && token.length >= MIN_TEXT_MASK_LENGTH;
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
  // A short all-digit token is the token only where no digit touches it (not a piece of a message id or a balance).
  if (token.length < MIN_NUMERIC_TEXT_MASK_LENGTH && /^\d+$/.test(token)) pattern = `(?<!\\d)${pattern}(?!\\d)`;
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
