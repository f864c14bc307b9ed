// How one history record looks in the Messages view: the recipient (national form), then a description ordered by
// what must never be cut: one status word, the compact age, the start of the text (or the sender when texts are
// not stored), the carrier. The default sidebar width (300 px) shows the number, the status and the age whole;
// the text start and the carrier follow as far as the width allows. A coloured status codicon (one per state; a
// spinning one while a send waits for its answer), a tooltip with the whole story in wrapping Markdown, and a
// contextValue that drives its menus (`message.<state>[.hasId][.hasText]`, e.g. `message.pending.hasId.hasText`;
// an OTP SMS ends in `.otp` instead of `.hasText`: its text is a template, and sending it again is a new code, not
// a resend). In the sandbox the code of an OTP SMS stands out first in the row and in the tooltip: the developer
// types it into the app under test. A click opens the details page.
import * as vscode from 'vscode';
import { carrierOf } from '../../core/numbers';
import { fillOtp } from '../../core/otp';
import { previewText } from '../../core/preview';
import { recordState } from '../../core/history/events';
import type { HistoryRecord, RecordState } from '../../core/types';
import { pushErrorText } from '../sandbox/pushText';
import { markdownText } from '../../core/plainText';
import { outcomeStory } from '../details/outcome';
import { exactTime, modeLabel, recipientText, recordStateLabel, segmentsLabel, shortAge, shortStateLabel } from '../wording/strings';

/** The shared record states, plus the two kinds of `unknown` send a row tells apart. */
export type MessageState = RecordState | 'sending' | 'interrupted';

export function stateOf(record: HistoryRecord): MessageState {
  // Both are `unknown` sends (the request may have reached the gateway); the row says which kind.
  if (record.sendStatus === 'unknown' && record.inFlight) return 'sending';
  if (record.sendStatus === 'unknown' && record.interrupted) return 'interrupted';
  return recordState(record);
}

/** The row's one state word; the in-flight and interrupted sends get theirs, the others the shared one. */
function rowStateLabel(record: HistoryRecord): string {
  switch (stateOf(record)) {
    case 'sending':
      return vscode.l10n.t('Sending…');
    case 'interrupted':
      return vscode.l10n.t('Interrupted');
    default:
      return shortStateLabel(record);
  }
}

/** One codicon per state, so states that share a colour (the red ones) still differ by shape. */
const ICONS: Record<MessageState, [string, string]> = {
  pending: ['clock', 'charts.yellow'],
  sent: ['check', 'charts.blue'],
  delivered: ['check-all', 'charts.green'],
  failed: ['error', 'charts.red'],
  expired: ['watch', 'disabledForeground'],
  rejected: ['circle-slash', 'charts.red'],
  unknown: ['question', 'charts.orange'],
  notSent: ['debug-disconnect', 'charts.red'],
  // `~spin` animates the codicon: the row turns into its outcome's when the answer is recorded.
  sending: ['loading~spin', 'charts.orange'],
  interrupted: ['question', 'charts.orange'],
};

export function iconOf(record: HistoryRecord): vscode.ThemeIcon {
  const [id, color] = ICONS[stateOf(record)];
  return new vscode.ThemeIcon(id, new vscode.ThemeColor(color));
}

export function contextValueOf(record: HistoryRecord): string {
  let value = `message.${stateOf(record)}`;
  if (record.messageId) value += '.hasId';
  if (record.kind === 'otp') return `${value}.otp`;
  if (record.message !== undefined) value += '.hasText';
  return value;
}

/**
 * The Markdown tooltip. Everything from the user or the gateway goes in through markdownText (escaped, ordinary
 * spaces), so long lines wrap at the hover's edge instead of being cut off.
 */
