// Finding messages in the history: a query of words, each of which must match (AND), case and accents ignored.
// A word matches a record when it is
//   - a number fragment (digits, optionally with + or spaces typed around them, e.g. `0812`, `+243 81`): the
//     recipient's digits contain it, compared in the national form without the trunk 0 (so 0812, 812 and 243812
//     all find 243812345678);
//   - a state name (`delivered`, `failed`, `pending`... or the words the caller gives, e.g. the French ones):
//     the record is in that state;
//   - anything else: the text, the sender, the message ID or the gateway's description contains it.
// Matching 10,000 records is a string search per record over a haystack built once per record object (records
// are immutable snapshots: a changed record is a new object, so the cache can never be stale).
import type { HistoryRecord, RecordState } from '../types';
import { recordState } from './events';

export type StateWords = ReadonlyMap<string, RecordState>;

const STATES: readonly RecordState[] = ['pending', 'delivered', 'failed', 'expired', 'sent', 'rejected', 'unknown', 'notSent'];

/** Each accented Latin letter and its base letter (built once: normalising every text is ~10x slower). */
const BASE_LETTERS = new Map<string, string>();
for (let code = 0xc0; code <= 0x24f; code++) {
  const ch = String.fromCharCode(code).toLowerCase();
  const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (base !== ch && base.length === 1) BASE_LETTERS.set(ch, base);
}

/** Lower case, accents removed: "Échec" and "echec" are the same word (also when typed decomposed, e + U+0301). */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  // Plain ASCII (numbers, most queries) needs nothing more.
  if (!/[^\x00-\x7f]/.test(lower)) return lower;
  return lower.replace(/[\u00c0-\u024f]/g, (ch) => BASE_LETTERS.get(ch) ?? ch).replace(/[\u0300-\u036f]/g, '');
}

type Term = { kind: 'digits'; digits: string } | { kind: 'state'; state: RecordState; word: string } | { kind: 'text'; text: string };

const haystacks = new WeakMap<HistoryRecord, string>();

function haystackOf(record: HistoryRecord): string {
  let hay = haystacks.get(record);
  if (hay === undefined) {
    hay = fold([record.message ?? '', record.from, record.messageId ?? '', record.description].join('\n'));
    haystacks.set(record, hay);
  }
  return hay;
}

/** The national digits of a recipient (`243812345678` → `812345678`). */
function nationalDigits(to: string): string {
  return to.startsWith('243') ? to.slice(3) : to;
}

function parseTerm(word: string, words: StateWords): Term {
  const folded = fold(word);
  if (/^\+?[\d\s]{3,}$/.test(word)) {
    let digits = word.replace(/\D/g, '');
    if (digits.startsWith('00243')) digits = digits.slice(5);
    else if (digits.startsWith('243') && digits.length > 3) digits = digits.slice(3);
    else if (digits.startsWith('0')) digits = digits.slice(1);
    return { kind: 'digits', digits };
  }
  const state = words.get(folded) ?? STATES.find((s) => s.toLowerCase() === folded);
  if (state) return { kind: 'state', state, word: folded };
  return { kind: 'text', text: folded };
}

/**
 * The words of a query: runs of non-space, except that a number typed with spaces (`081 234`) stays one word.
 * Quoted phrases ("à demain") stay whole.
 */
function words(query: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|(\+?\d[\d ]*\d)|(\S+)/g;
  for (const match of query.matchAll(re)) {
    const word = (match[1] ?? match[2] ?? match[3] ?? '').trim();
    if (word) out.push(word);
  }
  return out;
}

export interface HistoryFilter {
  query: string;
  matches(record: HistoryRecord): boolean;
}

/** A filter for `query`, or undefined for an empty one. `stateWords` adds names for states (folded, e.g. French). */
export function parseFilter(query: string, stateWords: StateWords = new Map()): HistoryFilter | undefined {
  const terms = words(query).map((word) => parseTerm(word, stateWords));
  if (terms.length === 0) return undefined;
  return {
    query: query.trim(),
    matches(record) {
      for (const term of terms) {
        switch (term.kind) {
          case 'digits':
            if (!nationalDigits(record.to).includes(term.digits)) return false;
            break;
          case 'state':
            // A state word may also just be a word of the text ("failed" in a message): either matches.
            if (recordState(record) !== term.state && !haystackOf(record).includes(term.word)) return false;
            break;
          case 'text':
            if (!haystackOf(record).includes(term.text)) return false;
            break;
        }
      }
      return true;
    },
  };
}

/**
 * Builds the search text of every record ahead of the first keystroke (the filter box calls it when it opens):
 * folding 10,000 texts is the one slow step of a search, and a user takes longer than that to type a character.
 */
export function warmFilter(records: readonly HistoryRecord[]): void {
  for (const record of records) haystackOf(record);
}

/** The records of `records` (already newest first) that match. */
export function filterRecords(records: readonly HistoryRecord[], filter: HistoryFilter): HistoryRecord[] {
  const out: HistoryRecord[] = [];
  for (const record of records) if (filter.matches(record)) out.push(record);
  return out;
}
