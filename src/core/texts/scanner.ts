// A small tokenizer for the languages of languages.ts: enough to know where every string literal, comment,
// identifier and bracket is, and nothing more (no grammar). Literals are only located here (with the ranges of
// their interpolations); decode.ts turns the few that are SMS texts into their run-time text. Why our own and not a
// parser package: docs/decisions/sms-text-finder.md.
//
// It errs on the side of finding fewer literals: a quote that is not closed on its line (an apostrophe in JSX text,
// a broken file while typing) yields no literal and scanning resumes on the next line.
import type { Language } from './languages';

/** How the characters between the quotes are read (escapes and interpolation). */
export type LiteralKind =
  | 'js' | 'js-template'
  | 'php-single' | 'php-double' | 'php-nowdoc'
  | 'python' | 'python-raw'
  | 'dart' | 'dart-raw'
  | 'java'
  | 'kotlin' | 'kotlin-raw'
  | 'json';

export interface Literal {
  /** Raw range in the source, prefix and quotes included. */
  start: number;
  end: number;
  contentStart: number;
  contentEnd: number;
  /** The opening quote: `'`, `"`, a backtick, `'''`, `"""`, or `<<<` for PHP heredoc/nowdoc. */
  delim: string;
  kind: LiteralKind;
  /** Python f-string: `{expr}` interpolates and `{{` is a brace. */
  fString?: boolean;
  /** Interpolated expressions, raw ranges including their delimiters (`${…}`, `$name`, `{$…}`, `{…}`). */
  exprs: Array<[number, number]>;
}

export type TokenKind = 'str' | 'id' | 'punct' | 'other';

const KINDS: readonly TokenKind[] = ['str', 'id', 'punct', 'other'];
const STR = 0;
const ID = 1;
const PUNCT = 2;
const OTHER = 3;
export { STR as TOKEN_STR, ID as TOKEN_ID, PUNCT as TOKEN_PUNCT };

/**
 * The tokens of a file, column by column: a 10,000-line file holds well over 100,000 tokens, and one object per
 * token made the garbage collector the largest cost of a scan. Read them through the accessors; an index past the
 * end reads as no token (`kind` undefined), like an array read past its end.
 */
/** One token as a plain object: for code that reads a few tokens (quick fixes, call sites), never a whole file. */
export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** As `Tokens.value`. */
  value: string;
  /** A 'str' token's literal. */
  lit?: Literal;
}

export class Tokens {
  length = 0;
  /** The literals of the 'str' tokens, in order. */
  readonly literals: Literal[] = [];
  private kinds: Uint8Array;
  private starts: Int32Array;
  private ends: Int32Array;
  /** 'str': index in `literals`; 'punct': index in PUNCTUATION for a multi-character operator, else -1. */
  private refs: Int32Array;

  constructor(private readonly src: string) {
    // Code has about one token per 5 or 6 characters: room for most files without growing.
    const size = Math.max(256, Math.ceil(src.length / 5));
    this.kinds = new Uint8Array(size);
    this.starts = new Int32Array(size);
    this.ends = new Int32Array(size);
    this.refs = new Int32Array(size);
  }

  kind(i: number): TokenKind | undefined {
    return i >= 0 && i < this.length ? KINDS[this.kinds[i]] : undefined;
  }
  start(i: number): number {
    return this.starts[i];
  }
  end(i: number): number {
    return this.ends[i];
  }
  /** The literal of a 'str' token. */
  lit(i: number): Literal | undefined {
    return this.code(i) === STR ? this.literals[this.refs[i]] : undefined;
  }

  /** The kind as a number (TOKEN_STR, TOKEN_ID, TOKEN_PUNCT, TOKEN_OTHER; -1 past either end), for loops over every token. */
  code(i: number): number {
    return i >= 0 && i < this.length ? this.kinds[i] : -1;
  }

  /** The character code of a one-character punctuation token (a bracket, a comma), or -1. */
  punct(i: number): number {
    return this.code(i) === PUNCT && this.refs[i] < 0 ? this.src.charCodeAt(this.starts[i]) : -1;
  }

  /**
   * An identifier of up to 20 characters, an operator, or the content of a short literal without escapes (a key);
   * '' otherwise (and past the end). Sliced on demand: most tokens are never asked.
   */
  value(i: number): string {
    switch (this.code(i)) {
      case PUNCT: {
        const ref = this.refs[i];
        return ref >= 0 ? PUNCTUATION[ref] : this.src[this.starts[i]];
      }
      case ID:
        return this.ends[i] - this.starts[i] <= 20 ? this.src.slice(this.starts[i], this.ends[i]) : '';
      case STR:
        return keyText(this.src, this.literals[this.refs[i]]);
      default:
        return '';
    }
  }

