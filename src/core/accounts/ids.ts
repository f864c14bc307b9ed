// Stable account ids. The setting `keccel.accounts` holds names only (a user edits it by hand, Settings Sync copies
// it), but a token and a history file must survive a rename, so each is keyed by an id the extension keeps beside
// the setting (in VS Code's globalState, which is this machine's, like the tokens and the history files).
//
// The ids are reconciled whenever the list changes (reconcileIds): a name already known keeps its id; a change that
// removes exactly one name and adds exactly one new name whose entry is otherwise the same (production flag and base
// URL) is a rename and moves the id; any other new name gets a new id. A new id is derived from the name, so two
// windows that see the same change compute the same ids. The implicit account `Keccel` has the id it had before
// accounts existed (IMPLICIT_ACCOUNT_ID), whose token and history file are today's.
import { createHash } from 'node:crypto';
import { IMPLICIT_ACCOUNT_ID, IMPLICIT_ACCOUNT_NAME, type AccountEntry } from './account';

/** What is kept between two readings of the setting. */
export interface AccountIdState {
  /** Name (as written) → id, for the names listed at the last reconciliation. */
  ids: Record<string, string>;
  /** The entries listed at the last reconciliation (name, production, base URL), to recognise a rename. */
  listed: ListedEntry[];
}

export interface ListedEntry {
  name: string;
  production: boolean;
  baseUrl?: string;
}

export interface Reconciled {
  state: AccountIdState;
  /** A rename seen in this change: the id moved from `from` to `to`. */
  renamed?: { from: string; to: string; id: string };
}

/** What a stored id may look like: it becomes a file name and a secret key, so nothing else gets through. */
const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Before anything was ever reconciled: the implicit `Keccel` alone. */
export function initialIdState(): AccountIdState {
  return { ids: { [IMPLICIT_ACCOUNT_NAME]: IMPLICIT_ACCOUNT_ID }, listed: [{ name: IMPLICIT_ACCOUNT_NAME, production: false }] };
}

/** Reads a stored state; anything malformed (another version's, a hand edit) counts as nothing stored. */
export function readIdState(value: unknown): AccountIdState {
  if (typeof value !== 'object' || value === null) return initialIdState();
  const { ids, listed } = value as { ids?: unknown; listed?: unknown };
  if (typeof ids !== 'object' || ids === null || !Array.isArray(listed)) return initialIdState();
  const goodIds: Record<string, string> = {};
  for (const [name, id] of Object.entries(ids as Record<string, unknown>)) {
    if (typeof id === 'string' && ID_PATTERN.test(id)) goodIds[name] = id;
  }
  const goodListed = listed.filter(
    (e): e is ListedEntry =>
      typeof e === 'object' && e !== null && typeof e.name === 'string' && typeof e.production === 'boolean' && (e.baseUrl === undefined || typeof e.baseUrl === 'string'),
  );
  return { ids: goodIds, listed: goodListed };
}

/**
 * The ids for the names listed now. `entries` are the valid entries; `names` every readable name of the setting
 * (an entry that is invalid for a moment keeps its id). An empty list means the implicit `Keccel`.
 */
export function reconcileIds(previous: AccountIdState, entries: AccountEntry[], names: string[] = entries.map((e) => e.name)): Reconciled {
  const current: ListedEntry[] = entries.length === 0 && names.length === 0 ? [{ name: IMPLICIT_ACCOUNT_NAME, production: false }] : entries.map(listedOf);
  const currentNames = entries.length === 0 && names.length === 0 ? [IMPLICIT_ACCOUNT_NAME] : names;
  const ids: Record<string, string> = {};
  for (const name of currentNames) {
    const known = previous.ids[name];
    if (known !== undefined && !Object.values(ids).includes(known)) ids[name] = known;
  }
  const previousNames = new Set(previous.listed.map((e) => e.name));
  const gone = previous.listed.filter((e) => !currentNames.includes(e.name) && previous.ids[e.name] !== undefined);
  const added = currentNames.filter((name) => ids[name] === undefined);
  let renamed: Reconciled['renamed'];
  if (gone.length === 1 && added.length === 1 && !previousNames.has(added[0])) {
    const addedEntry = current.find((e) => e.name === added[0]);
    const id = previous.ids[gone[0].name];
    if (addedEntry && sameExceptName(gone[0], addedEntry) && !Object.values(ids).includes(id)) {
      ids[added[0]] = id;
      renamed = { from: gone[0].name, to: added[0], id };
    }
  }
  for (const name of currentNames) {
    if (ids[name] !== undefined) continue;
    const used = new Set(Object.values(ids));
    ids[name] = name === IMPLICIT_ACCOUNT_NAME && !used.has(IMPLICIT_ACCOUNT_ID) ? IMPLICIT_ACCOUNT_ID : newAccountId(name, used);
  }
  return { state: { ids, listed: current }, renamed };
}

function listedOf(entry: AccountEntry): ListedEntry {
  return entry.baseUrl === undefined ? { name: entry.name, production: entry.production } : { name: entry.name, production: entry.production, baseUrl: entry.baseUrl };
}

/** A rename changes the name only: a changed gateway or production flag is another account, never a token moved. */
function sameExceptName(a: ListedEntry, b: ListedEntry): boolean {
  return a.production === b.production && (a.baseUrl ?? '') === (b.baseUrl ?? '');
}

/**
 * A new id derived from the name: a readable part (the name's letters and digits) and a hash, so it is the same in
 * every window; a suffix when another account already holds it (one renamed from this name, say).
 */
export function newAccountId(name: string, used: ReadonlySet<string>): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 24);
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  const base = slug ? `${slug}-${hash}` : `account-${hash}`;
  if (!used.has(base) && base !== IMPLICIT_ACCOUNT_ID) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

/**
 * The history file of an account. The implicit account's is the file the extension always had, so its messages
 * stay where they were; the sandbox's (`sandbox-history.jsonl`) can never be one of these.
 */
export function historyFileName(accountId: string): string {
  if (!ID_PATTERN.test(accountId)) throw new Error(`Not an account id: ${JSON.stringify(accountId)}`);
  return accountId === IMPLICIT_ACCOUNT_ID ? 'history.jsonl' : `history-${accountId}.jsonl`;
}
