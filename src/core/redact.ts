// The single place that hides the API token. Every log line and every error message goes through it:
// the token travels in the query string of GETs and in the JSON body of sends, so both forms are covered.

const MASK = '***';

/** Replaces the value of every `token` query parameter (any case) in a URL or path with `***`. */
export function redactUrl(url: string): string {
  return url.replace(/([?&]token=)[^&#\s]*/gi, `$1${MASK}`);
}

/**
 * Removes the token from free text: its literal occurrences (also URL-encoded), `token=...` query
 * parameters and `"token":"..."` JSON members.
 */
export function redactToken(text: string, token?: string): string {
  let out = text;
  if (token) {
    out = out.split(token).join(MASK);
    const encoded = encodeURIComponent(token);
    if (encoded !== token) out = out.split(encoded).join(MASK);
  }
  return redactUrl(out).replace(/("token"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, `$1"${MASK}"`);
}
