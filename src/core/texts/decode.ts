// From a literal as written to the text as the program holds it at run time: escapes decoded (\n, \', \u00e9,
// \\ ...) per language, interpolations cut out as placeholders. Each decoded character keeps the source offset it
// came from, so a rewrite can edit exactly the characters (or escapes) that produced it.
import type { Literal } from './scanner';

export interface TextPiece {
  kind: 'text';
  /** The run-time characters. */
  text: string;
  /**
   * `map[i]` is the source offset of `text[i]`; `map[text.length]` is the offset just after the last one. Empty
   * when decoded without offsets (counting needs none; only a rewrite does).
   */
  map: number[];
  lit: Literal;
}

export interface PlaceholderPiece {
  kind: 'placeholder';
  /** As written: `${user.name}`, `$name`, `{code}`, `%s`, `%OTP%`, or the expression between two `+`. */
  source: string;
  /** `%OTP%`: counted as the code's 8 digits rather than the placeholder length. */
  otp?: boolean;
}

export type Piece = TextPiece | PlaceholderPiece;

const SIMPLE: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

export function decodeLiteral(src: string, lit: Literal, withOffsets = true): Piece[] {
  const pieces: Piece[] = [];
  let text = '';
  let map: number[] = [];
  const flush = (at: number) => {
    if (text.length > 0) {
      if (withOffsets) map.push(at);
      pieces.push({ kind: 'text', text, map, lit });
    }
    text = '';
    map = [];
  };
  const emit = (chars: string, from: number) => {
    if (withOffsets) for (let k = 0; k < chars.length; k++) map.push(from);
    text += chars;
  };
  const { kind } = lit;
  const escapes = hasEscapes(lit);
  let exprIndex = 0;
  let i = lit.contentStart;
  const end = lit.contentEnd;
  while (i < end) {
    const expr = lit.exprs[exprIndex];
    if (expr !== undefined && expr[0] === i) {
      flush(i);
      pieces.push({ kind: 'placeholder', source: src.slice(expr[0], expr[1]) });
      i = expr[1];
      exprIndex++;
      continue;
    }
    const c = src[i];
    if (c === '\r' && src[i + 1] === '\n' && (kind === 'js-template' || lit.delim.length === 3)) {
      // Template literals and triple-quoted strings read a CRLF line break as LF.
      emit('\n', i);
      i += 2;
      continue;
    }
    if (lit.fString === true && (c === '{' || c === '}') && src[i + 1] === c) {
      emit(c, i);
      i += 2;
      continue;
    }
    if (c !== '\\' || !escapes) {
      // The run of plain characters up to the next escape, interpolation, CR or f-string brace, in one slice.
      const stop = expr === undefined ? end : expr[0];
      let j = i + 1;
      while (j < stop && !isSpecial(src.charCodeAt(j), lit, escapes)) j++;
      if (withOffsets) {
        // A surrogate pair maps both halves to the start of the pair.
        for (let k = i; k < j; k++) map.push(k > i && isLowSurrogate(src.charCodeAt(k)) && isHighSurrogate(src.charCodeAt(k - 1)) ? k - 1 : k);
      }
      text += src.slice(i, j);
      i = j;
      continue;
    }
    const [decoded, length] = decodeEscape(src, i, lit);
    emit(decoded, i);
    i += length;
  }
  flush(i);
  return pieces;
}

/** A character that ends a run of plain ones: a backslash (where it escapes), a CR, an f-string brace. */
function isSpecial(c: number, lit: Literal, escapes: boolean): boolean {
  return (c === 92 && escapes) || c === 13 || ((c === 123 || c === 125) && lit.fString === true);
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function hasEscapes(lit: Literal): boolean {
  return lit.kind !== 'python-raw' && lit.kind !== 'dart-raw' && lit.kind !== 'kotlin-raw' && lit.kind !== 'php-nowdoc';
}

/** The run-time characters of the escape at `i` and its source length. */
function decodeEscape(src: string, i: number, lit: Literal): [string, number] {
  const next = src[i + 1] ?? '';
  const kind = lit.kind;
  if (kind === 'php-single') {
    return next === "'" || next === '\\' ? [next, 2] : ['\\', 1];
  }
  if (next === '\n') return ['', 2]; // line continuation
  if (next === '\r' && src[i + 2] === '\n') return ['', 3];
  if (next === 'u') {
    if (src[i + 2] === '{' && kind !== 'python' && kind !== 'java' && kind !== 'json' && kind !== 'kotlin') {
      const close = src.indexOf('}', i + 3);
      const cp = parseInt(src.slice(i + 3, close), 16);
      if (close > 0 && Number.isFinite(cp) && cp <= 0x10ffff) return [String.fromCodePoint(cp), close + 1 - i];
    }
    const hex = src.slice(i + 2, i + 6);
    if (/^[0-9a-fA-F]{4}$/.test(hex) && kind !== 'php-double') return [String.fromCharCode(parseInt(hex, 16)), 6];
  }
  if (next === 'U' && kind === 'python') {
    const hex = src.slice(i + 2, i + 10);
    if (/^[0-9a-fA-F]{8}$/.test(hex)) return [String.fromCodePoint(parseInt(hex, 16)), 10];
  }
  if (next === 'x' && kind !== 'java' && kind !== 'kotlin' && kind !== 'json') {
    const hex = /^[0-9a-fA-F]{1,2}/.exec(src.slice(i + 2, i + 4))?.[0] ?? '';
    if (hex.length === 2 || (kind === 'php-double' && hex.length === 1)) {
      return [String.fromCharCode(parseInt(hex, 16)), 2 + hex.length];
    }
  }
  if (/[0-7]/.test(next) && (kind === 'js' || kind === 'java')) {
    // JavaScript (sloppy mode) and Java stop at \377: a first digit of 4 to 7 takes one more digit at most.
    const oct = /^[0-3][0-7]{0,2}|^[4-7][0-7]?/.exec(src.slice(i + 1, i + 4))![0];
    return [String.fromCharCode(parseInt(oct, 8)), 1 + oct.length];
  }
  if (/[0-7]/.test(next) && (kind === 'python' || kind === 'php-double')) {
    const oct = /^[0-7]{1,3}/.exec(src.slice(i + 1, i + 4))![0];
    return [String.fromCharCode(parseInt(oct, 8) & 0xff), 1 + oct.length];
  }
  if (next === 'e' && kind === 'php-double') return ['\x1b', 2];
  if (next === 's' && kind === 'java') return [' ', 2];
  if (next === 'a' && kind === 'python') return ['\x07', 2];
  if (SIMPLE[next] !== undefined && !(next === '0' && kind === 'json')) {
    if (!(next === 'v' && (kind === 'json' || kind === 'kotlin' || kind === 'java'))) return [SIMPLE[next], 2];
  }
  // Languages where an unknown escape keeps its backslash (PHP, Python); elsewhere it yields the character.
  if (kind === 'php-double') return '\\$"'.includes(next) ? [next, 2] : ['\\', 1];
  if (kind === 'python') return '\\\'"'.includes(next) ? [next, 2] : ['\\', 1];
  return [next, 2];
}
