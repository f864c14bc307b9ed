// Turns what the sandbox sees into the sandbox history, so the tree shows every SMS any client sent:
// - a send from another client (the user's app, curl, a test suite) becomes a record with `origin: 'app'` and
//   its wire exchange; the extension's own sends (they carry the sandbox's own-client key, never just the
//   User-Agent, which any app can send) are recorded by SendService and get their wire here;
// - a request the sandbox refused (no right token, a web page's, a body too large) becomes no record and
//   changes none: it is listed in the Keccel Sandbox channel and counted for the Messages view;
// - delivery checks are added to the wire of the message they concern;
// - final reports (automatic, or set with Mark as Delivered / Failed) set the record's delivery status;
// - callback pushes are added to the record, and a failed one is shown.
// Everything is queued and written in one batch per FLUSH_MS: at most two locked writes per batch (one append of
// the new records with addMany, one of the changes with patchMany), so a burst of a thousand sends costs a few
// writes, not a thousand.
import { eventsAfter } from '../../core/history/events';
import * as vscode from 'vscode';
import { normalizeNumber } from '../../core/numbers';
import { parseSendAnswer } from '../../core/parse';
import { analyzeMessage } from '../../core/segments';
import type { CallbackPush, HistoryRecord, RecordOrigin, SendStatus, WireExchange } from '../../core/types';
import type { NewHistoryRecord } from '../../core/history/store';
import type { KeccelSimulator, ReportEvent, SimRequestEntry } from '../../simulator/index';
import { readConfig } from '../settings/config';
import { describeError, type ExtensionLog } from '../platform/log';
import type { Session } from '../session/session';
import { pushErrorText } from './pushText';
import type { ChannelItem, RequestsChannel } from './requestsChannel';
import { showWarning } from '../platform/notify';

/** Within the "a second" of the contract, with room for the write itself; at most four tree refreshes a second. */
export const FLUSH_MS = 250;
/** Wire exchanges kept per record (the send, then the latest checks). */
const MAX_WIRE = 20;

interface Change {
  wire: WireExchange[];
  pushes: CallbackPush[];
  report?: ReportEvent;
}

/** Flushes a change waits for its record before it is dropped. */
const MAX_TRIES = 10;

type Item = ChannelItem;

export function originOf(entry: SimRequestEntry): RecordOrigin {
  return entry.ownClient === true ? 'vscode' : 'app';
}

/** What replaces the text of a message on the wire when `history.storeMessageText` is off. */
const TEXT_NOT_STORED = '(not stored)';

/**
 * The wire part of a log entry (what the record keeps). With `storeText` off the message's text is left out of it
 * too, as it is left out of the record (JSON member, form field or query parameter `message`).
 */
export function wireOf(entry: SimRequestEntry, storeText = true): WireExchange {
  const { at, method, path, status, responseBody, durationMs } = entry;
  let { params, requestBody } = entry;
  if (!storeText) {
    params = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, k.toLowerCase() === 'message' ? TEXT_NOT_STORED : v]));
    requestBody = requestBody
      ?.replace(/("message"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, `$1"${TEXT_NOT_STORED}"`)
      .replace(/(^|&)(message=)[^&]*/gi, `$1$2${encodeURIComponent(TEXT_NOT_STORED)}`);
  }
  return { at, method, path, params, ...(requestBody !== undefined ? { requestBody } : {}), status, responseBody, durationMs };
}

/** The history record of another client's send, from what the sandbox received and answered. */
export function appSendRecord(entry: SimRequestEntry, storeText: boolean): NewHistoryRecord {
  const fields = entry.fields;
  const number = normalizeNumber(fields.to ?? '');
  const message = fields.message ?? '';
  const info = analyzeMessage(message);
  let sendStatus: SendStatus;
  let description: string;
  let messageId: string | undefined;
  if (entry.status === 0) {
    sendStatus = 'unknown';
    description = 'The connection was reset before any answer.';
  } else {
    try {
      const outcome = parseSendAnswer(entry.responseBody, entry.status);
      if (entry.status !== 200) throw new Error(`HTTP ${entry.status}`);
      sendStatus = outcome.status;
      description = outcome.description;
      messageId = outcome.messageId;
    } catch {
      sendStatus = 'unknown';
      description = `HTTP ${entry.status} without a Keccel answer.`;
    }
  }
  // A reset after acceptance (a magic number) still has an id: the sandbox knows the message exists.
  messageId ??= entry.messageId;
  const to = number.ok ? number.msisdn : (fields.to ?? '');
  return {
    ...(messageId ? { messageId } : {}),
    to,
    ...(fields.to !== undefined && fields.to !== to ? { sentTo: fields.to } : {}),
    from: fields.from ?? '',
    ...(storeText ? { message } : {}),
    encoding: info.encoding,
    segments: info.segments,
    sendStatus,
    description,
    ...(messageId && sendStatus !== 'rejected' ? { deliveryStatus: 'pending' as const } : {}),
    sentAt: entry.at,
    updatedAt: entry.at,
    sandbox: true,
    origin: 'app',
    wire: [wireOf(entry, storeText)],
  };
}

