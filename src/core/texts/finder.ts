// Which literals of a file are SMS texts, by the three rules of docs/sms-texts.md:
// 1. the value of a `message` key or named argument in an object, array or argument list that also holds a `to`,
//    in a file that mentions Keccel;
// 2. a literal on a line that ends with, or follows a line that holds, a `keccel-sms` comment;
// 3. every string value (not key) of a file the user listed in `keccel.smsTexts.files`.
// A value built from pieces (`+`, PHP `.`, adjacent literals in Python and Dart, `sprintf`/`format` calls) is one
// text; every expression in it is a placeholder. Precision first: anything the rules do not name is not a text.
import type { Language } from './languages';
import { scan, TOKEN_ID, TOKEN_PUNCT, TOKEN_STR, type Literal, type Tokens } from './scanner';

export type Rule = 1 | 2 | 3;

/** One operand of a text: a literal, or an expression that is a placeholder at run time. */
export type Operand = { kind: 'literal'; lit: Literal } | { kind: 'expr'; start: number; end: number };

export interface FoundText {
  /** Source range of the whole value (first to last operand). */
  start: number;
  end: number;
  rule: Rule;
  operands: Operand[];
}

export interface FindOptions {
  /** Rule 3: the file matches `keccel.smsTexts.files`. */
  allStrings?: boolean;
}

const MENTION = /keccel|message\.asp|generate\.asp/i;

export function mentionsKeccel(src: string): boolean {
  return MENTION.test(src);
}

// Calls whose first argument is the text and whose other arguments fill its placeholders.
const FORMAT_CALLS = new Set(['sprintf', 'vsprintf', 'format', 'formatted', 'printf']);
// Calls that add one key/value pair to a request being built: `put('to', …)`, `append('message', …)`.
const PAIR_CALLS = new Set(['put', 'append', 'add', 'set', 'addFormDataPart', 'field', 'param', 'queryParam',
  'addQueryParameter', 'putString']);
// An object handed straight to one of these is an HTTP answer to a browser, not a request to the gateway.
const RESPONSE_CALLS = new Set(['json', 'jsonify', 'JsonResponse', 'Response', 'render', 'abort']);
const PAREN = 40;
const BRACKET = 91;
const BRACE = 123;

/** True for the character code of an opening bracket. */
function isOpening(char: number): boolean {
  return char === PAREN || char === BRACKET || char === BRACE;
}

/** A bracket being read, or the file itself (`open` 0). */
interface Group {
  /** The opening bracket's character code. */
  open: number;
  /** Tokens index of the call this argument list belongs to (`put` in `put('to', x)`), or -1. */
  callee: number;
  hasTo: boolean;
  messages: number[];
  /** Pair calls directly inside this group: `to` set by one of them, `message` values set by others. */
  pairTo: boolean;
  pairMessages: number[];
  /** Tokens index of the opening bracket. */
  at: number;
}

/**
 * The brackets open at a token, deepest last. A file has tens of thousands of brackets: their Group objects are
 * kept and reset when the depth is reached again, not made anew for each bracket.
 */
class GroupStack {
  private readonly groups: Group[] = [];
  depth = 0;

  push(open: number, at: number, callee: number): void {
    const group = this.groups[this.depth] ??= { open, callee, hasTo: false, messages: [], pairTo: false, pairMessages: [], at };
    group.open = open;
    group.callee = callee;
    group.at = at;
    group.hasTo = false;
    group.pairTo = false;
    // (Setting an array's length is a call into the runtime: only when there is something to drop.)
    if (group.messages.length > 0) group.messages.length = 0;
    if (group.pairMessages.length > 0) group.pairMessages.length = 0;
    this.depth++;
  }

  /** The group `up` levels above the deepest (0: the deepest). */
  top(up = 0): Group {
    return this.groups[this.depth - 1 - up];
  }
}

