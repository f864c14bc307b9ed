// The SMS texts of one file with their analyses, and how they follow an edit: a change inside one text's literal
// that cannot change what is a literal (no quote, backslash, interpolation sign or line break typed or deleted)
// re-analyses that text only and shifts the others; anything else re-reads the file.
import { analyseFound, type TextAnalysis, type TextSettings } from './analysis';
import { findTexts, mentionsKeccel, type FoundText } from './finder';
import type { Language } from './languages';
import type { Literal } from './scanner';

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

export function analyseFile(src: string, lang: Language, settings: TextSettings, allStrings = false): FileTexts {
  const texts = findTexts(src, lang, { allStrings }).map((found) => ({ ...found, analysis: analyseFound(src, found, settings) }));
  return { lang, allStrings, mentionsKeccel: mentionsKeccel(src), texts };
}

export interface Change {
  /** Offsets in the text before the change. */
  start: number;
  end: number;
  /** The inserted text. */
  text: string;
}

// Characters that can open or close a literal, an escape or an interpolation, or a line (rule 2 works by line).
const STRUCTURAL = /['"`\\$\{\}\n\r]/;

/**
 * Brings `previous` up to date after `change` (already applied: `src` is the new text). Returns undefined when
 * only a full `analyseFile` can say (the caller then runs it).
 */
export function updateAfterChange(previous: FileTexts, src: string, change: Change, oldText: string,
  settings: TextSettings): FileTexts | undefined {
  const removed = oldText.slice(change.start, change.end);
  if (STRUCTURAL.test(removed) || STRUCTURAL.test(change.text)) return undefined;
  if (/keccel|\.asp/i.test(removed) || /keccel|\.asp/i.test(change.text)) return undefined;
  const index = indexOfTextHolding(previous.texts, change.start, change.end);
  if (index < 0) return undefined;
  const delta = change.text.length - (change.end - change.start);
  const texts = previous.texts.slice();
  const edited = texts[index];
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
  texts[index] = { ...moved, analysis: analyseFound(src, moved, settings) };
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
function shiftText(text: SmsText, delta: number): SmsText {
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
