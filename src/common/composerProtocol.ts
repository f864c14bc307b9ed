// The one message protocol between the composer webview and the extension host. Both sides import these types,
// so a message either side sends is checked against what the other side handles (a discriminated union on
// `type`, exhaustively switched on both ends). Plain JSON only: it crosses a postMessage boundary.
import type { HistoryRecord } from '../core/types';
import type { NumberErrorCode } from '../core/numbers';

/** What the user has typed; kept with `setState` in the webview and handed to the serializer on reload. */
export interface ComposerDraft {
  /** As typed (not normalised), so the user finds their own text again. */
  to: string;
  /** Empty means "the default sender" (the `keccel.sender` setting). */
  from: string;
  message: string;
}

export const EMPTY_DRAFT: ComposerDraft = { to: '', from: '', message: '' };

/** What the webview persists with `acquireVsCodeApi().setState` (and what the serializer gets back). */
export interface ComposerPersistedState {
  draft: ComposerDraft;
  /** The record the result box shows (absent once dismissed), so it comes back, up to date, after a reload. */
  lastRecordId?: string;
  lastRecordSandbox?: boolean;
}

/**
 * Every user-facing string of the composer, already localised by the extension (`vscode.l10n.t`): the webview
 * bundle has no VS Code API. `{0}`, `{1}`... are filled in by the webview (see `fill` in format.ts).
 * Pairs ending in `One`/`Other` are plural forms chosen with `Intl.PluralRules` for `locale`.
 */
export interface ComposerStrings {
  locale: string;
  title: string;
  to: string;
  from: string;
  message: string;
  toPlaceholder: string;
  /** {0}: the default sender. */
  fromPlaceholder: string;
  messagePlaceholder: string;
  send: string;
  sending: string;
  /** {0}: the shortcut (Ctrl+Enter or ⌘+Enter). */
  sendHint: string;
  sandboxBadge: string;
  sandboxTooltip: string;
  /** {0}: the account's name. */
  productionTooltip: string;
  /** {0}: the account's name. */
  accountTooltip: string;
  noToken: string;
  setToken: string;
  /** {0}: carrier, {1}: formatted number. */
  numberOk: string;
  /** Per error code, only where a translation exists; otherwise the core's (English, more precise) message. */
  numberErrors: Partial<Record<NumberErrorCode, string>>;
  /** {0}: maximum length. */
  fromTooLong: string;
  fromInvalid: string;
  /** The From field is empty and the `keccel.sender` setting is unusable. {0}: its value, {1}: maximum length. */
  fromSettingTooLong: string;
  /** {0}: the setting's value. */
  fromSettingInvalid: string;
  /** {0}: count. */
  segmentsOne: string;
  segmentsOther: string;
  charactersOne: string;
  charactersOther: string;
  /** {0}: room left in the current part (phrased so that it needs no plural). */
  left: string;
  /** {0}: the GSM-7 extension characters present (`€ [ ]`); plural by how many distinct ones. */
  doubleWidthOne: string;
  doubleWidthOther: string;
  ucs2Intro: string;
  /** {0}: character, {1}: hex code point, {2}: 1-based position. */
  ucs2Char: string;
  /** Same, plus {3}: the GSM-7 replacement. */
  ucs2CharReplacement: string;
  /** Same, for a character whose rewrite is to drop it (an invisible space). */
  ucs2CharDropped: string;
  /** {0}: how many more. */
  ucs2More: string;
  rewrite: string;
  /** {0}: number of characters replaced. */
  rewriteDone: string;
  /** {0}: the characters without a GSM-7 form. */
  rewriteRemaining: string;
  /** {0}: the characters without a GSM-7 form (plural by how many distinct ones); replaces the rewrite button. */
  rewriteBlockedOne: string;
  rewriteBlockedOther: string;
  undo: string;
  /** {0}: the recipient, formatted. Titles the result box, which stays while the next message is typed. */
  lastMessage: string;
  /** {0}: message ID. */
  sent: string;
  sentNoId: string;
  sentSandbox: string;
  /** The send outcomes, in the palette's and the tree's words; the gateway's description follows on its own line. */
  rejected: string;
  unknown: string;
  unknownWarning: string;
  /** Under an unknown outcome: Send on the same message asks first (whatever `confirmBeforeSend` says). */
  confirmAgain: string;
  /** The head of a send whose answer has not come yet (its record is already in the history). */
  inFlight: string;
  /** The head of a send whose window closed or reloaded before the answer came, and what that means. */
  interrupted: string;
  interruptedDetail: string;
  failed: string;
  /** The delivery states, in the tree's words. */
  deliveryPending: string;
  delivered: string;
  deliveryFailed: string;
  deliveryExpired: string;
  /** {0}: message ID. */
  messageId: string;
  showInHistory: string;
  copyAsCode: string;
  /** Replaces the result box once its record was deleted from the history. */
  recordRemoved: string;
  /** The close button of the result box. */
  dismiss: string;
  notSent: string;
  /** {0}: the error. */
  sendError: string;
}

