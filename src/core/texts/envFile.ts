// Which `.env` variable "Move the Token to .env" writes a token to. With several accounts, one file can hold the
// tokens of two of them: the code moved first reads KECCEL_TOKEN, and a second account's token must not replace it
// (that code would then send, and pay, with the other account). The rule:
// - a variable that already holds this very token is reused, and .env is not touched;
// - else KECCEL_TOKEN when .env has none, or has it empty (a template copied to .env: nothing is lost);
// - else KECCEL_TOKEN_<ACCOUNT NAME IN UPPER SNAKE CASE>, numbered (_2, _3, …) while that name holds another value.
// A line holding a value is never rewritten. Nothing here logs or returns the token apart from the new file text.

export const ENV_NAME = 'KECCEL_TOKEN';

export interface EnvPlan {
  /** The variable the code will read. */
  name: string;
  /** The new content of .env (the same text when `written` is false). */
  envFile: string;
  written: boolean;
}

/** `NAME=value` lines of a .env file, in the usual spellings: `export NAME=…`, quotes, spaces, a trailing comment. */
const LINE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*(.*?)[ \t]*\r?$/gm;

export function readEnvValues(envFile: string): Map<string, { value: string; index: number; length: number }> {
  const values = new Map<string, { value: string; index: number; length: number }>();
  for (const match of envFile.matchAll(LINE)) {
    values.set(match[1], { value: unquote(match[2]), index: match.index, length: match[0].length });
  }
  return values;
}

function unquote(raw: string): string {
  const quote = raw[0];
  if ((quote === '"' || quote === "'") && raw.indexOf(quote, 1) > 0) return raw.slice(1, raw.indexOf(quote, 1));
  return raw.replace(/[ \t]+#.*$/, '');
}

/** `Boutique Élégance (prod)` → `BOUTIQUE_ELEGANCE_PROD`; '' when nothing Latin is left. */
export function envSuffix(accountName: string): string {
  return accountName
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

export function planEnvEntry(envFile: string, token: string, accountName: string): EnvPlan {
  const values = readEnvValues(envFile);
  for (const [name, { value }] of values) {
    if (value === token && (name === ENV_NAME || name.startsWith(`${ENV_NAME}_`))) return { name, envFile, written: false };
  }
  const current = values.get(ENV_NAME);
  const value = envValue(token);
  if (current === undefined) return { name: ENV_NAME, envFile: appendLine(envFile, `${ENV_NAME}=${value}`), written: true };
  if (current.value === '') {
    const line = `${ENV_NAME}=${value}`;
    const next = envFile.slice(0, current.index) + line + envFile.slice(current.index + current.length).replace(/^\r(?=\n)/, '');
    return { name: ENV_NAME, envFile: next, written: true };
  }
  const suffix = envSuffix(accountName);
  const base = suffix === '' ? ENV_NAME : `${ENV_NAME}_${suffix}`;
  let name = base;
  for (let n = 2; values.has(name); n++) name = `${base}_${n}`;
  return { name, envFile: appendLine(envFile, `${name}=${value}`), written: true };
}

/** The token as a .env value: in single quotes (read literally by dotenv and phpdotenv) when a space, `#`, a quote or `$` would change it. */
function envValue(token: string): string {
  return /[\s#"'`$\\]/.test(token) && !token.includes("'") ? `'${token}'` : token;
}

function appendLine(text: string, line: string): string {
  const separator = text === '' || text.endsWith('\n') ? '' : '\n';
  return `${text}${separator}${line}\n`;
}
