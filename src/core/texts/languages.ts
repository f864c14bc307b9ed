// The languages whose string literals we read, grouped by how their literals are written. One small scanner per
// family (scanner.ts); the family also decides how an edited character is escaped (rewrite.ts) and how the
// environment is read in place of a token (tokenInFile.ts).

export type Language = 'js' | 'php' | 'python' | 'dart' | 'java' | 'kotlin' | 'json';

const BY_EXTENSION: Record<string, Language> = {
  js: 'js', mjs: 'js', cjs: 'js', jsx: 'js', ts: 'js', mts: 'js', cts: 'js', tsx: 'js', vue: 'js', svelte: 'js',
  php: 'php',
  py: 'python', pyw: 'python',
  dart: 'dart',
  java: 'java',
  kt: 'kotlin', kts: 'kotlin',
  json: 'json', jsonc: 'json', json5: 'json',
};

const BY_LANGUAGE_ID: Record<string, Language> = {
  javascript: 'js', typescript: 'js', javascriptreact: 'js', typescriptreact: 'js', vue: 'js', svelte: 'js',
  php: 'php', python: 'python', dart: 'dart', java: 'java', kotlin: 'kotlin', json: 'json', jsonc: 'json',
};

/** The language of a file from its name (`app/Http/Sms.php` → php), or undefined when we do not read it. */
export function languageOfPath(path: string): Language | undefined {
  const dot = path.lastIndexOf('.');
  if (dot < 0 || dot < path.lastIndexOf('/')) return undefined;
  return BY_EXTENSION[path.slice(dot + 1).toLowerCase()];
}

/** The language from an editor's language id, falling back to the file name. */
export function languageOf(languageId: string, path: string): Language | undefined {
  return BY_LANGUAGE_ID[languageId] ?? languageOfPath(path);
}

/** The file extensions we read, for workspace searches (`**\/*.{js,ts,...}`). */
export const TEXT_FILE_EXTENSIONS = Object.keys(BY_EXTENSION);