/** State the extension owns and may change while the panel is open. */
export interface ComposerHostState {
  defaultSender: string;
  sandbox: boolean;
  hasToken: boolean;
  /** The account a send goes to, when it must be named (a production one, or one of several); shown as a badge. */
  account?: { name: string; production: boolean };
}

// ---- webview -> extension --------------------------------------------------------------------------------------

export type WebviewToExtension =
  /** The script is running and listening: the extension answers with `init`. */
  | { type: 'ready' }
  /** One click, one SMS: the webview sends this once and waits for `sendResult`/`sendError`/`sendCancelled`. */
  | { type: 'send'; draft: ComposerDraft }
  | { type: 'openTokenSetup' }
  | { type: 'revealRecord'; id: string }
  /** Runs keccel.message.copyAsCode on the record of the result box (it asks for the language). */
  | { type: 'copyAsCode'; id: string }
  /** The user closed the result box: the extension stops following that record and does not show it again. */
  | { type: 'dismissOutcome' }
  /** Lets the extension keep the latest draft (for `keccel.openComposer` prefill merges). */
  | { type: 'draftChanged'; draft: ComposerDraft };

// ---- extension -> webview --------------------------------------------------------------------------------------

export type ExtensionToWebview =
  | {
      type: 'init';
      draft: ComposerDraft;
      state: ComposerHostState;
      strings: ComposerStrings;
      /** True when a send started before the webview was (re)created is still running. */
      sending: boolean;
      /** The outcome of the last send of this panel, so hiding the panel does not lose it. */
      lastRecord?: HistoryRecord;
    }
  /** The attempt is in the history (in flight) and its request is leaving: the box follows it from now on. */
  | { type: 'sendStarted'; record: HistoryRecord }
  | { type: 'sendResult'; record: HistoryRecord }
  /** The record of the last send changed in the history (its delivery report came, or it was given up on). */
  | { type: 'recordUpdated'; record: HistoryRecord }
  /** The record of the last send is no longer in the history (Clear History, Delete): the box says so, no link. */
  | { type: 'recordRemoved'; id: string }
  /**
   * Nothing was sent and the host already told the user why (e.g. no token). `record`: the uncertain earlier
   * attempt the user chose not to send again, which the box shows again.
   */
  | { type: 'sendCancelled'; record?: HistoryRecord }
  /** Nothing was sent because of an error in the extension (the message is for display). */
  | { type: 'sendError'; message: string }
  | { type: 'state'; state: ComposerHostState }
  /** `keccel.openComposer` with an argument while the panel is open. */
  | { type: 'prefill'; to?: string; message?: string };

/** Narrowing guard for messages arriving from the webview (the extension never trusts their shape). */
export function isWebviewMessage(value: unknown): value is WebviewToExtension {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; id?: unknown; draft?: unknown };
  switch (message.type) {
    case 'ready':
    case 'openTokenSetup':
    case 'dismissOutcome':
      return true;
    case 'revealRecord':
    case 'copyAsCode':
      return typeof message.id === 'string';
    case 'send':
    case 'draftChanged':
      return isDraft(message.draft);
    default:
      return false;
  }
}

export function isDraft(value: unknown): value is ComposerDraft {
  if (typeof value !== 'object' || value === null) return false;
  const draft = value as Record<string, unknown>;
  return typeof draft.to === 'string' && typeof draft.from === 'string' && typeof draft.message === 'string';
}