export function findTexts(src: string, lang: Language, options: FindOptions = {}): FoundText[] {
  const allStrings = options.allStrings === true;
  const mentions = mentionsKeccel(src);
  // Rules 1 and 2 both need the word (a `keccel-sms` comment holds it): most files stop here, unscanned.
  if (!mentions && !allStrings) return [];
  const { tokens, comments } = scan(src, lang);
  const parser = new ValueParser(tokens, lang);
  const found = new Map<number, FoundText>();
  const add = (index: number, rule: Rule): FoundText | undefined => {
    if (tokens.kind(index) === undefined) return undefined;
    const start = tokens.start(index);
    if (found.has(start)) return undefined;
    const text = parser.parse(index, rule);
    if (text) found.set(start, text);
    return text;
  };

  if (mentions) for (const index of messageValues(tokens, lang)) add(index, 1);

  // Rules 2 and 3 walk the literals in order; `covered` skips those already inside a text (`'a' + x + 'b'`).
  const taken = [...found.values()].sort((a, b) => a.start - b.start);
  const walk = (rule: Rule, wanted: (index: number) => boolean) => {
    let next = 0;
    let coveredUntil = -1;
    for (let index = 0; index < tokens.length; index++) {
      if (tokens.kind(index) !== 'str') continue;
      const start = tokens.start(index);
      while (next < taken.length && taken[next].start <= start) coveredUntil = Math.max(coveredUntil, taken[next++].end);
      if (start < coveredUntil || !wanted(index) || isKey(tokens, index, lang)) continue;
      const text = add(index, rule);
      if (text) coveredUntil = Math.max(coveredUntil, text.end);
    }
  };
  if (comments.length > 0) {
    const marked = markedLines(src, comments);
    if (marked.size > 0) {
      const lines = new LineIndex(src);
      walk(2, (index) => marked.has(lines.lineOf(tokens.start(index))));
    }
  }
  if (allStrings) {
    taken.splice(0, taken.length, ...[...found.values()].sort((a, b) => a.start - b.start));
    walk(3, () => true);
  }
  return [...found.values()].sort((a, b) => a.start - b.start);
}

/** Token indexes of the values of `message` keys whose group (or pair-call block) also holds a `to`. */
export function messageValues(tokens: Tokens, lang: Language): number[] {
  const values: number[] = [];
  const stack = new GroupStack();
  stack.push(0, -1, -1);
  // Every token of the file passes here: kinds and brackets are compared as numbers, not strings.
  for (let i = 0; i < tokens.length; i++) {
    const kind = tokens.code(i);
    if (kind === TOKEN_PUNCT) {
      const char = tokens.punct(i);
      if (isOpening(char)) {
        stack.push(char, i, char === PAREN && tokens.code(i - 1) === TOKEN_ID ? i - 1 : -1);
        continue;
      }
      if (char === 41 || char === 93 || char === 125) { // ) ] }
        if (stack.depth > 1) closeGroup(stack, values, tokens);
        continue;
      }
    }
    if (kind !== TOKEN_ID && kind !== TOKEN_STR) continue;
    const group = stack.top();
    const key = keyAt(tokens, i, lang, group);
    if (key === undefined) continue;
    if (key.name === 'to') group.hasTo = true;
    else if (key.name === 'message' && key.value < tokens.length) group.messages.push(key.value);
    i = key.value - 1;
  }
  while (stack.depth > 1) closeGroup(stack, values, tokens);
  const root = stack.top();
  if (root.hasTo) values.push(...root.messages);
  if (root.pairTo) values.push(...root.pairMessages);
  return values;
}

/** The name of a group's callee, or undefined when it is not a call. */
function calleeOf(group: Group, tokens: Tokens): string | undefined {
  return group.callee < 0 ? undefined : tokens.value(group.callee);
}

function closeGroup(stack: GroupStack, values: number[], tokens: Tokens): void {
  const group = stack.top();
  const parent = stack.top(1);
  stack.depth--;
  if (group.hasTo && group.messages.length > 0) {
    const parentCallee = calleeOf(parent, tokens);
    const isResponse = group.open !== PAREN && parent.open === PAREN && parentCallee !== undefined &&
      RESPONSE_CALLS.has(parentCallee);
    if (!isResponse) values.push(...group.messages);
  }
  if (group.pairTo) values.push(...group.pairMessages);
  // `put('to', x)` / `put('message', '…')`: the pair belongs to the block that holds the calls.
  const first = group.at + 1;
  if (group.callee >= 0 && tokens.code(first) === TOKEN_STR && tokens.is(first + 1, ',') &&
    PAIR_CALLS.has(calleeOf(group, tokens)!)) {
    const name = simpleString(tokens, first);
    if (name === 'to') parent.pairTo = true;
    else if (name === 'message') parent.pairMessages.push(group.at + 3);
    // The pair block is the statement list around the calls; a chain `.put(…).put(…)` shares the same parent.
  }
}

