// When each accepted message gets its final report: a timer at its `reportAt`, or at once when the user decides
// the outcome (Mark as Delivered / Failed, POST /__sim/messages/<id>/delivery). A due report is announced to
// listeners (the extension's sandbox history) and pushed to the callback URL, if one is set.
import type { CallbackPusher } from './callbacks';
import type { SimMessage } from './state';

export interface ReportEvent {
  messageId: string;
  status: 'DELIVERED' | 'FAILED';
  /** ms since epoch. */
  at: number;
}

type Listener = (event: ReportEvent) => void;

export class ReportScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly listeners = new Set<Listener>();

  constructor(private readonly pusher: CallbackPusher) {}

  onReport(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** Arms the report of a message (replacing any earlier timer); nothing for a message without one. */
  schedule(message: SimMessage): void {
    this.cancel(message.messageId);
    if (message.reportAt === null) return;
    const timer = setTimeout(() => {
      this.timers.delete(message.messageId);
      this.due(message);
    }, Math.max(0, message.reportAt - Date.now()));
    // A simulator inside a test or the extension host must never keep the process alive on its own.
    timer.unref();
    this.timers.set(message.messageId, timer);
  }

  /** Announces and pushes a message's report now (its outcome was just decided). */
  due(message: SimMessage): void {
    this.cancel(message.messageId);
    const event: ReportEvent = { messageId: message.messageId, status: message.finalStatus, at: Date.now() };
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A listener's bug must not stop the push.
      }
    }
    void this.pusher.push(message.messageId, message.finalStatus);
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.pusher.abort();
  }

  private cancel(messageId: string): void {
    const timer = this.timers.get(messageId);
    if (timer) clearTimeout(timer);
    this.timers.delete(messageId);
  }
}
