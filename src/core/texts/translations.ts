// The texts of translation files, by the key a translation call names, so `__('sms.welcome')` can be counted where
// it is called. The files are the ones the user lists in `keccel.smsTexts.files`; the editor reads them, this only
// parses. Three layouts:
// - Laravel PHP arrays, `lang/fr/sms.php` holding `'welcome' => '…'`: the key is the file's name, then the array
//   keys (`sms.welcome`, `sms.otp.login` for a nested array); the locale is the folder;
// - Laravel JSON, `lang/fr.json`, keyed by the whole string (`__('Your code is ready')`); the locale is the name;
// - i18next-style JSON, `locales/fr/translation.json`, nested objects for `t('otp.sent')` (a flat `"otp.sent"` key
//   too), and `t('sms:welcome')` for the namespace file `locales/fr/sms.json`; the locale is the folder.
// `trans_choice` picks one of the forms of a text (`{0} none|{1} one|[2,*] :count`): the costliest is counted.
import { analyseFile, type SmsText } from './fileTexts';
import { analysePieces, piecesOf, type Problem, type TextAnalysis, type TextSettings } from './analysis';
import { decodeLiteral, type Piece } from './decode';
import { languageOfPath, type Language } from './languages';
import { scan, type Token } from './scanner';
import type { TranslationCall } from './translationCalls';

export interface TranslationFile {
  /** Relative to the workspace folder, `/` separators. */
  path: string;
  src: string;
}

export interface Translation {
  key: string;
  locale: string;
  path: string;
  text: SmsText;
  /** For `trans_choice`: the costliest of the forms of `{0} none|{1} one|[2,*] :count`, when there are several. */
  choice?: SmsText;
}

export interface ResolvedCall {
  call: TranslationCall;
  /** Every locale's text for the call's key; empty when no file holds the key (or, in the editor, none is read yet). */
  translations: Translation[];
}

const LOCALE = /^[a-z]{2}(?:[-_][A-Za-z]{2,4})?$/;

/** The translations of one file, each under every key a call may use for it. */
export function translationsOf(file: TranslationFile, settings: TextSettings): Translation[] {
  const lang = languageOfPath(file.path);
  if (lang !== 'php' && lang !== 'json') return [];
  const { folder, base } = splitPath(file.path);
  const parentIsLocale = LOCALE.test(folder);
  const locale = lang === 'php' || parentIsLocale || !LOCALE.test(base) ? folder : base;
  const paths = keyPaths(file.src, lang);
  const out: Translation[] = [];
  for (const text of analyseFile(file.src, lang, settings, true).texts) {
    const keyPath = paths.get(text.start);
    if (keyPath === undefined) continue;
    const dotted = keyPath.join('.');
    const keys = lang === 'php' ? [`${base}.${dotted}`] : parentIsLocale ? [dotted, `${base}:${dotted}`] : [dotted];
    const choice = costliestForm(file.src, text, settings);
    for (const key of keys) out.push(choice ? { key, locale, path: file.path, text, choice } : { key, locale, path: file.path, text });
  }
  return out;
}

// Laravel's plural forms: `apple|apples`, `{0} none|{1} one|[2,*] :count`: the marker opens a form.
const RANGE_MARKER = /^\s*\[\s*[-\d*]+\s*,\s*[-\d*]+\s*\]\s*/;
const EXACT_MARKER = /^\{\d+\}$/;

/** The form of a `trans_choice` text that costs most (its marker left out), or undefined for a single form. */
function costliestForm(src: string, text: SmsText, settings: TextSettings): SmsText | undefined {
  const pieces = piecesOf(src, text, false);
  if (!pieces.some((p) => p.kind === 'text' && p.text.includes('|'))) return undefined;
  const forms: Piece[][] = [[]];
  for (const piece of pieces) {
    if (piece.kind !== 'text') {
      forms[forms.length - 1].push(piece);
      continue;
    }
    piece.text.split('|').forEach((part, i) => {
      if (i > 0) forms.push([]);
      if (part !== '') forms[forms.length - 1].push({ ...piece, text: part, map: [] });
    });
  }
  let worst: SmsText | undefined;
  for (const form of forms) {
    const first = form[0];
    if (first?.kind === 'placeholder' && EXACT_MARKER.test(first.source)) form.shift();
    const head = form[0];
    if (head?.kind === 'text') form[0] = { ...head, text: head.text.replace(RANGE_MARKER, '').replace(/^\s+/, '') };
    const candidate: SmsText = { ...text, analysis: analysePieces(form, settings) };
    if (worst === undefined || order(candidate.analysis) > order(worst.analysis)) worst = candidate;
  }
  return worst;
}

function order(analysis: TextAnalysis): number {
  const { worst } = analysis;
  return worst.segments * 1e6 + (worst.encoding === 'UCS-2' ? 1e5 : 0) + worst.characters;
}

