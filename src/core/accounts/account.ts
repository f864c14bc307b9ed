// What an account is, read from the application-scoped setting `keccel.accounts` (`[{name, production?, baseUrl?,
// sender?}]`). The setting holds no secret: each account's token is in SecretStorage under the account's stable
// id (ids.ts), never under its name, so a rename keeps it.
//
// Without any entry there is one implicit account, `Keccel`: the settings `keccel.apiBaseUrl` and `keccel.sender`,
// the token and the history file the extension had before accounts existed (its id is IMPLICIT_ACCOUNT_ID). The
// first account a user adds joins it, so nothing moves and nothing is migrated.
//
// A bad entry is left out with a problem that says what is wrong with it; the other entries stay usable.
import { checkBaseUrl, BaseUrlError, LIVE_BASE_URL } from '../baseUrl';
import { checkSender, type SenderProblem } from '../sender';

export const IMPLICIT_ACCOUNT_NAME = 'Keccel';
/** The id of the implicit account: the token's secret key and the history file it had before accounts. */
export const IMPLICIT_ACCOUNT_ID = 'default';
/** Long enough for a client's name and a hint ("Acme RDC (production)"), short enough for the status bar. */
export const MAX_ACCOUNT_NAME_LENGTH = 40;

/** One valid entry of `keccel.accounts`, as written (trimmed). */
export interface AccountEntry {
  name: string;
  production: boolean;
  baseUrl?: string;
  sender?: string;
}

/** An account ready to use: its entry with the defaults applied and its stable id. */
export interface Account {
  id: string;
  name: string;
  production: boolean;
  baseUrl: string;
  sender: string;
  /** True for `Keccel` when `keccel.accounts` is empty (nothing was ever added). */
  implicit: boolean;
}

export type AccountProblemReason =
  | 'notObject'
  | 'name'
  | 'nameTooLong'
  | 'duplicate'
  | 'production'
  | 'baseUrl'
  | 'sender';

/** Why one entry of the setting was left out. */
export interface AccountProblem {
  /** 0-based position in the setting. */
  index: number;
  /** The entry's name when it has a readable one. */
  name?: string;
  reason: AccountProblemReason;
  /** For `baseUrl`: the URL's problem; for `sender`: the sender's. */
  detail?: string;
  /** English, for the log; the extension words it in the user's language from `reason`. */
  message: string;
}

export interface ParsedAccounts {
  entries: AccountEntry[];
  problems: AccountProblem[];
  /**
   * Every readable name of the setting, valid entries or not: the ids are reconciled over these (ids.ts), so an
   * entry that turns invalid for a moment is not taken for a removal (and its id for another's).
   */
  names: string[];
}

/** Names compare without case or surrounding spaces: "Acme" and "acme " would be the same account to a user. */
export function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The problem with a name typed for a new or renamed account, or undefined when it is usable. */
export function checkAccountName(name: string): 'name' | 'nameTooLong' | undefined {
  const value = name.trim();
  // A name is shown in the status bar, notifications and menus as plain text: one line, no control characters.
  if (value === '' || /\p{Cc}/u.test(value)) return 'name';
  if ([...value].length > MAX_ACCOUNT_NAME_LENGTH) return 'nameTooLong';
  return undefined;
}

/** Reads the raw value of `keccel.accounts`; anything but an array is read as no accounts (with a problem). */
export function parseAccounts(raw: unknown): ParsedAccounts {
  const result: ParsedAccounts = { entries: [], problems: [], names: [] };
  if (raw === undefined || raw === null) return result;
  if (!Array.isArray(raw)) {
    result.problems.push({ index: -1, reason: 'notObject', message: 'keccel.accounts must be a list of accounts; it was ignored.' });
    return result;
  }
  raw.forEach((item: unknown, index) => {
    const parsed = parseEntry(item, index, result.entries);
    if (typeof parsed === 'string') return;
    if ('reason' in parsed) {
      result.problems.push(parsed);
      if (parsed.name !== undefined && parsed.reason !== 'duplicate') result.names.push(parsed.name);
      return;
    }
    result.entries.push(parsed);
    result.names.push(parsed.name);
  });
  return result;
}

