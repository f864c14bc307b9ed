// Checks many files one after the other for `keccel.checkSmsTexts`, giving the event loop back between files so
// the editor stays responsive (one file's analysis is a few milliseconds at most; files above MAX_FILE_BYTES and
// minified ones are skipped). Reading and listing the files is the caller's: the extension uses VS Code's
// workspace API, the bench the file system.
//
// With a translation index (the files of keccel.smsTexts.files, read once by the caller for the whole check), the
// translation calls of each file are counted too: a call whose key a listed file holds is one more text, with the
// problems of its worst locales (translationProblems, as the editor shows them on the call). Without one, no file is
// searched for calls.
import type { TextSettings } from './analysis';
import { analyseFile, looksMinified, MAX_FILE_BYTES, type SmsText } from './fileTexts';
import { matchesAny } from './glob';
import { languageOfPath, type Language } from './languages';
import { findTranslationCalls } from './translationCalls';
import { translationProblems, type ResolvedCall, type TranslationIndex } from './translations';

export interface CheckedFile<F> {
  file: F;
  /** The text read (the offsets of the texts and calls are in it). */
  src: string;
  texts: SmsText[];
  /** The file's translation calls whose key a listed file holds (empty without a translation index). */
  calls: ResolvedCall[];
}

export interface CheckOptions<F> {
  /** Path relative to its workspace folder, `/`-separated (for the language and `keccel.smsTexts.files`). */
  relativePath(file: F): string;
  /** The file's text, or undefined when it cannot be read (it is then skipped). */
  read(file: F): Promise<string | undefined>;
  settings: TextSettings;
  globs: readonly string[];
  /** The translation files' texts, to count the calls with; leave it out when keccel.smsTexts.files is empty. */
  translations?: TranslationIndex;
  isCancelled(): boolean;
  onProgress?(done: number, total: number): void;
  /** Called for every file checked, also those without texts (so their old problems can be cleared). */
  onFile(result: CheckedFile<F>): void;
}

export interface CheckSummary {
  files: number;
  texts: number;
  problems: number;
  skipped: number;
}

export async function checkFiles<F>(files: readonly F[], options: CheckOptions<F>): Promise<CheckSummary> {
  const summary: CheckSummary = { files: 0, texts: 0, problems: 0, skipped: 0 };
  for (let i = 0; i < files.length; i++) {
    if (options.isCancelled()) break;
    const file = files[i];
    const relative = options.relativePath(file);
    const lang = languageOfPath(relative);
    const src = lang === undefined ? undefined : await options.read(file);
    const texts = lang === undefined || src === undefined || src.length > MAX_FILE_BYTES || looksMinified(src)
      ? undefined
      : analyseOrSkip(src, lang, options.settings, matchesAny(relative, options.globs));
    if (lang === undefined || src === undefined || texts === undefined) {
      summary.skipped++;
    } else {
      const calls = options.translations ? resolvedCalls(src, lang, options.translations) : [];
      summary.files++;
      summary.texts += texts.length + calls.length;
      for (const text of texts) summary.problems += text.analysis.problems.length;
      for (const { translations } of calls) summary.problems += translationProblems(translations).length;
      options.onFile({ file, src, texts, calls });
    }
    options.onProgress?.(i + 1, files.length);
    // Give the event loop a turn between files, whatever read() did.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return summary;
}

/**
 * The file's texts, or undefined for a file nested too deep for the scanner's recursion (thousands of literals one
 * inside another: no real source, but one such file must not end the check of the whole workspace).
 */
function analyseOrSkip(src: string, lang: Language, settings: TextSettings, allStrings: boolean): SmsText[] | undefined {
  try {
    return analyseFile(src, lang, settings, allStrings).texts;
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/** The calls of a file that the index can resolve: a key no listed file holds has no known cost, so no text. */
function resolvedCalls(src: string, lang: Language, index: TranslationIndex): ResolvedCall[] {
  return findTranslationCalls(src, lang).map((call) => index.resolveCall(call)).filter((resolved) => resolved.translations.length > 0);
}
