// User-facing wording shared by several views (tree, notifications, status bar, quick picks), all through
// vscode.l10n so the French bundle covers it. The core writes English; where it explains a problem precisely
// (number validation) English users get its words and other languages a translated sentence per error code.
import * as vscode from 'vscode';
import type { NumberErrorCode } from '../core/numbers';
import type { DeliveryStatus, HistoryRecord, SendStatus } from '../core/types';
import { numberErrorText } from './numberErrors';

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

export function segmentsLabel(segments: number): string {
  return segments === 1 ? vscode.l10n.t('1 segment') : vscode.l10n.t('{0} segments', segments);
}

export function modeLabel(sandbox: boolean): string {
  return sandbox ? vscode.l10n.t('Sandbox (simulated, nothing is really sent)') : vscode.l10n.t('Live (real SMS, charged)');
}

/** "5 minutes ago", localised by the runtime's Intl data. */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const then = Date.parse(iso);
  if (!Number.isFinite(then)) return '';
  const seconds = Math.round((then - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(vscode.env.language, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 45) return rtf.format(0, 'second');
  if (abs < 45 * 60) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 22 * 3600) return rtf.format(Math.round(seconds / 3600), 'hour');
  if (abs < 26 * 86400) return rtf.format(Math.round(seconds / 86400), 'day');
  if (abs < 320 * 86400) return rtf.format(Math.round(seconds / (30 * 86400)), 'month');
  return rtf.format(Math.round(seconds / (365 * 86400)), 'year');
}

/** An exact local date and time for tooltips. */
export function exactTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(vscode.env.language, { dateStyle: 'medium', timeStyle: 'medium' });
}

/**
 * The plain text of a MarkdownString built with appendText (which escapes punctuation and turns spaces into
 * `&nbsp;`), for the test-facing snapshots of api.ts and accessibility labels.
 */
export function markdownToPlain(markdown: string): string {
  return markdown.replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
}
