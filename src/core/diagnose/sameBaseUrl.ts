// The token goes only to the active account's own base URL: this says whether a base URL is that one. Its own
// file, so the extension can ask without loading the diagnosis.

/** Whether two base URLs name the same endpoint (scheme, host, port and path; a trailing slash aside). */
export function sameBaseUrl(a: string, b: string): boolean {
  const normal = (raw: string) => {
    try {
      const url = new URL(raw.trim());
      return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
    } catch {
      return undefined;
    }
  };
  const left = normal(a);
  return left !== undefined && left === normal(b);
}
