// String literals for each snippet language, exact for any text: quotes, backslashes, `$`, newlines, emoji,
// accents. Printable characters stay as they are (a French text stays readable); only what the language would
// read differently, and characters an editor would hide or break a line on, are escaped.

/** Control characters, the Unicode line and paragraph separators, the BOM and lone surrogates. */
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const hex = (code: number, width: number) => code.toString(16).toUpperCase().padStart(width, '0');

/**
 * A POSIX shell word that is exactly `text`: inside single quotes nothing is special, and a quote is written
 * `'\''` (close, escaped quote, reopen).
 */
export function shellQuote(text: string): string {
  return `'${shellQuoteBody(text)}'`;
}

/** The inside of a single-quoted shell string (for words built of several quoted parts). */
export function shellQuoteBody(text: string): string {
  return text.replace(/'/g, `'\\''`);
}

/**
 * A JSON string, which is also a JavaScript string literal (ES2019 and later). JSON.stringify escapes the C0 controls
 * and lone surrogates; the characters an editor hides or breaks a line on (C1 controls, U+2028, U+2029, the BOM)
 * it leaves as they are, so they are escaped here too.
 */
export function jsonString(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${hex(c.charCodeAt(0), 4).toLowerCase()}`);
}

/** A JavaScript string literal. */
export const jsString = jsonString;

/** A Python 3 string literal in double quotes (`\u`/`\U` escapes only for hidden characters). */
export function pythonString(text: string): string {
  const named: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (named[char]) out += named[char];
    else if (HIDDEN.test(char)) out += code > 0xffff ? `\\U${hex(code, 8)}` : `\\u${hex(code, 4)}`;
    else out += char;
  }
  return `"${out}"`;
}

/**
 * A PHP expression that is exactly `text`: single-quoted pieces (only `\` and `'` are special there, `$` is not)
 * joined with `.` to double-quoted escapes for line breaks and hidden characters, so a CRLF checkout of the file
 * cannot change the message.
 */
export function phpString(text: string): string {
  const pieces: string[] = [];
  let literal = '';
  const flush = () => {
    if (literal) pieces.push(`'${literal.replace(/[\\']/g, (c) => `\\${c}`)}'`);
    literal = '';
  };
  for (const char of text) {
    if (!HIDDEN.test(char)) {
      literal += char;
      continue;
    }
    flush();
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    const code = char.codePointAt(0)!;
    // Lone surrogates have no UTF-8 form; PHP's \u{} would refuse them too, so they become U+FFFD as any encoder does.
    const escape = named[char] ?? (code >= 0xd800 && code <= 0xdfff ? '\\u{FFFD}' : `\\u{${hex(code, 4)}}`);
    // Consecutive escapes share one double-quoted string ("\r\n").
    const last = pieces[pieces.length - 1];
    if (last?.startsWith('"')) pieces[pieces.length - 1] = `${last.slice(0, -1)}${escape}"`;
    else pieces.push(`"${escape}"`);
  }
  flush();
  return pieces.length ? pieces.join(' . ') : "''";
}