export function tooltipOf(record: HistoryRecord): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  const line = (label: string, value: string) => {
    md.appendMarkdown(`**${label}:** ${markdownText(value)}  \n`);
  };
  const carrier = carrierOf(record.to);
  md.appendMarkdown(`$(${ICONS[stateOf(record)][0]}) **${markdownText(recipientText(record))}**`);
  if (carrier) md.appendMarkdown(` · ${markdownText(carrier)}`);
  md.appendMarkdown('\n\n');
  if (record.kind === 'otp') md.appendMarkdown(`$(key) ${otpLine(record)}\n\n`);
  if (record.message !== undefined) {
    // A quote block, line breaks kept, wrapping like the rest (a code block would not wrap). A sandbox OTP shows
    // the text as the phone got it.
    const text = record.otp ? fillOtp(record.message, record.otp) : record.message;
    md.appendMarkdown(`${text.split(/\r?\n/).map((l) => `> ${markdownText(l)}`).join('  \n')}\n\n`);
  } else {
    md.appendMarkdown(`*${vscode.l10n.t('Message text not stored')}*\n\n`);
  }
  // The outcome first (a failed delivery names itself), the gateway's earlier words after it, as history.
  const story = outcomeStory(record);
  line(vscode.l10n.t('Status'), recordStateLabel(record));
  md.appendMarkdown(`${markdownText(story.headline)}  \n`);
  for (const earlier of story.lines) md.appendMarkdown(`*${markdownText(earlier)}*  \n`);
  if (record.messageId) line(vscode.l10n.t('Message ID'), record.messageId);
  else if (record.untrackedReason) line(vscode.l10n.t('Delivery'), vscode.l10n.t('Not followed: Keccel gave no message ID, so its delivery cannot be checked.'));
  line(vscode.l10n.t('From'), record.from);
  line(vscode.l10n.t('Encoding'), `${record.encoding} · ${segmentsLabel(record.segments)}`);
  line(vscode.l10n.t('Sent at'), exactTime(record.sentAt));
  if (record.updatedAt && record.updatedAt !== record.sentAt) line(vscode.l10n.t('Updated'), exactTime(record.updatedAt));
  if (record.lastCheckedAt) {
    const checks = record.checks ?? 1;
    line(
      vscode.l10n.t('Last delivery check'),
      checks === 1
        ? vscode.l10n.t('{0} (1 check)', exactTime(record.lastCheckedAt))
        : vscode.l10n.t('{0} ({1} checks)', exactTime(record.lastCheckedAt), checks),
    );
  }
  line(vscode.l10n.t('Mode'), modeLabel(record.sandbox));
  if (record.account) line(vscode.l10n.t('Account'), record.account);
  const push = record.pushes?.at(-1);
  if (push) {
    const result = push.error ? pushErrorText(push) : `HTTP ${push.httpStatus ?? ''}`;
    line(vscode.l10n.t('Delivery report pushed'), `${push.status} → ${result} (${exactTime(push.at)})`);
  }
  if (record.origin) line(vscode.l10n.t('Sent by'), originText(record.origin));
  for (const advice of story.advice) md.appendMarkdown(`\n$(info) ${markdownText(advice)}  `);
  return md;
}

function originText(origin: NonNullable<HistoryRecord['origin']>): string {
  if (origin === 'app') return vscode.l10n.t('another client of the sandbox (your app)');
  if (origin === 'lookup') return vscode.l10n.t('another app (looked up by its message ID)');
  return vscode.l10n.t('VS Code');
}

/** Stands for the code in the translated sentence, so the sentence is escaped whole and the code set in bold. */
const CODE_SLOT = '\uE000'; // a private-use character: markdownText keeps it (it strips control characters)

/** The tooltip's first line for an OTP SMS, as Markdown: the code in bold in the sandbox, and why there is none live. */
function otpLine(record: HistoryRecord): string {
  if (record.otp) return markdownText(vscode.l10n.t('One-time code: {0}', CODE_SLOT)).replace(CODE_SLOT, `**${markdownText(record.otp)}**`);
  return markdownText(
    record.sandbox
      ? vscode.l10n.t('One-time code (the sandbox did not draw one for this attempt)')
      : vscode.l10n.t('One-time code (Keccel does not tell the code it drew)'),
  );
}

/** The row's OTP marker: `OTP 482913` in the sandbox, so the code can be read without opening anything. */
function otpMarker(record: HistoryRecord): string | undefined {
  if (record.kind !== 'otp') return undefined;
  return record.otp ? vscode.l10n.t('OTP {0}', record.otp) : vscode.l10n.t('OTP');
}

/** What tells a row from its neighbours to the same number: the start of the text, or its sender. */
export function rowGist(record: HistoryRecord): string {
  if (record.origin === 'lookup') return vscode.l10n.t('looked up');
  return record.message !== undefined && record.message.trim() !== ''
    ? `“${previewText(record.message)}”`
    : vscode.l10n.t('from {0}', record.from);
}

/** The row's description, most important first: the sidebar cuts it from the end. */
export function rowDescription(record: HistoryRecord, now = Date.now()): string {
  // Another client's sandbox send says so last: the sandbox tree then reads as "what my app sent".
  const origin = record.origin === 'app' ? vscode.l10n.t('app') : undefined;
  return [otpMarker(record), rowStateLabel(record), shortAge(record.sentAt, now), rowGist(record), carrierOf(record.to), origin].filter(Boolean).join(' · ');
}

export class MessageItem extends vscode.TreeItem {
  constructor(readonly record: HistoryRecord) {
    super(recipientText(record, true), vscode.TreeItemCollapsibleState.None);
    this.id = record.id;
    const carrier = carrierOf(record.to);
    this.description = rowDescription(record);
    // A click (or Enter) opens the readable details page; the context menu keeps the other actions.
    this.command = { command: 'keccel.message.showDetails', title: vscode.l10n.t('Show Details'), arguments: [{ id: record.id }] };
    this.iconPath = iconOf(record);
    this.contextValue = contextValueOf(record);
    this.tooltip = tooltipOf(record);
    this.accessibilityInformation = {
      label: `${recipientText(record)}, ${[otpMarker(record), recordStateLabel(record), exactTime(record.sentAt), rowGist(record), carrier].filter(Boolean).join(', ')}`,
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
