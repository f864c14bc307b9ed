// The SMS texts of one file with their analyses, and how they follow an edit: a change inside one text's literal
// that cannot change what is a literal (no quote, backslash, interpolation sign or line break typed or deleted)
// re-analyses that text only and shifts the others; anything else re-reads the file.
import { analyseFound, type TextAnalysis, type TextSettings } from './analysis';
import { findTexts, mentionsKeccel, type FoundText } from './finder';
import type { Language } from './languages';
import type { Literal } from './scanner';
import type { Change, EditedSource } from './editedSource';

export interface SmsText extends FoundText {
  analysis: TextAnalysis;
}

export interface FileTexts {
  lang: Language;
  allStrings: boolean;
  mentionsKeccel: boolean;
  texts: SmsText[];
}

/** Above this size a file is not read for texts (a data dump or a build output, not code someone types in). */
export const MAX_FILE_BYTES = 2_000_000;

/**
 * True for generated, minified code: few lines, very long ones. Its texts are the sources' texts, which are
 * checked where they are written.
 */
export function looksMinified(src: string): boolean {
  if (src.length < 5_000) return false;
  let lines = 1;
  for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) lines++;
  return src.length / lines > 500;
}

/** The same file as read before, with the same settings: its texts' analyses are reused where a text is unchanged. */
export interface PreviousRead {
  src: string;
  texts: readonly SmsText[];
}

/**
 * Finds and analyses the texts of `src`. With `previous`, a text written exactly as one of the previous read keeps
 * that text's analysis object: a key that made the file be read again (a quote typed) then changes the analyses,
 * and so the diagnostics sent to VS Code, of the texts it touched only.
 */
export function analyseFile(src: string, lang: Language, settings: TextSettings, allStrings = false,
  previous?: PreviousRead): FileTexts {
  const reusable = previous === undefined ? undefined : byWriting(previous);
  // The found objects get their analysis added (fresh from findTexts: a copy of each would be garbage).
  const texts: SmsText[] = findTexts(src, lang, { allStrings }).map((found) =>
    Object.assign(found, { analysis: reused(reusable, src, found) ?? analyseFound(src, found, settings) }));
  return { lang, allStrings, mentionsKeccel: mentionsKeccel(src), texts };
}

/** The previous texts by their source text (a list: the same text may be written twice). */
function byWriting({ src, texts }: PreviousRead): Map<string, SmsText[]> {
  const map = new Map<string, SmsText[]>();
  for (const text of texts) {
    const writing = src.slice(text.start, text.end);
    const list = map.get(writing);
    if (list === undefined) map.set(writing, [text]);
    else list.push(text);
  }
  return map;
}

/** The analysis of a previous text written the same way and cut into the same operands; each is reused once. */
function reused(reusable: Map<string, SmsText[]> | undefined, src: string, found: FoundText): TextAnalysis | undefined {
  const list = reusable?.get(src.slice(found.start, found.end));
  if (list === undefined) return undefined;
  const index = list.findIndex((old) => sameShape(old, found));
  if (index < 0) return undefined;
  return list.splice(index, 1)[0].analysis;
}

/** True when two texts have the same operands at the same places relative to their starts. */
function sameShape(a: FoundText, b: FoundText): boolean {
  if (a.operands.length !== b.operands.length || a.end - a.start !== b.end - b.start) return false;
  const da = a.start;
  const db = b.start;
  return a.operands.every((x, i) => {
    const y = b.operands[i];
    if (x.kind === 'expr' || y.kind === 'expr') {
      return x.kind === 'expr' && y.kind === 'expr' && x.start - da === y.start - db && x.end - da === y.end - db;
    }
    const p = x.lit;
    const q = y.lit;
    return p.kind === q.kind && p.delim === q.delim && p.fString === q.fString && p.start - da === q.start - db &&
      p.contentStart - da === q.contentStart - db && p.contentEnd - da === q.contentEnd - db &&
      p.exprs.length === q.exprs.length && p.exprs.every(([s, e], k) => s - da === q.exprs[k][0] - db && e - da === q.exprs[k][1] - db);
  });
}

export type { Change } from './editedSource';

