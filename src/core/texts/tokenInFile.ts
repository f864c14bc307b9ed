// Where a stored API token is written in a file, and what replaces it. The tokens are compared in memory only:
// nothing here keeps, logs or returns a token, only offsets.
import type { Language } from './languages';
import { scan } from './scanner';

import { MIN_TOKEN_LENGTH } from '../tokenRules';
import { ENV_NAME } from './envFile';

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


/**
 * The expression that reads the token from the environment in this language, or undefined when the token has no
 * place in such a file at all (a Flutter app ships to phones: the token belongs on a server; JSON cannot read it).
 */
export function environmentRead(lang: Language, path: string, name = ENV_NAME): string | undefined {
  switch (lang) {
    case 'js':
      return `process.env.${name}`;
    case 'php':
      // Laravel reads .env only in config files (env() returns null elsewhere once the config is cached).
      return /(^|\/)config\/[^/]+\.php$/.test(path) ? `env('${name}')` : `getenv('${name}')`;
    case 'python':
      return `os.environ["${name}"]`;
    case 'java':
    case 'kotlin':
      return `System.getenv("${name}")`;
    case 'dart':
    case 'json':
      return undefined;
  }
}

/**
 * Python needs `import os` for os.environ: the line to add, and where, when the file lacks it. It goes after what
 * must stay first: a shebang and an encoding line (comments), the module docstring (which would otherwise become a
 * plain expression) and the `from __future__` imports (a SyntaxError anywhere else).
 */
export function importInsertion(lang: Language, src: string): { offset: number; text: string } | undefined {
  if (lang !== 'python') return undefined;
  if (/^[ \t]*import[ \t]+(?:[\w.]+[ \t]*,[ \t]*)*os\b(?![.\w])/m.test(src)) return undefined;
  const { tokens } = scan(src, 'python');
  let i = 0;
  let after = -1;
  if (tokens.at(0)?.kind === 'str') {
    after = tokens.at(0)!.end;
    i = 1;
  }
  while (tokens.at(i)?.value === 'from' && tokens.at(i + 1)?.value === '__future__' && tokens.at(i + 2)?.value === 'import') {
    i += 3;
    if (tokens.at(i)?.value === '(') {
      while (i < tokens.length && tokens.at(i)!.value !== ')') i++;
      after = tokens.at(i)?.end ?? src.length;
      i++;
    } else {
      const lineEnd = src.indexOf('\n', tokens.at(i - 1)!.end);
      after = lineEnd < 0 ? src.length : lineEnd;
      while (i < tokens.length && tokens.at(i)!.start < after) i++;
    }
  }
  if (after < 0) {
    // Nothing that must come first: before the first statement, below the comments that open the file.
    const first = tokens.at(0);
    if (first === undefined) return { offset: src.length, text: src === '' || src.endsWith('\n') ? 'import os\n' : '\nimport os\n' };
    return { offset: src.lastIndexOf('\n', first.start - 1) + 1, text: 'import os\n' };
  }
  const lineEnd = src.indexOf('\n', after);
  return lineEnd < 0 ? { offset: src.length, text: '\nimport os\n' } : { offset: lineEnd + 1, text: 'import os\n' };
}

/** `.gitignore` with `.env` in it (unchanged when a line already ignores it). */
export function withGitignoreEntry(gitignore: string): string {
  if (/^\/?\.env\s*$/m.test(gitignore)) return gitignore;
  const separator = gitignore === '' || gitignore.endsWith('\n') ? '' : '\n';
  return `${gitignore}${separator}.env\n`;
}

