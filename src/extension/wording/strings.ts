// User-facing wording shared by several views (tree, notifications, status bar, quick picks), all through
// vscode.l10n so the French bundle covers it. The core writes English; where it explains a problem precisely
// (number validation) English users get its words and other languages a translated sentence per error code.
import * as vscode from 'vscode';
import { ageOf } from '../../core/age';
import { formatNumber, formatNumberCompact, type NumberErrorCode } from '../../core/numbers';
import type { DeliveryStatus, HistoryRecord, SendStatus } from '../../core/types';
import { numberErrorText } from './numberErrors';
import { pluralTemplate } from '../../common/format';

export function isEnglish(): boolean {
  return vscode.env.language.toLowerCase().startsWith('en');
}

/** A rejected number, in words: the core's precise English, or the translated summary of its error code. */
export function numberError(code: NumberErrorCode, coreMessage: string): string {
  return numberErrorText(vscode.l10n, code, coreMessage);
}

export function sendStatusLabel(status: SendStatus): string {
  switch (status) {
    case 'sent':
      return vscode.l10n.t('Sent');
    case 'rejected':
      return vscode.l10n.t('Rejected');
    case 'unknown':
      return vscode.l10n.t('Outcome unknown');
    case 'failed':
      return vscode.l10n.t('Not sent');
  }
}

export function deliveryStatusLabel(status: DeliveryStatus): string {
  switch (status) {
    case 'pending':
      return vscode.l10n.t('Waiting for delivery report');
    case 'delivered':
      return vscode.l10n.t('Delivered');
    case 'failed':
      return vscode.l10n.t('Delivery failed');
    case 'expired':
      return vscode.l10n.t('No delivery report (gave up)');
  }
}

/** The one-phrase state of a record: its delivery state when accepted, else its send outcome. */
export function recordStateLabel(record: HistoryRecord): string {
  return record.sendStatus === 'sent' && record.deliveryStatus
    ? deliveryStatusLabel(record.deliveryStatus)
    : sendStatusLabel(record.sendStatus);
}

/** One short word for a tree row, which the sidebar cuts off; the full wording is in the tooltip. */
export function shortStateLabel(record: HistoryRecord): string {
  if (record.sendStatus === 'sent') {
    switch (record.deliveryStatus) {
      case 'pending':
        return vscode.l10n.t('Pending');
      case 'delivered':
        return vscode.l10n.t('Delivered');
      case 'failed':
        return vscode.l10n.t('Failed');
      case 'expired':
        return vscode.l10n.t('No report');
      default:
        return vscode.l10n.t('Sent');
    }
  }
  switch (record.sendStatus) {
    case 'rejected':
      return vscode.l10n.t('Rejected');
    case 'unknown':
      return vscode.l10n.t('Unknown');
    case 'failed':
      return vscode.l10n.t('Not sent');
  }
}

export function segmentsLabel(segments: number): string {
  return pluralText(segments, vscode.l10n.t('{0} segment', segments), vscode.l10n.t('{0} segments', segments));
}

/**
 * Where a send goes, for confirmations and steps: the sandbox, or live with the account's name when there are
 * several or it is a production one (a production account is named everywhere a send can start).
 */
export function destinationLabel(session: { isSandbox: boolean; severalAccounts: boolean; account: { name: string; production: boolean } }, mode?: 'live' | 'sandbox'): string {
  const sandbox = mode === undefined ? session.isSandbox : mode === 'sandbox';
  if (sandbox) return modeLabel(true);
  const { account } = session;
  if (account.production) return vscode.l10n.t('Production account "{0}" (real SMS, charged)', account.name);
  return session.severalAccounts ? vscode.l10n.t('Account "{0}" · {1}', account.name, modeLabel(false)) : modeLabel(false);
}

/**
 * Who a record's SMS went to, as shown: the number, or, for a message looked up by its ID (`origin: 'lookup'`: the
 * gateway tells no recipient), that ID. `compact` is the tree row's form.
 */
export function recipientText(record: Pick<HistoryRecord, 'to' | 'origin' | 'messageId'>, compact = false): string {
  if (record.origin === 'lookup') return vscode.l10n.t('Message {0}', record.messageId ?? '');
  return compact ? formatNumberCompact(record.to) : formatNumber(record.to);
}