/** The key at token `i` (`message:`, `'to' =>`, `message=`, `"to", x`, `"message" to "…"`) and its value's index. */
function keyAt(tokens: Tokens, i: number, lang: Language, group: Group): { name: string; value: number } | undefined {
  // Asked of every identifier and literal of the file: `is` compares without slicing a string out.
  const name = tokens.is(i, 'to') ? 'to' : tokens.is(i, 'message') ? 'message' : undefined;
  if (name === undefined) return undefined;
  const kind = tokens.kind(i);
  const next = i + 1;
  const nextKind = tokens.kind(next);
  if (nextKind === undefined) return undefined;
  // `a.message: …` or `$this->to` is not a key.
  if (tokens.kind(i - 1) === 'punct' && (tokens.is(i - 1, '.') || tokens.is(i - 1, '->') || tokens.is(i - 1, '?.'))) {
    return undefined;
  }
  if (nextKind === 'punct') {
    const after = tokens.value(next);
    if (after === ':' && !(kind === 'id' && lang === 'php' && group.open !== PAREN)) return { name, value: i + 2 };
    if (after === '=>' && lang === 'php') return { name, value: i + 2 };
    if (after === '=' && group.open === PAREN && kind === 'id' && (lang === 'python' || lang === 'kotlin')) {
      return { name, value: i + 2 };
    }
    // Shorthand `{ to, message }` in JS: a `to` without a value still says where the SMS goes.
    if (name === 'to' && kind === 'id' && lang === 'js' && group.open === BRACE && (after === ',' || after === '}')) {
      return { name, value: i + 1 };
    }
    // `Map.of("to", phone, "message", "…")`, `mapOf(…)`, `put("message", "…")`: a string key followed by a comma.
    if (after === ',' && kind === 'str' && group.open === PAREN && (lang === 'java' || lang === 'kotlin')) {
      if (group.callee >= 0 && PAIR_CALLS.has(calleeOf(group, tokens)!)) return undefined; // handled by closeGroup
      return { name, value: i + 2 };
    }
  }
  // Kotlin `"message" to "…"`.
  if (lang === 'kotlin' && kind === 'str' && nextKind === 'id' && tokens.is(next, 'to')) return { name, value: i + 2 };
  return undefined;
}

/** The content of a short plain literal (a key), or undefined. */
function simpleString(tokens: Tokens, i: number): string | undefined {
  return tokens.value(i) === '' ? undefined : tokens.value(i);
}

/** True when the literal at `index` is a key (`'name' =>`, `"name":`). */
function isKey(tokens: Tokens, index: number, lang: Language): boolean {
  const next = index + 1;
  if (tokens.kind(next) !== 'punct') return lang === 'kotlin' && tokens.is(next, 'to');
  return tokens.is(next, ':') || tokens.is(next, '=>');
}

/** Lines (0-based) whose literals rule 2 marks: the line of each `keccel-sms` comment and the line after it. */
function markedLines(src: string, comments: Array<{ start: number; end: number }>): Set<number> {
  const marked = new Set<number>();
  if (!/keccel-sms/i.test(src)) return marked;
  let lines: LineIndex | undefined;
  for (const comment of comments) {
    if (!/keccel-sms/i.test(src.slice(comment.start, comment.end))) continue;
    lines ??= new LineIndex(src);
    const endLine = lines.lineOf(comment.end);
    marked.add(lines.lineOf(comment.start));
    marked.add(endLine + 1);
  }
  return marked;
}