  /** Token `i` as an object, or undefined past either end. */
  at(i: number): Token | undefined {
    const kind = this.kind(i);
    if (kind === undefined) return undefined;
    return { kind, start: this.starts[i], end: this.ends[i], value: this.value(i), lit: this.lit(i) };
  }

  /** True when the token's value is `word`, without slicing it out (the finder asks this of every token). */
  is(i: number, word: string): boolean {
    const kind = this.code(i);
    if (kind === ID || kind === PUNCT) {
      return this.ends[i] - this.starts[i] === word.length && this.src.startsWith(word, this.starts[i]);
    }
    if (kind !== STR) return false;
    const lit = this.literals[this.refs[i]];
    return lit.contentEnd - lit.contentStart === word.length && lit.exprs.length === 0 &&
      this.src.startsWith(word, lit.contentStart);
  }

  push(kind: number, start: number, end: number, ref = -1): void {
    if (this.length === this.kinds.length) this.grow();
    const i = this.length++;
    this.kinds[i] = kind;
    this.starts[i] = start;
    this.ends[i] = end;
    this.refs[i] = ref;
  }

  pushLiteral(lit: Literal): void {
    this.literals.push(lit);
    this.push(STR, lit.start, lit.end, this.literals.length - 1);
  }

  /** Where the list is now, for `restore`. */
  save(): [tokens: number, literals: number] {
    return [this.length, this.literals.length];
  }

  /** Drops the tokens and literals pushed since `save`. */
  restore([tokens, literals]: [number, number]): void {
    this.length = tokens;
    this.literals.length = literals;
  }

  private grow(): void {
    const size = this.kinds.length * 2;
    const kinds = new Uint8Array(size);
    kinds.set(this.kinds);
    this.kinds = kinds;
    for (const column of ['starts', 'ends', 'refs'] as const) {
      const next = new Int32Array(size);
      next.set(this[column]);
      this[column] = next;
    }
  }
}

export interface Comment {
  start: number;
  end: number;
}

export interface Scan {
  tokens: Tokens;
  comments: Comment[];
}

// Longest first: greedy matching of the operators whose meaning matters to the finder (=> vs =, == vs =, -> vs -).
const PUNCTUATION = ['===', '!==', '?->', '...', '=>', '==', '!=', '<=', '>=', '+=', '-=', '->', '::', '?.', '??',
  '&&', '||', '**', '++', '--', '..'];

/** The multi-character operators (their indexes in PUNCTUATION) by their first character (ASCII), longest first. */
const OPERATORS_BY_FIRST: Array<number[] | undefined> = new Array(128).fill(undefined);
PUNCTUATION.forEach((op, index) => {
  const first = op.charCodeAt(0);
  (OPERATORS_BY_FIRST[first] ??= []).push(index);
});

const KEYWORDS_BEFORE_REGEX = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void',
  'throw', 'yield', 'await', 'instanceof']);

// Character classes of ASCII in a table, read once per character (the scanner's inner loop runs over every
// character of the file). Above ASCII, every character may be part of an identifier; the no-break space and the
// BOM are also white space (the loop asks that first).
const SPACE = 1;
const ID_START = 2;
const DIGIT = 4;
const ASCII_CLASS = new Uint8Array(128);
for (const c of [32, 9, 10, 13, 12, 11]) ASCII_CLASS[c] = SPACE;
for (let c = 97; c <= 122; c++) ASCII_CLASS[c] = ID_START;
for (let c = 65; c <= 90; c++) ASCII_CLASS[c] = ID_START;
ASCII_CLASS[95] = ID_START; // _
ASCII_CLASS[36] = ID_START; // $
for (let c = 48; c <= 57; c++) ASCII_CLASS[c] = DIGIT;

function isIdStart(c: number): boolean {
  return c >= 128 || ASCII_CLASS[c] === ID_START;
}
function isIdPart(c: number): boolean {
  return c >= 128 || (ASCII_CLASS[c] & (ID_START | DIGIT)) !== 0;
}
function isDigit(c: number): boolean {
  return c < 128 && ASCII_CLASS[c] === DIGIT;
}
function isSpace(c: number): boolean {
  return c < 128 ? ASCII_CLASS[c] === SPACE : c === 0xfeff || c === 0xa0;
}

export function scan(src: string, lang: Language): Scan {
  return new Scanner(src, lang).run();
}

class Scanner {
  private pos = 0;
  private readonly tokens: Tokens;
  private readonly comments: Comment[] = [];

