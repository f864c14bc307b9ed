// The "Keccel Sandbox" log: one line per request that reached the sandbox (from the extension or any
// other client), per delivery report and per callback push, token masked. Written in one append per batch.
import * as vscode from 'vscode';
import type { CallbackPush, RecordOrigin } from '../../core/types';
import type { ReportEvent, SimRequestEntry } from '../../simulator/index';
import type { ExtensionLog, PlainChannel } from '../platform/log';

export type ChannelItem =
  | { kind: 'request'; entry: SimRequestEntry; origin: RecordOrigin }
  | { kind: 'report'; event: ReportEvent }
  | { kind: 'push'; messageId: string; push: CallbackPush };

export const REQUESTS_CHANNEL_NAME = 'Keccel Sandbox';

export class RequestsChannel implements vscode.Disposable {
  /** The simulator module's line formatter, set once the bundle is loaded (it is not loaded at activation). */
  describe: ((entry: SimRequestEntry) => string) | undefined;
  describePushLine: ((messageId: string, push: CallbackPush) => string) | undefined;
  /** Made by the log (platform/log.ts), which redacts every line; the channel itself is created on first use. */
  private readonly output: PlainChannel;

  constructor(log: ExtensionLog) {
    this.output = log.plainChannel(REQUESTS_CHANNEL_NAME);
  }

  show(): void {
    this.output.show();
  }

  started(baseUrl: string): void {
    this.output.append(`${time(new Date())} sandbox listening on ${baseUrl}\n`);
  }

  linesOf(item: ChannelItem): string[] {
    if (item.kind === 'request') {
      const line = this.describe ? this.describe(item.entry) : `${item.entry.method} ${item.entry.path} -> ${item.entry.status}`;
      return [`${time(new Date(item.entry.at))} ${item.origin.padEnd(6)} ${line}`];
    }
    if (item.kind === 'report') return [`${time(new Date(item.event.at))} report ${item.event.messageId} ${item.event.status}`];
    const line = this.describePushLine ? this.describePushLine(item.messageId, item.push) : `callback ${item.messageId}`;
    return [`${time(new Date(item.push.at))} ${line}`];
  }

  write(lines: string[]): void {
    if (lines.length > 0) this.output.append(lines.join('\n') + '\n');
  }

  dispose(): void {
    this.output.dispose();
  }
}

/** HH:MM:SS.mmm, local time: the channel is read live, beside the app's own logs. */
function time(date: Date): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}
