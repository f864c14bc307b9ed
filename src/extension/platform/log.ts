// The "Keccel SMS" log channel, adapted to the core's Logger. Every line passes through the redactor with the
// secrets known at that moment (the live token, the sandbox token), also when a core message or an error's text
// happens to contain one. The channel is private to this class (nothing else can write to it unredacted;
// test/unit/logRedaction.test.ts checks that no other file reaches for it). The core helper (core/redact.ts)
// decides how: a short token is masked only where its position is known (query parameter, JSON member), never as
// a substring of honest text, so a short token quoted loose in some text would stay visible.
import * as vscode from 'vscode';
import type { Logger } from '../../core/types';
import { redactToken } from '../../core/redact';

/** Lines kept in memory for `recent()` (the API's recentLog, read by scripts and the integration tests). */
const RECENT_LINES = 200;

export class ExtensionLog implements Logger, vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;
  private readonly secrets = new Set<string>();
  private readonly lines: string[] = [];

  constructor() {
    this.channel = vscode.window.createOutputChannel('Keccel SMS', { log: true });
  }

  /** Remembers a secret to redact from every later line (`undefined` is ignored). */
  addSecret(secret: string | undefined): void {
    if (secret) this.secrets.add(secret);
  }

  redact(text: string): string {
    let out = redactToken(text);
    for (const secret of this.secrets) out = redactToken(out, secret);
    return out;
  }

  /** Reveals the channel (Keccel: Show Log). */
  show(): void {
    this.channel.show();
  }

  trace(message: string): void {
    this.write(() => this.channel.trace(this.redact(message)));
  }
  info(message: string): void {
    const line = this.remember('info', this.redact(message));
    this.write(() => this.channel.info(line));
  }
  warn(message: string): void {
    const line = this.remember('warn', this.redact(message));
    this.write(() => this.channel.warn(line));
  }
  error(message: string): void {
    const line = this.remember('error', this.redact(message));
    this.write(() => this.channel.error(line));
  }

  /**
   * A log line never aborts the work that logs it. While a window unloads, VS Code may dispose the channel before
   * deactivate() has finished, and a write then throws "Channel has been closed": that threw out of the sandbox's
   * shutdown and the history's close, so a send still waiting for its answer was not marked interrupted.
   */
  private write(append: () => void): void {
    try {
      append();
    } catch {
      // The channel is gone: the line stays in recent() only.
    }
  }

  /** The last info, warning and error lines, oldest first, as `<level> <text>`. */
  recent(): string[] {
    return [...this.lines];
  }

  private remember(level: string, line: string): string {
    this.lines.push(`${level} ${line}`);
    if (this.lines.length > RECENT_LINES) this.lines.splice(0, this.lines.length - RECENT_LINES);
    return line;
  }

  dispose(): void {
    this.channel.dispose();
  }

  /**
   * A second, plain output channel (the sandbox's request lines), created when first written to or shown: it too
   * gets every line through this log's redactor, so no other file touches an output channel.
   */
  plainChannel(name: string): PlainChannel {
    let channel: vscode.OutputChannel | undefined;
    const get = () => (channel ??= vscode.window.createOutputChannel(name));
    return {
      append: (text) => this.write(() => get().append(this.redact(text))),
      show: () => get().show(true),
      dispose: () => channel?.dispose(),
    };
  }
}

/** What plainChannel() hands out: append (redacted), show, dispose. */
export interface PlainChannel extends vscode.Disposable {
  append(text: string): void;
  show(): void;
}

/** A readable one-line description of anything thrown (never the stack: it may carry request details). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