function splitPath(path: string): { folder: string; base: string } {
  const parts = path.split('/');
  const name = parts[parts.length - 1];
  return { folder: parts[parts.length - 2] ?? '', base: name.slice(0, name.lastIndexOf('.')) };
}

/** For each string value of a PHP array or JSON object, its key path: `['otp', 'login']`, by the value's offset. */
function keyPaths(src: string, lang: Language): Map<number, string[]> {
  const { tokens } = scan(src, lang);
  const paths = new Map<number, string[]>();
  const stack: Array<string | undefined> = [];
  let pending: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens.at(i)!;
    const next = tokens.at(i + 1);
    if (token.kind === 'str' && next?.kind === 'punct' && (next.value === ':' || next.value === '=>')) {
      pending = keyOf(src, token);
      i++;
      continue;
    }
    if (token.kind === 'punct') {
      if (token.value === '(' || token.value === '[' || token.value === '{') {
        stack.push(pending);
        pending = undefined;
      } else if (token.value === ')' || token.value === ']' || token.value === '}') {
        stack.pop();
        pending = undefined;
      } else if (token.value === ',') pending = undefined;
      continue;
    }
    if (token.kind === 'str' && pending !== undefined) {
      paths.set(token.start, [...stack.filter((key): key is string => key !== undefined), pending]);
      pending = undefined;
    }
  }
  return paths;
}

function keyOf(src: string, token: Token): string | undefined {
  const pieces = decodeLiteral(src, token.lit!, false);
  if (pieces.some((piece) => piece.kind !== 'text')) return undefined;
  return pieces.map((piece) => (piece.kind === 'text' ? piece.text : '')).join('');
}

/** The translations of many files, looked up by key. */
export class TranslationIndex {
  private readonly byKey = new Map<string, Translation[]>();

  constructor(files: readonly TranslationFile[], settings: TextSettings) {
    for (const file of files) {
      for (const translation of translationsOf(file, settings)) {
        const list = this.byKey.get(translation.key) ?? [];
        list.push(translation);
        this.byKey.set(translation.key, list);
      }
    }
  }

  /** Every locale's text for the key (by path, so the order is stable). */
  resolve(key: string, fn?: string): Translation[] {
    const found = (this.byKey.get(key) ?? []).slice().sort((a, b) => a.path.localeCompare(b.path));
    return fn === 'trans_choice' ? found.map((t) => (t.choice ? { ...t, text: t.choice } : t)) : found;
  }

  resolveCall(call: TranslationCall): ResolvedCall {
    return { call, translations: this.resolve(call.key, call.fn) };
  }
}

/** The translation that costs most: most segments, then UCS-2, then most characters. */
export function worstTranslation(translations: readonly Translation[]): Translation | undefined {
  let worst: Translation | undefined;
  for (const t of translations) {
    if (worst === undefined || costOrder(t) > costOrder(worst)) worst = t;
  }
  return worst;
}

function costOrder(t: Translation): number {
  return order(t.text.analysis);
}

/** Each problem of the call once: as the worst locale that has it words it, with the files that have it. */
export function translationProblems(translations: readonly Translation[]): Array<{ problem: Problem; paths: string[] }> {
  const byCode = new Map<string, { problem: Problem; paths: string[] }>();
  for (const t of translations) {
    for (const problem of t.text.analysis.problems) {
      const known = byCode.get(problem.code);
      if (known === undefined) byCode.set(problem.code, { problem, paths: [t.path] });
      else {
        known.paths.push(t.path);
        if (problem.segments > known.problem.segments) known.problem = problem;
      }
    }
  }
  return [...byCode.values()];
}

/** The `keccel.smsTexts.files` glob for a translation file and its siblings in other locales: the locale becomes `*`. */
export function globFor(path: string): string {
  const parts = path.split('/');
  const name = parts[parts.length - 1];
  const dot = name.lastIndexOf('.');
  const base = name.slice(0, dot);
  if (parts.length >= 2 && LOCALE.test(parts[parts.length - 2])) parts[parts.length - 2] = '*';
  else if (LOCALE.test(base)) parts[parts.length - 1] = `*${name.slice(dot)}`;
  return parts.join('/');
}

/** Where a key's text usually lives when no file of the workspace holds it. */
export function conventionalGlob(key: string, lang: Language): string {
  const dot = key.indexOf('.');
  const simpleKey = /^[\w-]+(\.[\w-]+)+$/.test(key);
  if (lang === 'php') return simpleKey ? `lang/*/${key.slice(0, dot)}.php` : 'lang/*.json';
  if (lang === 'dart') return 'assets/translations/*.json';
  const colon = key.indexOf(':');
  return colon > 0 ? `locales/*/${key.slice(0, colon)}.json` : 'locales/*/translation.json';
}
