// Builds the DetailsView of one record: every string localised and every value formatted here, in the extension,
// so the page only lays it out. The wire exchange is shown with the token masked whatever the store holds.
import * as vscode from 'vscode';
import { recordState, storyOf } from '../../core/history/events';
import { carrierOf, formatNumber } from '../../core/numbers';
import { partCapacity, splitParts } from '../../core/parts';
import { analyzeMessage } from '../../core/segments';
import type { CallbackPush, HistoryRecord, RecordState, WireExchange } from '../../core/types';
import { redactToken, redactUrl } from '../../core/redact';
import type { DetailsAction, DetailsPush, DetailsTone, DetailsView, DetailsWire } from '../../common/detailsProtocol';
import { pushErrorText } from '../sandbox/pushText';
import { deliveryStatusLabel, displayLocale, exactTime, modeLabel, recipientText, recordStateLabel, segmentsLabel, sendStatusLabel } from '../wording/strings';
import { outcomeStory } from './outcome';

const TONES: Record<RecordState, [DetailsTone, string]> = {
  pending: ['waiting', 'clock'],
  sent: ['ok', 'check'],
  delivered: ['ok', 'check-all'],
  failed: ['error', 'error'],
  expired: ['neutral', 'watch'],
  rejected: ['error', 'circle-slash'],
  unknown: ['warning', 'question'],
  notSent: ['error', 'debug-disconnect'],
};

function stateWords(state: RecordState): string {
  // The shared labels, but for the accepted message whose report is awaited, which the page says in full.
  if (state === 'pending') return vscode.l10n.t('Accepted, waiting for the delivery report');
  if (state === 'sent' || state === 'rejected' || state === 'unknown') return sendStatusLabel(state);
  if (state === 'notSent') return sendStatusLabel('failed');
  return deliveryStatusLabel(state);
}

export interface DetailsContext {
  /** Whether `keccel.message.copyAsCode` is registered (another part of the extension provides it). */
  copyAsCode: boolean;
}

/** "SMS to +243 81 234 5678"; for an app's send whose number was written another way, the number as it was sent. */
export function detailsTitle(record: HistoryRecord): string {
  return vscode.l10n.t('SMS to {0}', record.sentTo ?? recipientText(record));
}

export function detailsView(record: HistoryRecord, context: DetailsContext): DetailsView {
  const [tone, codicon] = TONES[recordState(record)];
  return {
    locale: displayLocale(),
    title: detailsTitle(record),
    state: { label: recordStateLabel(record), tone, codicon },
    outcome: outcomeStory(record),
    facts: factsOf(record),
    text: record.message,
    textMissing: record.message === undefined ? vscode.l10n.t('The text was not stored (keccel.history.storeMessageText is off).') : undefined,
    parts: partsOf(record),
    events: eventsOf(record),
    wire: (record.wire ?? []).map(wireView),
    pushes: pushesView(record),
    actions: actionsOf(record, context),
    headings: {
      text: vscode.l10n.t('Text'),
      parts: vscode.l10n.t('Parts as they are sent'),
      timeline: vscode.l10n.t('Status changes'),
      wire: vscode.l10n.t('On the wire'),
      pushes: vscode.l10n.t('Delivery reports pushed to your callback'),
      details: vscode.l10n.t('Details'),
      request: vscode.l10n.t('Request'),
      response: vscode.l10n.t('Answer'),
    },
  };
}

/** The "Details" list: who, from whom, how it was encoded, the ids, the times, the gateway's words. */
function factsOf(record: HistoryRecord): DetailsView['facts'] {
  const carrier = carrierOf(record.to);
  const facts = [
    { label: vscode.l10n.t('To'), value: carrier ? `${formatNumber(record.to)} · ${carrier}` : record.origin === 'lookup' ? vscode.l10n.t('not told by Keccel (looked up by its message ID)') : formatNumber(record.to) },
    ...(record.sentTo !== undefined ? [{ label: vscode.l10n.t('Number as sent'), value: record.sentTo }] : []),
    { label: vscode.l10n.t('From'), value: record.from },
    { label: vscode.l10n.t('Account'), value: accountLabel(record) },
    { label: vscode.l10n.t('Encoding'), value: `${record.encoding} · ${segmentsLabel(record.segments)}` },
  ];
  if (record.messageId) facts.push({ label: vscode.l10n.t('Message ID'), value: record.messageId });
  facts.push({ label: vscode.l10n.t('Local ID'), value: record.id });
  facts.push({ label: vscode.l10n.t('Sent at'), value: exactTime(record.sentAt) });
  if (record.updatedAt !== record.sentAt) facts.push({ label: vscode.l10n.t('Updated'), value: exactTime(record.updatedAt) });
  if (record.lastCheckedAt) {
    facts.push({
      label: vscode.l10n.t('Last delivery check'),
      value:
        (record.checks ?? 1) === 1
          ? vscode.l10n.t('{0} (1 check)', exactTime(record.lastCheckedAt))
          : vscode.l10n.t('{0} ({1} checks)', exactTime(record.lastCheckedAt), record.checks ?? 1),
    });
  }
  if (record.description) facts.push({ label: vscode.l10n.t('Gateway said'), value: record.description });
  return facts;
}

