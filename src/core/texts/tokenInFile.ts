// Where a stored API token is written in a file, and what replaces it. The tokens are compared in memory only:
// nothing here keeps, logs or returns a token, only offsets.
import type { Language } from './languages';
import { scan } from './scanner';

import { MIN_TOKEN_LENGTH } from '../tokenRules';

export interface TokenHit {
  start: number;
  end: number;
  /** The string literal that holds the token, when it is one (what the quick fix replaces). */
  literal?: { start: number; end: number };
}

/** Every place one of `tokens` appears in `src`. */
export function findTokens(src: string, tokens: readonly string[]): Array<{ start: number; end: number }> {
  const hits: Array<{ start: number; end: number }> = [];
  for (const token of tokens) {
    if (token.length < MIN_TOKEN_LENGTH) continue;
    for (let i = src.indexOf(token); i >= 0; i = src.indexOf(token, i + token.length)) {
      hits.push({ start: i, end: i + token.length });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** The hits with the literal around each (a literal whose whole content is the token). */
export function findTokensInCode(src: string, lang: Language | undefined, tokens: readonly string[]): TokenHit[] {
  const hits: TokenHit[] = findTokens(src, tokens);
  if (hits.length === 0 || lang === undefined) return hits;
  const { literals } = scan(src, lang).tokens;
  for (const hit of hits) {
    const lit = literals.find((l) => l.contentStart === hit.start && l.contentEnd === hit.end);
    if (lit) hit.literal = { start: lit.start, end: lit.end };
  }
  return hits;
}

export const ENV_NAME = 'KECCEL_TOKEN';

/**
 * The expression that reads the token from the environment in this language, or undefined when the token has no
 * place in such a file at all (a Flutter app ships to phones: the token belongs on a server; JSON cannot read it).
 */
export function environmentRead(lang: Language, path: string): string | undefined {
  switch (lang) {
    case 'js':
      return `process.env.${ENV_NAME}`;
    case 'php':
      // Laravel reads .env only in config files (env() returns null elsewhere once the config is cached).
      return /(^|\/)config\/[^/]+\.php$/.test(path) ? `env('${ENV_NAME}')` : `getenv('${ENV_NAME}')`;
    case 'python':
      return `os.environ["${ENV_NAME}"]`;
    case 'java':
    case 'kotlin':
      return `System.getenv("${ENV_NAME}")`;
    case 'dart':
    case 'json':
      return undefined;
  }
}

/** Python needs `import os` for os.environ: the line to add at the top when the file lacks it. */
export function importNeeded(lang: Language, src: string): string | undefined {
  if (lang !== 'python') return undefined;
  return /^\s*(import\s+os\b|from\s+os\s+import)/m.test(src) ? undefined : 'import os\n';
}

/** `.env` with `KECCEL_TOKEN=<token>` set (replacing an existing line), keeping every other line. */
export function withEnvEntry(envFile: string, token: string): string {
  const line = `${ENV_NAME}=${token}`;
  const pattern = new RegExp(`^${ENV_NAME}=.*$`, 'm');
  if (pattern.test(envFile)) return envFile.replace(pattern, () => line);
  const separator = envFile === '' || envFile.endsWith('\n') ? '' : '\n';
  return `${envFile}${separator}${line}\n`;
}

/** `.gitignore` with `.env` in it (unchanged when a line already ignores it). */
export function withGitignoreEntry(gitignore: string): string {
  if (/^\/?\.env\s*$/m.test(gitignore)) return gitignore;
  const separator = gitignore === '' || gitignore.endsWith('\n') ? '' : '\n';
  return `${gitignore}${separator}.env\n`;
}
