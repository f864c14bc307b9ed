// What one SMS text found in code will cost, and what is wrong with it: the same counting as the composer
// (segments.ts), on the run-time text with each placeholder filled at its configured length.
import { analyzeMessage, rewriteToGsm7, type SegmentInfo } from '../segments';
import { isCombiningMark } from '../gsm7';
import { decodeLiteral, type Piece } from './decode';
import type { FoundText } from './finder';
import { OTP_LENGTH, splitPlaceholders } from './placeholders';

export interface TextSettings {
  /** Characters counted for each placeholder (`keccel.smsTexts.placeholderLength`). */
  placeholderLength: number;
  /** More segments than this is a problem (`keccel.smsTexts.maxSegments`). */
  maxSegments: number;
}

export const DEFAULT_TEXT_SETTINGS: TextSettings = { placeholderLength: 12, maxSegments: 2 };

export type ProblemCode = 'sms-ucs2-avoidable' | 'sms-ucs2' | 'sms-segments' | 'sms-decomposed' | 'sms-crlf';

export interface Problem {
  code: ProblemCode;
  severity: 'warning' | 'information';
  /** The characters named in the message (distinct, in text order): the UCS-2 culprits or the decomposed letters. */
  chars: string[];
  /** Worst-case segments now, and after the GSM-7 rewrite for `sms-ucs2-avoidable`. */
  segments: number;
  segmentsAfter?: number;
}

export interface Culprit {
  char: string;
  /** Its GSM-7 form ('' when it can be dropped), undefined when it has none. */
  replacement?: string;
}

export interface TextAnalysis {
  /** Placeholders at their configured length: what the diagnostics and the hint count. */
  worst: SegmentInfo;
  /** The run-time text with empty placeholders (`%OTP%` still 8 digits): the best case, counted when shown. */
  bestText: string;
  /** The run-time text with the worst-case fill, for splitting into parts in the hover. */
  worstText: string;
  /** The text with its placeholders as written, for the composer. */
  composerText: string;
  placeholders: number;
  culprits: Culprit[];
  problems: Problem[];
}

export function analyseFound(src: string, found: FoundText, settings: TextSettings): TextAnalysis {
  return analysePieces(piecesOf(src, found, false), settings);
}

/** Decodes every operand of a found text into text and placeholder pieces (with source offsets for a rewrite). */
export function piecesOf(src: string, found: FoundText, withOffsets = true): Piece[] {
  const pieces: Piece[] = [];
  for (const operand of found.operands) {
    if (operand.kind === 'literal') pieces.push(...decodeLiteral(src, operand.lit, withOffsets));
    // An expression between two literals is shown in braces, so the composer's user sees what to fill in.
    else pieces.push({ kind: 'placeholder', source: `{${src.slice(operand.start, operand.end)}}` });
  }
  return splitPlaceholders(pieces);
}

export function runtimeText(pieces: Piece[], placeholderLength: number): string {
  let text = '';
  for (const piece of pieces) {
    if (piece.kind === 'text') text += piece.text;
    else text += piece.otp === true ? '0'.repeat(OTP_LENGTH) : 'x'.repeat(placeholderLength);
  }
  return text;
}

export function analysePieces(pieces: Piece[], settings: TextSettings): TextAnalysis {
  const worstText = runtimeText(pieces, settings.placeholderLength);
  const worst = analyzeMessage(worstText);
  const bestText = runtimeText(pieces, 0);
  let composerText = '';
  let placeholders = 0;
  let crlf = false;
  const decomposed: string[] = [];
  for (const piece of pieces) {
    if (piece.kind === 'placeholder') {
      composerText += piece.source;
      placeholders++;
      continue;
    }
    composerText += piece.text;
    if (piece.text.includes('\r\n')) crlf = true;
    for (let i = 1; i < piece.text.length; i++) {
      if (isCombiningMark(piece.text.charCodeAt(i))) {
        const letter = (piece.text[i - 1] + piece.text[i]).normalize('NFC');
        if (letter.length === 1 && !decomposed.includes(letter)) decomposed.push(letter);
      }
    }
  }
  const culprits: Culprit[] = [];
  for (const { char, replacement } of worst.ucs2Chars) {
    if (culprits.some((c) => c.char === char)) continue;
    culprits.push(replacement === undefined ? { char } : { char, replacement });
  }
  const problems: Problem[] = [];
  if (worst.encoding === 'UCS-2') {
    const without = culprits.filter((c) => c.replacement === undefined && !isCombiningMark(c.char.codePointAt(0)!));
    if (without.length === 0) {
      const after = analyzeMessage(rewriteToGsm7(worstText).text).segments;
      problems.push({
        code: 'sms-ucs2-avoidable', severity: 'warning', chars: culprits.map((c) => c.char),
        segments: worst.segments, segmentsAfter: after,
      });
    } else {
      problems.push({ code: 'sms-ucs2', severity: 'information', chars: without.map((c) => c.char), segments: worst.segments });
    }
  }
  if (worst.segments > settings.maxSegments) {
    problems.push({ code: 'sms-segments', severity: 'warning', chars: [], segments: worst.segments });
  }
  if (decomposed.length > 0) {
    problems.push({ code: 'sms-decomposed', severity: 'warning', chars: decomposed, segments: worst.segments });
  }
  if (crlf) problems.push({ code: 'sms-crlf', severity: 'information', chars: [], segments: worst.segments });
  return { worst, bestText, worstText, composerText, placeholders, culprits, problems };
}
