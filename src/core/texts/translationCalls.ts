// The SMS texts a file does not spell out: a `message` (rule 1 of finder.ts) whose value is a translation call,
// `__('sms.welcome')`, `trans('sms.welcome')`, `trans_choice('sms.left', $n)`, `t('otp.sent')`, `i18n.t(…)`,
// `$t(…)`, `tr(…)`. Only a call that is the whole value and whose key is a constant literal: its text is then looked
// up in the translation files (translations.ts).
import { decodeLiteral } from './decode';
import { mentionsKeccel, messageValues } from './finder';
import type { Language } from './languages';
import { scan, type Tokens } from './scanner';

const FUNCTIONS = new Set(['__', 'trans', 'trans_choice', 't', '$t', 'tr']);
// A cheap test before scanning: most files that mention Keccel call none of these.
const MAY_CALL = /(?:\b|\$)(?:__|trans|trans_choice|t|tr)\s*\(/;
const MEMBER = new Set(['.', '->', '?->', '::', '?.']);
// What may follow the call for it to be the whole value.
const VALUE_END = new Set([',', ')', ']', '}', ';']);

export interface TranslationCall {
  /** The value's range: from the receiver or function name to the closing parenthesis. */
  start: number;
  end: number;
  /** `__`, `trans`, `t`, … */
  fn: string;
  /** The key as the program holds it (escapes decoded). */
  key: string;
}

export function findTranslationCalls(src: string, lang: Language): TranslationCall[] {
  if (lang === 'json' || !mentionsKeccel(src) || !MAY_CALL.test(src)) return [];
  const { tokens } = scan(src, lang);
  const calls: TranslationCall[] = [];
  for (const index of messageValues(tokens, lang)) {
    const call = callAt(src, tokens, index);
    if (call) calls.push(call);
  }
  return calls.sort((a, b) => a.start - b.start);
}

function callAt(src: string, tokens: Tokens, index: number): TranslationCall | undefined {
  let i = index;
  // A receiver chain: `i18n.t`, `this.$t`, `$this->translator->trans`, `Lang::get` is not one of ours.
  while (tokens.at(i)?.kind === 'id' && MEMBER.has(tokens.at(i + 1)?.value ?? '') && tokens.at(i + 2)?.kind === 'id') i += 2;
  const name = tokens.at(i);
  const keyToken = tokens.at(i + 2);
  if (name?.kind !== 'id' || !FUNCTIONS.has(name.value) || tokens.at(i + 1)?.value !== '(' || keyToken?.kind !== 'str') return undefined;
  const afterKey = tokens.at(i + 3)?.value;
  if (afterKey !== ',' && afterKey !== ')') return undefined;
  const close = closingParen(tokens, i + 1);
  if (close < 0) return undefined;
  const next = tokens.at(close + 1);
  if (next !== undefined && !(next.kind === 'punct' && VALUE_END.has(next.value))) return undefined;
  const pieces = decodeLiteral(src, keyToken.lit!, false);
  if (pieces.some((piece) => piece.kind !== 'text')) return undefined; // `__("sms.$kind")`: no constant key
  const key = pieces.map((piece) => (piece.kind === 'text' ? piece.text : '')).join('');
  if (key === '') return undefined;
  return { start: tokens.at(index)!.start, end: tokens.at(close)!.end, fn: name.value, key };
}

function closingParen(tokens: Tokens, open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const token = tokens.at(i)!;
    if (token.kind !== 'punct') continue;
    if (token.value === '(' || token.value === '[' || token.value === '{') depth++;
    else if (token.value === ')' || token.value === ']' || token.value === '}') {
      depth--;
      if (depth === 0) return token.value === ')' ? i : -1;
    }
  }
  return -1;
}