// Characters that can open or close a literal, an escape or an interpolation, or a line (rule 2 works by line).
const STRUCTURAL = /['"`\\$\{\}\n\r]/;
// A mention of Keccel decides rule 1 for the whole file.
const MENTION = /keccel|\.asp/i;

/**
 * Brings `previous` up to date after `change` and applies the change to `source` (the text `previous` was read
 * from). Returns undefined, with `source` left as it was, when only a full `analyseFile` can say (the caller then
 * runs it on the new text).
 */
export function updateAfterChange(previous: FileTexts, source: EditedSource, change: Change,
  settings: TextSettings): FileTexts | undefined {
  if (STRUCTURAL.test(change.text) || MENTION.test(change.text)) return undefined;
  const index = indexOfTextHolding(previous.texts, change.start, change.end);
  if (index < 0) return undefined;
  const edited = previous.texts[index];
  // The keys of a burst land in the same text: only its range is copied and edited (editedSource.ts says why).
  source.focus(edited.start, edited.end);
  const removed = source.slice(change.start, change.end);
  if (STRUCTURAL.test(removed) || MENTION.test(removed)) return undefined;
  source.apply(change);
  const delta = change.text.length - (change.end - change.start);
  const texts = previous.texts.slice();
  const moved: FoundText = {
    ...edited,
    end: edited.end + delta,
    operands: edited.operands.map((operand) => {
      if (operand.kind === 'expr') {
        return operand.start >= change.end ? { ...operand, start: operand.start + delta, end: operand.end + delta } : operand;
      }
      const { lit } = operand;
      if (lit.start > change.start) return { kind: 'literal', lit: moveLiteral(lit, delta) };
      return { kind: 'literal', lit: lit.end > change.start ? shiftLiteral(lit, change.start, delta) : lit };
    }),
  };
  // Analysed on its own range: the offsets are moved to start at 0 (an analysis holds no offsets).
  const range = source.slice(moved.start, moved.end);
  texts[index] = { ...moved, analysis: analyseFound(range, shiftText(moved, -moved.start), settings) };
  for (let i = index + 1; i < texts.length; i++) texts[i] = shiftText(texts[i], delta);
  return { ...previous, texts };
}

/** The index of the text one of whose literals holds [start, end] in its content (not in an interpolation). */
function indexOfTextHolding(texts: SmsText[], start: number, end: number): number {
  let lo = 0;
  let hi = texts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const text = texts[mid];
    if (end < text.start) hi = mid - 1;
    else if (start > text.end) lo = mid + 1;
    else {
      for (const operand of text.operands) {
        if (operand.kind !== 'literal') continue;
        const { lit } = operand;
        if (start >= lit.contentStart && end <= lit.contentEnd &&
          lit.exprs.every(([s, e]) => end <= s || start >= e)) return mid;
      }
      return -1;
    }
  }
  return -1;
}

/** The literal that holds an edit at `at` in its content: its closing quote and what follows `at` move. */
function shiftLiteral(lit: Literal, at: number, delta: number): Literal {
  return {
    ...lit,
    end: lit.end + delta,
    contentEnd: lit.contentEnd + delta,
    exprs: lit.exprs.map(([s, e]) => (s >= at ? [s + delta, e + delta] : [s, e]) as [number, number]),
  };
}

function moveLiteral(lit: Literal, delta: number): Literal {
  return {
    ...lit,
    start: lit.start + delta,
    end: lit.end + delta,
    contentStart: lit.contentStart + delta,
    contentEnd: lit.contentEnd + delta,
    exprs: lit.exprs.map(([s, e]) => [s + delta, e + delta] as [number, number]),
  };
}

/** A text after the edit: every offset moves (its analysis holds no offsets). */
function shiftText<T extends FoundText>(text: T, delta: number): T {
  return {
    ...text,
    start: text.start + delta,
    end: text.end + delta,
    operands: text.operands.map((operand) =>
      operand.kind === 'expr'
        ? { ...operand, start: operand.start + delta, end: operand.end + delta }
        : { kind: 'literal', lit: moveLiteral(operand.lit, delta) }),
  };
}
