// The globs of `keccel.smsTexts.files` (`lang/*/sms.php`, `**/sms/*.json`, `{lang,resources/lang}/**/sms.php`),
// matched against a path relative to the workspace folder, with `/` separators. The same subset as VS Code's
// file globs: `**`, `*`, `?`, `{a,b}`, `[abc]`.

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  const known = cache.get(glob);
  if (known) return known;
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') out += '(?:';
    else if (c === '}') out += ')';
    else if (c === ',') out += '|';
    else if (c === '[') {
      const close = glob.indexOf(']', i);
      if (close < 0) out += '\\[';
      else {
        out += glob.slice(i, close + 1);
        i = close;
      }
    } else out += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  const regex = new RegExp(`^${out}$`);
  cache.set(glob, regex);
  return regex;
}

/** True when the relative path matches one of the globs (a leading `./` or `/` in a glob is ignored). */
export function matchesAny(relativePath: string, globs: readonly string[]): boolean {
  const path = relativePath.replace(/\\/g, '/');
  return globs.some((glob) => globToRegExp(glob.replace(/^\.?\//, '')).test(path));
}
