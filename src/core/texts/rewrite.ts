// The two quick fixes of an SMS text in code, as source edits: "Replace typographic punctuation" (the spelling
// stays) and "Rewrite as GSM-7" (accents too). The character choices are the composer's (rewriteToGsm7); here we
// only decide which of them a fix takes and write each one back into its literal so the file still parses:
// a `'` produced inside a single-quoted literal is escaped, a `"` inside a double-quoted one too, and
// placeholders are never touched (they are not text pieces).
import { analyzeMessage, rewriteToGsm7, type SegmentInfo } from '../segments';
import type { Piece, TextPiece } from './decode';
import type { Literal } from './scanner';
import { runtimeText } from './analysis';

export type FixKind = 'punctuation' | 'gsm7';

export interface SourceEdit {
  start: number;
  end: number;
  text: string;
}

export interface TextFix {
  kind: FixKind;
  edits: SourceEdit[];
  /** Worst-case cost before and after, for the fix's title. */
  before: SegmentInfo;
  after: SegmentInfo;
}

const LETTER = /\p{L}/u;

/**
 * GSM-7 forms a language may read as an escape, an interpolation or a format rather than as text (fullwidth or
 * small ＄ ＼ ｛ ｝ ％ → $ \ { } %): written into the literal, `＄{…}` would become code that runs, `＼n` a newline,
 * `｛name｝` an f-string field and `％s` a conversion. Such a character stays as it is.
 */
const ACTIVE_IN_LITERALS = /[\\${}%]/;

/** True for a substitution that keeps the spelling: punctuation and spaces, or a decomposed letter recomposed. */
export function keepsSpelling(from: string, to: string): boolean {
  if (from.normalize('NFC') === to) return true;
  return !LETTER.test(from) && !LETTER.test(to);
}

/**
 * The fixes worth offering for a text: the punctuation one when it makes the text GSM-7 on its own, the GSM-7
 * one when it changes more than that. None when the text is already as GSM-7 as it can be.
 */
export function fixesFor(pieces: Piece[], placeholderLength: number): TextFix[] {
  const before = analyzeMessage(runtimeText(pieces, placeholderLength));
  const fixes: TextFix[] = [];
  const punctuation = buildFix('punctuation', pieces, placeholderLength, before);
  const full = buildFix('gsm7', pieces, placeholderLength, before);
  if (punctuation && punctuation.after.encoding === 'GSM-7') fixes.push(punctuation);
  if (full && (!punctuation || full.edits.length !== punctuation.edits.length)) fixes.push(full);
  return fixes;
}

/** One fix whatever it achieves (undefined when it changes nothing). */
export function buildFix(kind: FixKind, pieces: Piece[], placeholderLength: number, before: SegmentInfo): TextFix | undefined {
  const edits: SourceEdit[] = [];
  const rewritten: Piece[] = pieces.map((piece) => {
    if (piece.kind !== 'text') return piece;
    const { text, edits: pieceEdits } = rewritePiece(piece, kind);
    edits.push(...pieceEdits);
    return { ...piece, text };
  });
  if (edits.length === 0) return undefined;
  const after = analyzeMessage(runtimeText(rewritten, placeholderLength));
  return { kind, edits, before, after };
}

function rewritePiece(piece: TextPiece, kind: FixKind): { text: string; edits: SourceEdit[] } {
  const rewrite = rewriteToGsm7(piece.text);
  const edits: SourceEdit[] = [];
  let text = '';
  let last = 0;
  for (const { from, to, index } of rewrite.replaced) {
    if (kind === 'punctuation' && !keepsSpelling(from, to)) continue;
    if (ACTIVE_IN_LITERALS.test(to)) continue;
    const encoded = encodeForLiteral(to, piece.lit);
    if (encoded === undefined) continue; // a raw literal cannot hold this quote: the character stays
    edits.push({ start: piece.map[index], end: piece.map[index + from.length], text: encoded });
    text += piece.text.slice(last, index) + to;
    last = index + from.length;
  }
  text += piece.text.slice(last);
  return { text, edits };
}

/** `chars` as written inside `lit`, or undefined when a raw literal cannot hold one of them. */
export function encodeForLiteral(chars: string, lit: Literal): string | undefined {
  if (lit.delim === '<<<') return chars;
  const quote = lit.delim[0];
  if (!chars.includes(quote)) return chars;
  if (lit.kind === 'python-raw' || lit.kind === 'dart-raw' || lit.kind === 'kotlin-raw') return undefined;
  return chars.split(quote).join('\\' + quote);
}

/** Applies edits (non-overlapping, any order) to a source text. */
export function applyEdits(src: string, edits: SourceEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = src;
  for (const edit of sorted) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}