/**
 * The record of another client's OTP request (`otp/generate.asp`), with the code the simulator drew (`kind: 'otp'`,
 * `otp`) so the developer reads it in the tree; `message` is the template as sent (`%OTP%` where the code goes).
 */
export function appOtpRecord(entry: SimRequestEntry, storeText: boolean, code: string | undefined): NewHistoryRecord {
  const record = appSendRecord(entry, storeText);
  let answer: { status?: unknown; description?: unknown } = {};
  try {
    answer = JSON.parse(entry.responseBody) as typeof answer;
  } catch {
    // Not JSON: appSendRecord already made it `unknown`.
  }
  const status = typeof answer.status === 'string' ? answer.status.toUpperCase() : '';
  const description = typeof answer.description === 'string' ? answer.description : record.description;
  if (entry.status === 200 && status === 'SENT' && entry.messageId) {
    return { ...record, messageId: entry.messageId, sendStatus: 'sent', description, deliveryStatus: 'pending', kind: 'otp', ...(code ? { otp: code } : {}) };
  }
  if (entry.status === 200 && status) return { ...record, sendStatus: 'rejected', description, deliveryStatus: undefined, kind: 'otp' };
  return { ...record, kind: 'otp' };
}

export class SandboxRecorder {
  private queue: Item[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private readonly subscriptions: { dispose(): void }[];
  /** Record id by message id, for the records this recorder added or already found. */
  private readonly recordIds = new Map<string, string>();
  /**
   * Changes for messages not in the history yet (the extension's own send is stored once its answer is in, which
   * can be after its wire entry arrives here), retried for a few flushes.
   */
  private unresolved = new Map<string, Change & { tries: number }>();
  private closed = false;
  /** Requests refused since this recorder started: how many, and when the last one came. */
  readonly refusals: { count: number; lastAt?: string } = { count: 0 };

  constructor(
    private readonly simulator: KeccelSimulator,
    private readonly session: Session,
    private readonly log: ExtensionLog,
    private readonly requestLines: RequestsChannel,
    /** Called after a batch that held refusals (at most once per FLUSH_MS), for the view to say so. */
    private readonly onRefused: () => void = () => undefined,
  ) {
    this.subscriptions = [
      simulator.requestLog.onEntry((entry) => this.enqueue({ kind: 'request', entry, origin: originOf(entry) })),
      simulator.reports.onReport((event) => this.enqueue({ kind: 'report', event })),
      simulator.callbacks.onPush((messageId, push) => this.enqueue({ kind: 'push', messageId, push })),
    ];
  }

  /** Writes what is queued and stops listening. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.subscriptions) s.dispose();
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  /** Resolves once everything queued so far is in the history (tests, Stop Sandbox). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const items = this.queue;
    this.queue = [];
    this.flushing = this.flushing.then(() => this.write(items)).catch((error) => this.log.warn(`Sandbox history: ${describeError(error)}`));
    return this.flushing;
  }

  private enqueue(item: Item): void {
    if (this.closed) return;
    this.queue.push(item);
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  private async write(items: Item[]): Promise<void> {
    if (items.length === 0 && this.unresolved.size === 0) return;
    this.requestLines.write(items.flatMap((item) => this.requestLines.linesOf(item)));
    const store = await this.session.store('sandbox');
    const storeText = readConfig().storeMessageText;
    const added: NewHistoryRecord[] = [];
    // Per message id: what to append or set, in arrival order.
    const changes = new Map<string, Change & { tries: number }>(this.unresolved);
    this.unresolved = new Map();
    const change = (id: string) => {
      let c = changes.get(id);
      if (!c) changes.set(id, (c = { wire: [], pushes: [], tries: 0 }));
      return c;
    };
    const failedPushes: Array<{ messageId: string; push: CallbackPush }> = [];
    let refused = 0;
    for (const item of items) {
      if (item.kind === 'request') {
        const { entry } = item;
        if (entry.refused) {
          refused++;
          this.refusals.count++;
          this.refusals.lastAt = entry.at;
          continue;
        }
        if (entry.endpoint === 'message.asp' && item.origin === 'app') added.push(appSendRecord(entry, storeText));
        else if (entry.endpoint === 'otp/generate.asp' && item.origin === 'app') {
          const number = normalizeNumber(entry.fields.to ?? '');
          // The simulator's latest code for the number: this request's, unless a newer one came in the same batch.
          const current = number.ok ? this.simulator.currentOtp(number.msisdn) : undefined;
          added.push(appOtpRecord(entry, storeText, current && current.messageId === entry.messageId ? current.code : undefined));
        }
        else if (entry.messageId && (entry.endpoint === 'message.asp' || entry.endpoint === 'delivery.asp')) change(entry.messageId).wire.push(wireOf(entry, storeText));
      } else if (item.kind === 'report') {
        change(item.event.messageId).report = item.event;
      } else {
        change(item.messageId).pushes.push(item.push);
        if (item.push.error) failedPushes.push(item);
      }
    }
    if (added.length > 0) {
      for (const record of await store.addMany(added)) if (record.messageId) this.recordIds.set(record.messageId, record.id);
    }
    if (changes.size > 0) {
      const ids = [...changes.keys()];
      if (ids.some((id) => !this.recordIds.has(id) || !store.get(this.recordIds.get(id)!))) {
        // One pass over the history for the ids this recorder has not seen (the extension's own sends).
        for (const record of store.all()) if (record.messageId && changes.has(record.messageId) && !this.recordIds.has(record.messageId)) this.recordIds.set(record.messageId, record.id);
      }
      const recordIds: string[] = [];
      for (const [messageId, c] of changes) {
        const recordId = this.recordIds.get(messageId);
        if (recordId && store.get(recordId)) recordIds.push(recordId);
        else if (++c.tries < MAX_TRIES && !this.closed) this.unresolved.set(messageId, c);
      }
      await store.patchMany(recordIds, (current) => patchFor(current, changes.get(current.messageId!)!));
      if (this.unresolved.size > 0 && !this.closed) this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
    }
    if (failedPushes.length > 0) this.showFailedPushes(failedPushes);
    if (refused > 0) this.onRefused();
  }

  private showFailedPushes(failed: Array<{ messageId: string; push: CallbackPush }>): void {
    const { messageId, push } = failed[failed.length - 1];
    const reason = pushErrorText(push);
    this.log.warn(`Delivery report push for ${messageId} failed: ${reason}`);
    const again = vscode.l10n.t('Push Delivery Report Again');
    const text =
      failed.length === 1
        ? vscode.l10n.t('The sandbox could not push the delivery report of message {0} to {1}: {2}', messageId, push.url, reason)
        : vscode.l10n.t('The sandbox could not push {0} delivery reports to the callback URL. Last: {1}', failed.length, reason);
    // Not awaited: the sandbox never waits on a click.
    void showWarning(text, again).then((choice) => {
      if (choice === again) void vscode.commands.executeCommand('keccel.message.pushReportAgain', { messageId });
    });
  }
}

function patchFor(current: HistoryRecord, c: Change | undefined): Partial<HistoryRecord> | undefined {
  if (!c) return undefined;
  const patch: Partial<HistoryRecord> = {};
  if (c.wire.length > 0) {
    const wire = [...(current.wire ?? []), ...c.wire];
    // The send stays first; the oldest checks go.
    patch.wire = wire.length > MAX_WIRE ? [wire[0], ...wire.slice(wire.length - MAX_WIRE + 1)] : wire;
  }
  if (c.pushes.length > 0) patch.pushes = [...(current.pushes ?? []), ...c.pushes].slice(-MAX_WIRE);
  if (c.report && current.sendStatus !== 'rejected' && current.sendStatus !== 'failed') {
    const status = c.report.status === 'DELIVERED' ? 'delivered' : 'failed';
    if (current.deliveryStatus !== status) {
      patch.deliveryStatus = status;
      patch.updatedAt = new Date(c.report.at).toISOString();
      // The details page's story gets the report as the poller's would have added it.
      const events = eventsAfter(current, patch, patch.updatedAt, c.report.status);
      if (events) patch.events = events;
    }
  }
  return Object.keys(patch).length > 0 ? patch : undefined;
}