function parseEntry(item: unknown, index: number, earlier: AccountEntry[]): AccountEntry | AccountProblem {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return { index, reason: 'notObject', message: `keccel.accounts, entry ${index + 1}: not an object with a name; it was ignored.` };
  }
  const fields = item as Record<string, unknown>;
  const name = typeof fields.name === 'string' ? fields.name.trim() : '';
  const nameProblem = checkAccountName(name);
  if (nameProblem) {
    return {
      index,
      name: nameProblem === 'nameTooLong' ? name : undefined,
      reason: nameProblem,
      message:
        nameProblem === 'name'
          ? `keccel.accounts, entry ${index + 1}: the name is missing, empty or not one line of text; the entry was ignored.`
          : `keccel.accounts, entry ${index + 1}: the name "${name}" is longer than ${MAX_ACCOUNT_NAME_LENGTH} characters; the entry was ignored.`,
    };
  }
  const label = `keccel.accounts, "${name}"`;
  if (earlier.some((e) => sameName(e.name, name))) {
    return { index, name, reason: 'duplicate', message: `${label}: another account has this name; this entry was ignored.` };
  }
  if (fields.production !== undefined && typeof fields.production !== 'boolean') {
    return { index, name, reason: 'production', message: `${label}: "production" must be true or false; the account was ignored.` };
  }
  const entry: AccountEntry = { name, production: fields.production === true };
  const baseUrl = optionalText(fields.baseUrl);
  if (baseUrl === null) {
    return { index, name, reason: 'baseUrl', detail: 'invalid', message: `${label}: "baseUrl" must be a URL; the account was ignored.` };
  }
  if (baseUrl !== undefined) {
    try {
      checkBaseUrl(baseUrl);
    } catch (error) {
      if (!(error instanceof BaseUrlError)) throw error;
      return { index, name, reason: 'baseUrl', detail: error.problem, message: `${label}: ${error.message} The account was ignored.` };
    }
    entry.baseUrl = baseUrl;
  }
  const sender = optionalText(fields.sender);
  const senderProblem: SenderProblem | undefined = sender === null ? 'invalid' : sender === undefined ? undefined : checkSender(sender);
  if (senderProblem) {
    return { index, name, reason: 'sender', detail: senderProblem, message: `${label}: the sender is not usable (${senderProblem}); the account was ignored.` };
  }
  if (sender !== undefined && sender !== null) entry.sender = sender;
  return entry;
}

/** A trimmed string, undefined when absent or empty, null when it is not a string. */
function optionalText(value: unknown): string | undefined | null {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text === '' ? undefined : text;
}

/** What an entry leaves out is taken from these: today's settings. */
export interface AccountDefaults {
  /** `keccel.apiBaseUrl`: the implicit account's gateway (the others default to the live one). */
  apiBaseUrl: string;
  /** `keccel.sender`: every account's sender unless its entry names one. */
  sender: string;
}

/**
 * The accounts to use: the valid entries with their ids, or the implicit `Keccel` when there are none. The account
 * holding the implicit id keeps following `keccel.apiBaseUrl` when its entry names no base URL, so the first added
 * account changes nothing for the one that was there.
 */
export function resolveAccounts(entries: AccountEntry[], idOf: (name: string) => string, defaults: AccountDefaults): Account[] {
  if (entries.length === 0) {
    return [{ id: IMPLICIT_ACCOUNT_ID, name: IMPLICIT_ACCOUNT_NAME, production: false, baseUrl: defaults.apiBaseUrl, sender: defaults.sender, implicit: true }];
  }
  return entries.map((entry) => {
    const id = idOf(entry.name);
    return {
      id,
      name: entry.name,
      production: entry.production,
      baseUrl: entry.baseUrl ?? (id === IMPLICIT_ACCOUNT_ID ? defaults.apiBaseUrl : LIVE_BASE_URL),
      sender: entry.sender ?? defaults.sender,
      implicit: false,
    };
  });
}

/** An entry as written to the setting: only what differs from the defaults, so the setting stays readable. */
export function entryValue(entry: AccountEntry): Record<string, unknown> {
  const value: Record<string, unknown> = { name: entry.name };
  if (entry.production) value.production = true;
  if (entry.baseUrl !== undefined) value.baseUrl = entry.baseUrl;
  if (entry.sender !== undefined) value.sender = entry.sender;
  return value;
}

/**
 * The setting's new value with `entry` added. When the list was empty, the implicit `Keccel` is written first, so
 * it stays an account with its token and history (nothing to migrate). The raw items are kept as they were, bad
 * ones included: the user's text is never dropped by an edit of ours.
 */
export function withAccountAdded(raw: unknown, entry: AccountEntry): unknown[] {
  const list = Array.isArray(raw) ? [...(raw as unknown[])] : [];
  if (list.length === 0) list.push({ name: IMPLICIT_ACCOUNT_NAME });
  list.push(entryValue(entry));
  return list;
}

/** The setting's new value without the entry named `name` (every item with that name, in any case). */
export function withAccountRemoved(raw: unknown, name: string): unknown[] {
  const list = Array.isArray(raw) ? (raw as unknown[]) : [];
  return list.filter((item) => !(isNamed(item) && sameName(item.name, name)));
}

function isNamed(item: unknown): item is { name: string } {
  return typeof item === 'object' && item !== null && typeof (item as { name?: unknown }).name === 'string';
}

/**
 * Where the user changes an account's base URL, as the advice of a client error names it ("check …"); undefined for
 * the implicit account, whose base URL is keccel.apiBaseUrl (the client's default advice). English, like the
 * client's other error texts.
 */
export function baseUrlSettingOf(account: Pick<Account, 'name' | 'implicit'>): string | undefined {
  return account.implicit ? undefined : `the "baseUrl" of the account "${account.name}" in keccel.accounts`;
}
