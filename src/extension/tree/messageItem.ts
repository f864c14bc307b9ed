// How one history record looks in the Messages view: recipient, carrier as text, a coloured status codicon, the
// relative time, a tooltip with the whole story, and a contextValue that drives its menus
// (`message.<state>[.hasId][.hasText]`, e.g. `message.pending.hasId.hasText`).
import * as vscode from 'vscode';
import { carrierOf, formatNumber } from '../../core/numbers';
import type { HistoryRecord } from '../../core/types';
import { exactTime, modeLabel, recordStateLabel, relativeTime, segmentsLabel } from '../strings';

export type MessageState = 'pending' | 'delivered' | 'failed' | 'expired' | 'sent' | 'rejected' | 'unknown' | 'notSent';

export function stateOf(record: HistoryRecord): MessageState {
  if (record.sendStatus === 'sent') return record.deliveryStatus ?? 'sent';
  if (record.sendStatus === 'failed') return 'notSent';
  return record.sendStatus;
}

const ICONS: Record<MessageState, [string, string]> = {
  pending: ['clock', 'charts.yellow'],
  sent: ['check', 'charts.blue'],
  delivered: ['check-all', 'charts.green'],
  failed: ['error', 'charts.red'],
  expired: ['circle-slash', 'disabledForeground'],
  rejected: ['error', 'charts.red'],
  unknown: ['question', 'charts.orange'],
  notSent: ['debug-disconnect', 'charts.red'],
};

export function iconOf(record: HistoryRecord): vscode.ThemeIcon {
  const [id, color] = ICONS[stateOf(record)];
  return new vscode.ThemeIcon(id, new vscode.ThemeColor(color));
}

export function contextValueOf(record: HistoryRecord): string {
  let value = `message.${stateOf(record)}`;
  if (record.messageId) value += '.hasId';
  if (record.message !== undefined) value += '.hasText';
  return value;
}

/** The Markdown tooltip. Everything from the user or the gateway goes in through appendText (escaped). */
export function tooltipOf(record: HistoryRecord): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  const line = (label: string, value: string) => {
    md.appendMarkdown(`**${label}:** `);
    md.appendText(value);
    md.appendMarkdown('  \n');
  };
  const carrier = carrierOf(record.to);
  md.appendMarkdown(`$(${ICONS[stateOf(record)][0]}) **`);
  md.appendText(formatNumber(record.to));
  md.appendMarkdown('**');
  if (carrier) md.appendText(` · ${carrier}`);
  md.appendMarkdown('\n\n');
  if (record.message !== undefined) {
    // A fenced block shows the text verbatim (no Markdown escaping, line breaks kept); the fence is longer than
    // any run of backticks inside, so the text cannot close it.
    const longest = Math.max(0, ...(record.message.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(Math.max(3, longest + 1));
    md.appendMarkdown(`${fence}text\n${record.message}\n${fence}\n\n`);
  } else {
    md.appendMarkdown(`*${vscode.l10n.t('Message text not stored')}*\n\n`);
  }
  line(vscode.l10n.t('Status'), recordStateLabel(record));
  if (record.description) line(vscode.l10n.t('Gateway said'), record.description);
  if (record.messageId) line(vscode.l10n.t('Message ID'), record.messageId);
  line(vscode.l10n.t('From'), record.from);
  line(vscode.l10n.t('Encoding'), `${record.encoding} · ${segmentsLabel(record.segments)}`);
  line(vscode.l10n.t('Sent at'), exactTime(record.sentAt));
  if (record.updatedAt && record.updatedAt !== record.sentAt) line(vscode.l10n.t('Updated'), exactTime(record.updatedAt));
  if (record.lastCheckedAt) {
    line(vscode.l10n.t('Last delivery check'), `${exactTime(record.lastCheckedAt)} (${record.checks ?? 1})`);
  }
  line(vscode.l10n.t('Mode'), modeLabel(record.sandbox));
  if (record.sendStatus === 'unknown') {
    md.appendMarkdown(`\n$(warning) ${vscode.l10n.t('It may have been sent: check before sending it again.')}`);
  }
  return md;
}

export class MessageItem extends vscode.TreeItem {
  constructor(readonly record: HistoryRecord) {
    super(formatNumber(record.to), vscode.TreeItemCollapsibleState.None);
    this.id = record.id;
    const carrier = carrierOf(record.to);
    const when = relativeTime(record.sentAt);
    this.description = [carrier, recordStateLabel(record), when].filter(Boolean).join(' · ');
    this.iconPath = iconOf(record);
    this.contextValue = contextValueOf(record);
    this.tooltip = tooltipOf(record);
    this.accessibilityInformation = {
      label: `${formatNumber(record.to)}, ${this.description}`,
      role: 'treeitem',
    };
  }
}

export class ShowMoreItem extends vscode.TreeItem {
  constructor(remaining: number) {
    super(vscode.l10n.t('Show more… ({0} older)', remaining), vscode.TreeItemCollapsibleState.None);
    this.id = 'keccel.showMore';
    this.iconPath = new vscode.ThemeIcon('ellipsis');
    this.contextValue = 'more';
    this.command = { command: 'keccel.showMoreMessages', title: vscode.l10n.t('Show more…') };
  }
}