/** The stored text cut as the network cuts it, each part with its fill ("Part 1 of 2 · 153 of 153"). */
function partsOf(record: HistoryRecord): DetailsView['parts'] {
  if (record.message === undefined) return [];
  const text = record.message.normalize('NFC');
  const parts = splitParts(text);
  const info = analyzeMessage(text);
  const capacity = partCapacity(info.encoding, info.segments);
  return parts.map((part, i) => ({
    caption: vscode.l10n.t('Part {0} of {1} · {2} of {3}', i + 1, parts.length, unitsOf(part, info.encoding), capacity),
    text: part,
  }));
}

/** The record's status changes, as the history tells them (core/history/events.ts). */
function eventsOf(record: HistoryRecord): DetailsView['events'] {
  return storyOf(record).map((event) => ({
    at: exactTime(event.at),
    iso: event.at,
    label: stateWords(event.status),
    tone: TONES[event.status][0],
    description: event.description,
  }));
}

/** The buttons that apply to this record; each runs the per-message command of the same name. */
function actionsOf(record: HistoryRecord, context: DetailsContext): DetailsView['actions'] {
  const actions: DetailsView['actions'] = [];
  const add = (action: DetailsAction, label: string, icon: string) => actions.push({ action, label, codicon: icon });
  if (record.deliveryStatus === 'pending') add('checkNow', vscode.l10n.t('Check Delivery Now'), 'sync');
  if (record.messageId) add('copyId', vscode.l10n.t('Copy Message ID'), 'copy');
  if (record.message !== undefined) add('resend', vscode.l10n.t('Send Again…'), 'redo');
  if (context.copyAsCode) add('copyAsCode', vscode.l10n.t('Copy as Code…'), 'code');
  add('delete', vscode.l10n.t('Delete…'), 'trash');
  return actions;
}

/**
 * The pushes of a sandbox message to `keccel.sandbox.callbackUrl`, and Push Again once the message has a final
 * status (before that there is no report to push).
 */
function pushesView(record: HistoryRecord): DetailsView['pushes'] {
  const items = (record.pushes ?? []).map(pushView);
  const final = record.deliveryStatus === 'delivered' || record.deliveryStatus === 'failed';
  if (!record.sandbox || !record.messageId || !final) return { items };
  return {
    items,
    empty: items.length === 0 ? vscode.l10n.t('None: no callback URL was set (keccel.sandbox.callbackUrl) when its status became final.') : undefined,
    again: { label: vscode.l10n.t('Push Again'), codicon: 'debug-restart' },
  };
}

function pushView(push: CallbackPush): DetailsPush {
  const failed = push.error !== undefined;
  return {
    at: exactTime(push.at),
    iso: push.at,
    url: displayedUrl(push.url),
    report: push.status,
    result: failed ? pushErrorText(push) : vscode.l10n.t('HTTP {0}', push.httpStatus ?? 0),
    tone: failed ? 'error' : 'ok',
  };
}

/** A callback URL as the page shows it: a `token` parameter and a user:password part masked (the app's secrets). */
function displayedUrl(url: string): string {
  let shown = url;
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = '***';
      parsed.password = '';
      shown = parsed.toString();
    }
  } catch {
    // Not a URL (a push to an invalid setting records it as it was): shown as text, its token masked below.
  }
  return redactToken(redactUrl(shown));
}

function accountLabel(record: HistoryRecord): string {
  const mode = modeLabel(record.sandbox);
  if (record.origin === 'app') return `${mode} · ${vscode.l10n.t('sent by another app through the sandbox')}`;
  return record.account === undefined ? mode : `${record.account} · ${mode}`;
}

function unitsOf(part: string, encoding: 'GSM-7' | 'UCS-2'): number {
  return encoding === 'UCS-2' ? part.length : analyzeMessage(part).units;
}

/** The token is masked in every form it can take on the wire (a parameter, a JSON field, a query string). */
function wireView(exchange: WireExchange): DetailsWire {
  const params = Object.entries(exchange.params ?? {}).map(([key, value]) => `${key}=${/^token$/i.test(key) ? '••••' : value}`);
  const request = [`${exchange.method} ${redactToken(exchange.path)}`, ...params];
  if (exchange.requestBody) request.push('', redactToken(exchange.requestBody));
  return {
    title: `${exchange.method} ${redactToken(exchange.path)} · HTTP ${exchange.status} · ${exchange.durationMs} ms`,
    at: exactTime(exchange.at),
    request: request.join('\n'),
    response: `HTTP ${exchange.status}\n${redactToken(exchange.responseBody)}`,
  };
}
