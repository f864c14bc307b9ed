// Delivery reports pushed as Keccel pushes them: `GET <callback>?messageID=<id>&status=DELIVERED|FAILED`, no
// signature. A push never blocks the simulator (it runs in the background with its own timeout) and its result
// is kept per message, so the user sees whether their handler answered, and how.
import * as http from 'node:http';
import type { CallbackPush } from '../core/types';

export const CALLBACK_TIMEOUT_MS = 10_000;

type Listener = (messageId: string, push: CallbackPush) => void;

export class CallbackPusher {
  /** Pushes per message id, oldest first. */
  readonly results = new Map<string, CallbackPush[]>();
  private readonly listeners = new Set<Listener>();
  private readonly inFlight = new Set<http.ClientRequest>();

  constructor(
    public url: string | undefined,
    private readonly timeoutMs = CALLBACK_TIMEOUT_MS,
  ) {}

  onPush(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** Pushes one report to the configured URL; resolves to its result (undefined when no URL is set). */
  push(messageId: string, status: 'DELIVERED' | 'FAILED'): Promise<CallbackPush | undefined> {
    const base = this.url;
    if (!base) return Promise.resolve(undefined);
    const started = Date.now();
    return new Promise<CallbackPush>((resolve) => {
      let url: URL;
      try {
        url = new URL(base);
      } catch {
        resolve({ at: new Date(started).toISOString(), url: base, status, error: 'invalid URL', durationMs: 0 });
        return;
      }
      url.searchParams.set('messageID', messageId);
      url.searchParams.set('status', status);
      const result = (fields: Pick<CallbackPush, 'httpStatus' | 'error'>): CallbackPush => ({
        at: new Date(started).toISOString(), url: url.toString(), status, ...fields, durationMs: Date.now() - started,
      });
      let settled = false;
      const finish = (push: CallbackPush) => {
        if (settled) return;
        settled = true;
        resolve(push);
      };
      // node:https is loaded only for an https callback.
      const client: typeof http = url.protocol === 'https:' ? require('node:https') : http; // eslint-disable-line @typescript-eslint/no-require-imports
      const request = client.get(url, (answer) => {
        answer.resume();
        const code = answer.statusCode ?? 0;
        finish(result(code >= 200 && code < 300 ? { httpStatus: code } : { httpStatus: code, error: 'non-2xx' }));
      });
      this.inFlight.add(request);
      request.setTimeout(this.timeoutMs, () => {
        finish(result({ error: 'timeout' }));
        request.destroy();
      });
      request.on('error', (error: NodeJS.ErrnoException) => finish(result({ error: error.code === 'ECONNREFUSED' ? 'refused' : error.code ?? error.message })));
      request.on('close', () => this.inFlight.delete(request));
    }).then((push) => {
      const list = this.results.get(messageId) ?? [];
      list.push(push);
      this.results.set(messageId, list);
      for (const listener of this.listeners) listener(messageId, push);
      return push;
    });
  }

  /** Drops the pushes still waiting for an answer (the simulator stops). */
  abort(): void {
    for (const request of this.inFlight) request.destroy();
    this.inFlight.clear();
  }
}

/** A short English line for a push result, for logs and the CLI. */
export function describePush(messageId: string, push: CallbackPush): string {
  const outcome = push.error ? (push.httpStatus ? `HTTP ${push.httpStatus} (${push.error})` : push.error) : `HTTP ${push.httpStatus}`;
  return `callback ${messageId} ${push.status} -> ${outcome} (${push.durationMs} ms)`;
}