  constructor(private readonly src: string, private readonly lang: Language) {
    this.tokens = new Tokens(src);
  }

  run(): Scan {
    const { src } = this;
    const n = src.length;
    const php = this.lang === 'php';
    const js = this.lang === 'js';
    // Python and Dart literals may start with a letter (r'…', f"…").
    const prefixed = this.lang === 'python' || this.lang === 'dart';
    if (php) this.skipHtml();
    let pos = this.pos;
    while (pos < n) {
      const c = src.charCodeAt(pos);
      if (isSpace(c)) {
        pos++;
        continue;
      }
      this.pos = pos;
      if ((c === 47 || c === 35) && this.comment(c)) {
        pos = this.pos;
        continue;
      }
      if (php && c === 63 /* ? */ && src.charCodeAt(pos + 1) === 62 /* > */) {
        this.pos += 2;
        this.skipHtml();
        pos = this.pos;
        continue;
      }
      if (c === 39 || c === 34 || c === 96 || (php && c === 60) || (prefixed && isIdStart(c))) {
        const lit = this.literalAt(pos);
        if (lit !== undefined) {
          if (lit !== null) this.tokens.pushLiteral(lit);
          pos = this.pos;
          continue;
        }
      }
      if (isIdStart(c)) {
        const start = pos;
        pos++;
        while (pos < n && isIdPart(src.charCodeAt(pos))) pos++;
        this.tokens.push(ID, start, pos);
        continue;
      }
      if (isDigit(c)) {
        const start = pos;
        while (pos < n && (isIdPart(src.charCodeAt(pos)) || src.charCodeAt(pos) === 46)) pos++;
        this.tokens.push(OTHER, start, pos);
        continue;
      }
      if (c === 47 /* / */ && js && this.regexAllowed()) {
        this.skipRegex();
        pos = this.pos;
        continue;
      }
      this.punct();
      pos = this.pos;
    }
    this.pos = pos;
    return { tokens: this.tokens, comments: this.comments };
  }

  /** PHP outside `<?php … ?>` is HTML: skip to the next opening tag. */
  private skipHtml(): void {
    const open = this.src.indexOf('<?', this.pos);
    if (open < 0) {
      this.pos = this.src.length;
      return;
    }
    this.pos = open + 2;
    if (this.src.startsWith('php', this.pos)) this.pos += 3;
    else if (this.src.charCodeAt(this.pos) === 61 /* = */) this.pos++;
  }

  private comment(c: number): boolean {
    const { src } = this;
    const next = src.charCodeAt(this.pos + 1);
    const hashComments = this.lang === 'python' || this.lang === 'php';
    const slashComments = this.lang !== 'python';
    if ((c === 35 /* # */ && hashComments) || (c === 47 && next === 47 && slashComments)) {
      const start = this.pos;
      let end = src.indexOf('\n', start);
      if (end < 0) end = src.length;
      // A PHP line comment ends before `?>`.
      if (this.lang === 'php') {
        const close = src.indexOf('?>', start);
        if (close >= 0 && close < end) end = close;
      }
      this.comments.push({ start, end });
      this.pos = end;
      return true;
    }
    if (c === 47 && next === 42 /* * */ && slashComments) {
      const start = this.pos;
      const close = src.indexOf('*/', start + 2);
      this.pos = close < 0 ? src.length : close + 2;
      this.comments.push({ start, end: this.pos });
      return true;
    }
    return false;
  }

  private regexAllowed(): boolean {
    const { tokens } = this;
    const previous = tokens.length - 1;
    const kind = tokens.kind(previous);
    if (kind === undefined) return true;
    if (kind === 'str' || kind === 'other') return false;
    if (kind === 'id') return KEYWORDS_BEFORE_REGEX.has(tokens.value(previous));
    return !tokens.is(previous, ')') && !tokens.is(previous, ']') && !tokens.is(previous, '}');
  }

  private skipRegex(): void {
    const { src } = this;
    let i = this.pos + 1;
    let inClass = false;
    while (i < src.length) {
      const c = src.charCodeAt(i);
      if (c === 10) break; // not a regex after all: resume after the slash
      if (c === 92 /* \ */) i += 2;
      else {
        if (c === 91) inClass = true;
        else if (c === 93) inClass = false;
        else if (c === 47 && !inClass) {
          i++;
          while (i < src.length && isIdPart(src.charCodeAt(i))) i++;
          this.tokens.push(OTHER, this.pos, i);
          this.pos = i;
          return;
        }
        i++;
      }
    }
    this.tokens.push(PUNCT, this.pos, this.pos + 1);
    this.pos++;
  }