export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(src: string) {
    for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** Reads the value expression starting at a token: operands joined by the language's concatenation. */
class ValueParser {
  constructor(private readonly tokens: Tokens, private readonly lang: Language) {}

  parse(index: number, rule: Rule): FoundText | undefined {
    const { tokens } = this;
    const operands: Operand[] = [];
    let i = index;
    const concat = this.lang === 'php' ? '.' : '+';
    for (;;) {
      const next = this.operand(i, operands);
      if (next === i) break;
      i = next;
      if (tokens.kind(i) === 'punct' && tokens.is(i, concat)) {
        i++;
        continue;
      }
      // Python and Dart join adjacent literals.
      if (tokens.kind(i) === 'str' && (this.lang === 'python' || this.lang === 'dart') && operands[operands.length - 1]?.kind === 'literal') {
        continue;
      }
      break;
    }
    if (!operands.some((operand) => operand.kind === 'literal')) return undefined;
    const first = operands[0];
    const last = operands[operands.length - 1];
    return {
      start: first.kind === 'literal' ? first.lit.start : first.start,
      end: last.kind === 'literal' ? last.lit.end : last.end,
      rule,
      operands,
    };
  }

  /** Reads one operand at `i` into `operands`; returns the index after it (`i` when there is none). */
  private operand(i: number, operands: Operand[]): number {
    const { tokens } = this;
    const kind = tokens.kind(i);
    if (kind === undefined) return i;
    if (kind === 'str') {
      operands.push({ kind: 'literal', lit: tokens.lit(i)! });
      return this.skipMethodCalls(i + 1);
    }
    // `sprintf('…%s', $x)`, `String.format("…", x)`: the format is the text.
    let j = i;
    while (tokens.kind(j) === 'id' && (tokens.is(j + 1, '.') || tokens.is(j + 1, '::'))) j += 2;
    if (tokens.kind(j) === 'id' && FORMAT_CALLS.has(tokens.value(j)) && tokens.is(j + 1, '(') && tokens.kind(j + 2) === 'str') {
      operands.push({ kind: 'literal', lit: tokens.lit(j + 2)! });
      return this.skipMethodCalls(this.skipBalanced(j + 1));
    }
    const end = this.skipExpression(i);
    if (end === i) return i;
    operands.push({ kind: 'expr', start: tokens.start(i), end: tokens.end(end - 1) });
    return end;
  }

  /** After a literal: `.format(…)`, `.trim()`, Python's `% (a, b)` belong to it. */
  private skipMethodCalls(i: number): number {
    const { tokens } = this;
    for (;;) {
      if (tokens.kind(i) === undefined) return i;
      if (this.lang !== 'php' && (tokens.is(i, '.') || tokens.is(i, '?.')) && tokens.kind(i + 1) === 'id') {
        i += 2;
        if (tokens.is(i, '(')) i = this.skipBalanced(i);
        continue;
      }
      if (this.lang === 'python' && tokens.is(i, '%')) {
        i = this.skipExpression(i + 1);
        continue;
      }
      return i;
    }
  }

  /** One expression operand: identifiers, member access, calls, indexes; stops at an operator at depth 0. */
  private skipExpression(i: number): number {
    const { tokens } = this;
    const start = i;
    for (;;) {
      const kind = tokens.kind(i);
      if (kind === undefined) return i;
      if (kind === 'id' || kind === 'other' || kind === 'str') {
        if (i > start && tokens.kind(i - 1) !== 'punct') return i; // two values in a row: the expression ended
        i++;
        continue;
      }
      const v = tokens.value(i);
      if (v === '(' || v === '[' || (v === '{' && i > start)) {
        i = this.skipBalanced(i);
        continue;
      }
      if (v === '.' || v === '->' || v === '?->' || v === '?.' || v === '::' || v === '$' || v === '!' || v === '@' ||
        (v === '-' && i === start)) {
        if (v === '.' && this.lang === 'php') return i;
        i++;
        continue;
      }
      return i;
    }
  }

  private skipBalanced(i: number): number {
    const { tokens } = this;
    let depth = 0;
    for (; i < tokens.length; i++) {
      const v = tokens.kind(i) === 'punct' ? tokens.value(i) : '';
      if (v === '(' || v === '[' || v === '{') depth++;
      else if (v === ')' || v === ']' || v === '}') {
        depth--;
        if (depth <= 0) return i + 1;
      }
    }
    return i;
  }
}
