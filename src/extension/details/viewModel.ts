// Builds the DetailsView of one record: every string localised and every value formatted here, in the extension,
// so the page only lays it out. The wire exchange is shown with the token masked whatever the store holds.
import * as vscode from 'vscode';
import { recordState, storyOf } from '../../core/history/events';
import { carrierOf, formatNumber } from '../../core/numbers';
import { partCapacity, splitParts } from '../../core/parts';
import { analyzeMessage } from '../../core/segments';
import type { HistoryRecord, RecordState, WireExchange } from '../../core/types';
import { redactToken } from '../../core/redact';
import type { DetailsAction, DetailsTone, DetailsView, DetailsWire } from '../../shared/detailsProtocol';
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

export function detailsTitle(record: HistoryRecord): string {
  return vscode.l10n.t('SMS to {0}', recipientText(record));
}

export function detailsView(record: HistoryRecord, context: DetailsContext): DetailsView {
  const story = outcomeStory(record);
  const current = recordState(record);
  const [tone, codicon] = TONES[current];
  const carrier = carrierOf(record.to);
  const facts = [
    { label: vscode.l10n.t('To'), value: carrier ? `${formatNumber(record.to)} · ${carrier}` : record.origin === 'lookup' ? vscode.l10n.t('not told by Keccel (looked up by its message ID)') : formatNumber(record.to) },
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

  const parts = record.message !== undefined ? splitParts(record.message.normalize('NFC')) : [];
  const info = record.message !== undefined ? analyzeMessage(record.message.normalize('NFC')) : undefined;
  const capacity = info ? partCapacity(info.encoding, info.segments) : 0;
  const actions: DetailsView['actions'] = [];
  const add = (action: DetailsAction, label: string, icon: string) => actions.push({ action, label, codicon: icon });
  if (record.deliveryStatus === 'pending') add('checkNow', vscode.l10n.t('Check Delivery Now'), 'sync');
  if (record.messageId) add('copyId', vscode.l10n.t('Copy Message ID'), 'copy');
  if (record.message !== undefined) add('resend', vscode.l10n.t('Send Again…'), 'redo');
  if (context.copyAsCode) add('copyAsCode', vscode.l10n.t('Copy as Code…'), 'code');
  add('delete', vscode.l10n.t('Delete…'), 'trash');

  return {
    locale: displayLocale(),
    title: detailsTitle(record),
    state: { label: recordStateLabel(record), tone, codicon },
    outcome: story,
    facts,
    text: record.message,
    textMissing: record.message === undefined ? vscode.l10n.t('The text was not stored (keccel.history.storeMessageText is off).') : undefined,
    parts: parts.map((text, i) => ({
      caption: vscode.l10n.t('Part {0} of {1} · {2} of {3}', i + 1, parts.length, unitsOf(text, info?.encoding ?? 'GSM-7'), capacity),
      text,
    })),
    events: storyOf(record).map((event) => ({
      at: exactTime(event.at),
      iso: event.at,
      label: stateWords(event.status),
      tone: TONES[event.status][0],
      description: event.description,
    })),
    wire: (record.wire ?? []).map(wireView),
    actions,
    headings: {
      text: vscode.l10n.t('Text'),
      parts: vscode.l10n.t('Parts as they are sent'),
      timeline: vscode.l10n.t('Status changes'),
      wire: vscode.l10n.t('On the wire'),
      details: vscode.l10n.t('Details'),
      request: vscode.l10n.t('Request'),
      response: vscode.l10n.t('Answer'),
    },
  };
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