  private punct(): void {
    const { src } = this;
    const candidates = OPERATORS_BY_FIRST[src.charCodeAt(this.pos)];
    if (candidates !== undefined) {
      for (const index of candidates) {
        const op = PUNCTUATION[index];
        if (src.startsWith(op, this.pos)) {
          this.tokens.push(PUNCT, this.pos, this.pos + op.length, index);
          this.pos += op.length;
          return;
        }
      }
    }
    this.tokens.push(PUNCT, this.pos, this.pos + 1);
    this.pos++;
  }

  /**
   * The literal starting at `at` (moving `pos` past it), null for a literal that does not close (pos moves to the
   * end of its line), or undefined when no literal starts here.
   */
  private literalAt(at: number): Literal | null | undefined {
    const { src, lang } = this;
    const c = src.charCodeAt(at);
    // Python and Dart prefixes: r'…', f"…", rb'…', R"""…""".
    let prefix = 0;
    if ((lang === 'python' || lang === 'dart') && isIdStart(c)) {
      while (prefix < 3 && /[rRbBuUfF]/.test(src[at + prefix] ?? '')) prefix++;
      const q = src.charCodeAt(at + prefix);
      if (prefix === 0 || prefix === 3 || (q !== 39 && q !== 34) || (at > 0 && isIdPart(src.charCodeAt(at - 1)))) {
        return undefined;
      }
      if (lang === 'dart' && (prefix !== 1 || (src[at] !== 'r'))) return undefined;
    }
    const q = src.charCodeAt(at + prefix);
    if (lang === 'php' && q === 60 && src.startsWith('<<<', at)) return this.heredoc(at);
    if (q !== 39 && q !== 34 && q !== 96) return undefined;
    const prefixText = prefix === 0 ? '' : src.slice(at, at + prefix).toLowerCase();
    const raw = prefixText.includes('r');
    const quote = src[at + prefix];
    if (q === 96 && lang !== 'js') return undefined;
    if (q === 39 && (lang === 'java' || lang === 'kotlin' || lang === 'json')) {
      // A char literal ('a', '\n'): not a text, skipped as one token.
      const close = src.indexOf("'", at + (src[at + 1] === '\\' ? 3 : 2));
      const end = close < 0 || close - at > 8 ? at + 1 : close + 1;
      this.tokens.push(OTHER, at, end);
      this.pos = end;
      return null;
    }
    const triple = (lang === 'python' || lang === 'dart' || ((lang === 'java' || lang === 'kotlin') && q === 34)) &&
      src.startsWith(quote.repeat(3), at + prefix);
    const delim = triple ? quote.repeat(3) : quote;
    const kind = literalKind(lang, quote, raw, triple);
    const lit: Literal = {
      start: at, end: at, contentStart: at + prefix + delim.length, contentEnd: 0, delim, kind, exprs: [],
    };
    if (prefixText.includes('f')) lit.fString = true;
    const multiline = triple || q === 96 || lang === 'php';
    return this.readBody(lit, multiline);
  }

  private readBody(lit: Literal, multiline: boolean): Literal | null {
    const { src } = this;
    const { delim, kind } = lit;
    const q = delim.charCodeAt(0);
    // A backslash keeps the next character from closing the literal, also in a Python raw string (r'\'' is valid).
    const escapes = kind !== 'dart-raw' && kind !== 'kotlin-raw' && kind !== 'php-nowdoc';
    const interpolates = kind === 'js-template' || kind === 'php-double' || kind === 'dart' || kind === 'kotlin' ||
      kind === 'kotlin-raw' || (lit.fString === true);
    let i = lit.contentStart;
    const n = src.length;
    while (i < n) {
      const c = src.charCodeAt(i);
      if (c === 92 && escapes) {
        i += 2;
        continue;
      }
      if (c === q && (delim.length === 1 || src.startsWith(delim, i))) {
        lit.contentEnd = i;
        lit.end = i + delim.length;
        this.pos = lit.end;
        return lit;
      }
      if (c === 10 && !multiline) {
        this.pos = i + 1;
        return null;
      }
      if (interpolates) {
        const exprEnd = this.interpolation(lit, i);
        if (exprEnd > i) {
          lit.exprs.push([i, exprEnd]);
          i = exprEnd;
          continue;
        }
      }
      i++;
    }
    this.pos = n;
    return null;
  }