export function modeLabel(sandbox: boolean): string {
  return sandbox ? vscode.l10n.t('Sandbox (simulated, nothing is really sent)') : vscode.l10n.t('Live (real SMS, charged)');
}

/**
 * The locale of every date and time the extension shows (tree, tooltips, status bar, details): the user's VS Code
 * language, with English as en-GB ("31 Dec", 24-hour clock) so the status bar reads as the contract shows it.
 */
export function displayLocale(): string {
  return isEnglish() ? 'en-GB' : vscode.env.language;
}

/**
 * Formatters are built once per kind: `toLocaleString` with options builds a new one on every call (~70 µs), and
 * each tree row formats several times on every refresh of the view (a delivery update refreshes it). The display
 * language is fixed for the life of the extension host.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(kind: 'exact' | 'day' | 'time'): Intl.DateTimeFormat {
  let format = formatters.get(kind) as Intl.DateTimeFormat | undefined;
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'exact'
        ? { dateStyle: 'medium', timeStyle: 'short' }
        : kind === 'day'
          ? { day: 'numeric', month: 'short' }
          : { hour: '2-digit', minute: '2-digit' };
    format = new Intl.DateTimeFormat(displayLocale(), options);
    formatters.set(kind, format);
  }
  return format;
}

function unitFormat(unit: 'minute' | 'hour' | 'day'): Intl.NumberFormat {
  let format = formatters.get(unit) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(displayLocale(), { style: 'unit', unit, unitDisplay: 'narrow' });
    formatters.set(unit, format);
  }
  return format;
}

/** The one formatter of exact dates and times: "28 Nov 2026, 15:49" (en), "28 nov. 2026, 15:49" (fr). */
export function exactTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat('exact').format(date);
}

/** "28 Nov 15:49": short enough for an editor tab title. */
export function shortDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${dateFormat('day').format(date)} ${dateFormat('time').format(date)}`;
}

/** "31 Dec": the day and month only (the status bar's expiry). */
export function shortDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat('day').format(date);
}

/**
 * A compact age for tree rows, which the default sidebar width cuts off: "now", "3m", "2h", "5d" ("3min", "2h",
 * "5j" in French), then the date. Floor rounding (core/age.ts): 3 min 30 s is "3m". The exact time is in the tooltip.
 */
export function shortAge(iso: string, now: number = Date.now()): string {
  const then = Date.parse(iso);
  if (!Number.isFinite(then)) return '';
  const age = ageOf(then, now);
  switch (age.unit) {
    case 'now':
      return vscode.l10n.t('now');
    case 'date':
      return shortDate(iso);
    default:
      return unitFormat(age.unit).format(age.value);
  }
}

/** Makes a text end like a sentence, so two can be put one after the other. */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return '';
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * What happened, from a send outcome's description: the core ends uncertain and failed outcomes with advice
 * ("the SMS may or may not have been sent...", "The SMS was not sent.") that the notifications and the tooltip
 * say in their own words, so it is left out here. Also avoids ".)" from an error page line in brackets.
 */
export function outcomeCause(description: string): string {
  const cause = description
    .replace(/[;,.]?\s*the SMS may or may not have been sent\.?\s*(Check the history before sending again\.?)?\s*$/i, '')
    .replace(/\s*The SMS was not sent\.?\s*$/i, '')
    .replace(/\.\)/g, ')');
  return asSentence(cause);
}

/**
 * The plain text of a tooltip's Markdown (markdownText escapes, `&nbsp;`), for the test-facing snapshots of api.ts
 * and accessibility labels.
 */
export { unescapeMarkdown as markdownToPlain } from '../../core/plainText';

/** The warning of a deletion that takes messages still waiting for their delivery report (never known here then). */
export function pendingDeletionWarning(pending: number): string {
  return pluralText(
    pending,
    vscode.l10n.t('{0} message is still waiting for a delivery report: it will no longer be followed.', pending),
    vscode.l10n.t('{0} messages are still waiting for a delivery report: they will no longer be followed.', pending),
  );
}

/**
 * Picks the singular or plural sentence for `count` by the plural rules of the display language (French: 0 and
 * 1 are singular). Both sentences are passed already localised, so the l10n tooling sees each literal.
 */
export function pluralText(count: number, one: string, other: string): string {
  return pluralTemplate(vscode.env.language, count, one, other);
}
