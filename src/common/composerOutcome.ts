// What the composer's result box says about the last message it sent, computed without the DOM so it can be
// unit-tested in plain Node. The box stays while the user types the next message, so it is titled with the
// recipient ("Last message to …") and follows the record's delivery status as the host reports it. Outcome words
// are the palette's and the tree's (Sent, Rejected, Outcome unknown, Not sent, Delivered...); the gateway's own
// description goes on a line of its own, never inside our sentence or in parentheses, so nothing nests or repeats.
import { formatNumber } from '../core/numbers';
import type { HistoryRecord } from '../core/types';
import type { ComposerStrings } from './composerProtocol';
import { fill } from './format';

/** The colour of the box: the most telling state of the record. */
export type OutcomeTone = 'sent' | 'delivered' | 'rejected' | 'failed' | 'unknown' | 'expired';

export interface OutcomeLine {
  /** A codicon name, for the lines that carry a state. */
  icon?: string;
  /** The icon turns (a send waiting for its answer). */
  spin?: boolean;
  text: string;
  kind: 'head' | 'delivery' | 'text' | 'warning' | 'excerpt';
}

export interface OutcomeView {
  tone: OutcomeTone;
  title: string;
  lines: OutcomeLine[];
}

/** How much of the message text the box quotes, so the user recognises which message it is about. */
export const EXCERPT_LENGTH = 60;

export function outcomeView(record: HistoryRecord, strings: ComposerStrings): OutcomeView {
  const s = strings;
  const lines: OutcomeLine[] = [];
  const id = record.messageId;
  let tone: OutcomeTone = record.sendStatus;
  switch (record.sendStatus) {
    case 'sent': {
      lines.push({ kind: 'head', icon: 'pass', text: id ? fill(s.sent, id) : s.sentNoId });
      const delivery = deliveryLine(record, s);
      if (delivery) {
        lines.push(delivery.line);
        tone = delivery.tone;
      }
      if (record.sandbox) lines.push({ kind: 'text', text: s.sentSandbox });
      break;
    }
    case 'rejected':
      lines.push({ kind: 'head', icon: 'error', text: s.rejected });
      if (record.description) lines.push({ kind: 'text', text: record.description });
      if (id) lines.push({ kind: 'text', text: fill(s.messageId, id) });
      break;
    case 'unknown':
      if (record.inFlight) {
        lines.push({ kind: 'head', icon: 'loading', spin: true, text: s.inFlight });
        break;
      }
      if (record.interrupted) {
        lines.push({ kind: 'head', icon: 'warning', text: s.interrupted });
        lines.push({ kind: 'text', text: s.interruptedDetail });
      } else {
        lines.push({ kind: 'head', icon: 'warning', text: s.unknown });
        if (record.description) lines.push({ kind: 'text', text: record.description });
      }
      lines.push({ kind: 'warning', text: s.unknownWarning });
      lines.push({ kind: 'text', text: s.confirmAgain });
      if (id) lines.push({ kind: 'text', text: fill(s.messageId, id) });
      break;
    case 'failed':
      lines.push({ kind: 'head', icon: 'error', text: s.failed });
      if (record.description) lines.push({ kind: 'text', text: record.description });
      break;
  }
  if (record.message) lines.push({ kind: 'excerpt', text: excerpt(record.message) });
  return { tone, title: fill(s.lastMessage, formatNumber(record.to)), lines };
}

function deliveryLine(record: HistoryRecord, s: ComposerStrings): { line: OutcomeLine; tone: OutcomeTone } | undefined {
  switch (record.deliveryStatus) {
    case undefined:
      return undefined;
    case 'pending':
      return { line: { kind: 'delivery', icon: 'watch', text: s.deliveryPending }, tone: 'sent' };
    case 'delivered':
      return { line: { kind: 'delivery', icon: 'check-all', text: s.delivered }, tone: 'delivered' };
    case 'failed':
      return { line: { kind: 'delivery', icon: 'error', text: s.deliveryFailed }, tone: 'failed' };
    case 'expired':
      return { line: { kind: 'delivery', icon: 'warning', text: s.deliveryExpired }, tone: 'expired' };
  }
}

/** The first line of the message, cut at EXCERPT_LENGTH characters (an emoji counts as one). */
export function excerpt(message: string): string {
  const firstLine = message.trim().split(/\r?\n/)[0];
  const chars = [...firstLine];
  const cut = chars.length > EXCERPT_LENGTH || firstLine !== message.trim();
  return chars.slice(0, EXCERPT_LENGTH).join('').trimEnd() + (cut ? '…' : '');
}

/** Whether an update changes what the box shows (a delivery check that found nothing new does not). */
export function sameOutcome(a: HistoryRecord, b: HistoryRecord): boolean {
  return (
    a.id === b.id &&
    a.sendStatus === b.sendStatus &&
    a.deliveryStatus === b.deliveryStatus &&
    a.messageId === b.messageId &&
    a.description === b.description &&
    a.message === b.message &&
    a.inFlight === b.inFlight &&
    a.interrupted === b.interrupted
  );
}

/**
 * Whether sending this draft would repeat an attempt whose outcome is unknown (in flight, interrupted, timed out):
 * the same recipient and the same text, or a record that kept no text. Such a send must be confirmed first, since
 * the first attempt may already be on the phone and paid for.
 */
export function repeatsUncertain(record: HistoryRecord, msisdn: string, message: string): boolean {
  return record.sendStatus === 'unknown' && record.to === msisdn && (record.message === undefined || record.message === message);
}