  /** The end of an interpolation starting at `i` in `lit`, or `i` when none starts there. */
  private interpolation(lit: Literal, i: number): number {
    const { src } = this;
    const c = src.charCodeAt(i);
    const next = src.charCodeAt(i + 1);
    switch (lit.kind) {
      case 'js-template':
        return c === 36 && next === 123 ? this.skipBraces(i + 1) : i;
      case 'dart':
      case 'kotlin':
      case 'kotlin-raw':
        if (c !== 36) return i;
        if (next === 123) return this.skipBraces(i + 1);
        return identifierEnd(src, i + 1, false) > i + 1 ? identifierEnd(src, i + 1, false) : i;
      case 'php-double': {
        if (c === 123 && next === 36) return this.skipBraces(i); // {$expr}
        if (c !== 36) return i;
        if (next === 123) return this.skipBraces(i + 1); // ${name}
        let end = identifierEnd(src, i + 1, false);
        if (end === i + 1) return i;
        // $name->prop and $name[key]: PHP's simple syntax takes one level.
        if (src.startsWith('->', end) && isIdStart(src.charCodeAt(end + 2))) end = identifierEnd(src, end + 2, false);
        else if (src.charCodeAt(end) === 91) {
          const close = src.indexOf(']', end);
          if (close > 0 && close - end < 40) end = close + 1;
        }
        return end;
      }
      default:
        if (lit.fString === true && c === 123) {
          if (next === 123) return i; // {{ is a brace: decode.ts reads it
          return this.skipBraces(i);
        }
        return i;
    }
  }

  /** From an opening `{` at `i`, the index after its matching `}` (strings and nested templates skipped). */
  private skipBraces(i: number): number {
    const { src } = this;
    let depth = 0;
    const saved = this.pos;
    const savedTokens = this.tokens.save();
    while (i < src.length) {
      const c = src.charCodeAt(i);
      if (c === 123) depth++;
      else if (c === 125) {
        depth--;
        if (depth === 0) break;
      } else if (c === 39 || c === 34 || c === 96) {
        const inner = this.literalAt(i);
        if (inner) {
          i = inner.end;
          continue;
        }
        if (inner === null) i = this.pos;
        else i++;
        continue;
      }
      i++;
    }
    this.pos = saved;
    this.tokens.restore(savedTokens);
    return Math.min(i + 1, src.length);
  }

  private heredoc(at: number): Literal | null | undefined {
    const { src } = this;
    const m = /^<<<[ \t]*(['"]?)([A-Za-z_]\w*)\1\r?\n/.exec(src.slice(at, at + 80));
    if (!m) return undefined;
    const label = m[2];
    const contentStart = at + m[0].length;
    const closing = new RegExp(`^[ \\t]*${label}\\b`, 'm');
    const rest = src.slice(contentStart);
    const found = closing.exec(rest);
    if (!found) {
      this.pos = src.length;
      return null;
    }
    const contentEnd = Math.max(contentStart, contentStart + found.index - 1); // the newline before the label
    const lit: Literal = {
      start: at, end: contentStart + found.index + found[0].length, contentStart, contentEnd, delim: '<<<',
      kind: m[1] === "'" ? 'php-nowdoc' : 'php-double', exprs: [],
    };
    if (lit.kind === 'php-double') {
      for (let i = contentStart; i < contentEnd; i++) {
        if (src.charCodeAt(i) === 92) {
          i++;
          continue;
        }
        const end = this.interpolation(lit, i);
        if (end > i) {
          lit.exprs.push([i, end]);
          i = end - 1;
        }
      }
    }
    this.pos = lit.end;
    return lit;
  }
}

function literalKind(lang: Language, quote: string, raw: boolean, triple: boolean): LiteralKind {
  switch (lang) {
    case 'js':
      return quote === '`' ? 'js-template' : 'js';
    case 'php':
      return quote === "'" ? 'php-single' : 'php-double';
    case 'python':
      return raw ? 'python-raw' : 'python';
    case 'dart':
      return raw ? 'dart-raw' : 'dart';
    case 'kotlin':
      return triple ? 'kotlin-raw' : 'kotlin';
    case 'java':
      return 'java';
    case 'json':
      return 'json';
  }
}

function identifierEnd(src: string, i: number, allowDollar: boolean): number {
  const first = src.charCodeAt(i);
  if (!(isIdStart(first) && (allowDollar || first !== 36))) return i;
  i++;
  while (i < src.length) {
    const c = src.charCodeAt(i);
    if (!isIdPart(c) || (c === 36 && !allowDollar)) break;
    i++;
  }
  return i;
}

/** The content of a literal short and plain enough to be a key (`'to'`, `"message"`), else ''. */
function keyText(src: string, lit: Literal): string {
  if (lit.exprs.length > 0 || lit.contentEnd - lit.contentStart > 16) return '';
  const content = src.slice(lit.contentStart, lit.contentEnd);
  return content.includes('\\') ? '' : content;
}
