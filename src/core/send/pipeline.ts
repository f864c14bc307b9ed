// The one way a paid request (an SMS, a one-time code) goes out, in named steps:
//   1. check that the target is still the one the user confirmed (else nothing is written, nothing is sent);
//   2. write the attempt ahead (`unknown`, in flight) in that profile's history, before its request leaves;
//   3. send once, never retried (it costs money);
//   4. complete the record from the outcome, with its first status event and, for an accepted message that cannot
//      be followed, why; only while this window still owns the attempt or the gateway's answer says more than
//      "interrupted" (attempt.ts);
//   5. hand an accepted, followed message to delivery tracking and run the after-send hooks;
//   6. when the outcome could not be saved, say so through the injected notices: the gateway has the message.
// Plain Node: the UI (palette, composer, OTP) gives the confirmed target, a progress wrapper and the notices, and
// words the result itself.
import { completionPatch, inFlightFields, mayComplete } from '../attempt';
import { firstEvents } from '../history/events';
import { newRecordId } from '../history/ids';
import type { HistoryStore } from '../history/store';
import type { InFlightSends } from '../session/inFlight';
import type { ProfileId } from '../session/profileId';
import { systemClock, type Clock, type HistoryRecord, type Logger, type SendOutcome } from '../types';
import type { PaidClient, PaidRequest } from './paidRequest';
import { describeTarget, sameTarget, type SendTarget } from './target';

export type AttemptStore = Pick<HistoryStore, 'add' | 'update' | 'get'>;

/** What the pipeline needs from the session; every part is injected so plain Node tests run the real steps. */
export interface SendPipelineParts {
  /** Where a send would go now: the current profile's target (undefined when it has no credentials). */
  currentTarget(): Promise<SendTarget | undefined>;
  client(profileId: ProfileId): Promise<PaidClient | undefined>;
  store(profileId: ProfileId): Promise<AttemptStore>;
  inFlight: InFlightSends;
  /** Follows an accepted message to delivery. */
  track(record: HistoryRecord, profileId: ProfileId): Promise<void>;
  /** Whether the message text is kept in the history (`keccel.history.storeMessageText`). */
  keepText(): boolean;
  /** Run after every attempt that reached (or may have reached) the gateway (the balance refresh). */
  afterSend(record: HistoryRecord): void;
  notices: SendNotices;
  log: Logger;
  clock?: Pick<Clock, 'now'>;
}

/** What the pipeline has to tell the user itself, because only it knows (the UI words it). */
export interface SendNotices {
  /** The gateway answered but the history could not be written: the message is there whatever the history says. */
  outcomeNotSaved(request: PaidRequest, outcome: SendOutcome, error: unknown): void;
}

export interface SendRunOptions {
  /** Told the attempt as soon as it is in the history (in flight), before its request leaves. */
  onRecorded?(attempt: HistoryRecord): void;
  /** Wraps the request (a progress notification); must return what it is given. */
  during?(work: () => Promise<SendOutcome>): PromiseLike<SendOutcome>;
}

/** How a run ended. Only `completed` reached (or may have reached) the gateway. */
export type SendResult =
  /** The confirmed target is no longer the current one: nothing was written or sent. */
  | { kind: 'targetChanged'; confirmed: SendTarget; current: SendTarget | undefined }
  /** The profile has no credentials: nothing was written or sent. */
  | { kind: 'noCredentials' }
  /** The attempt could not be written ahead: nothing was sent (the SMS is never paid for without a record). */
  | { kind: 'notRecorded'; error: unknown }
  /**
   * The request went out (once). `record` is the history's record (or, when the history could not take the outcome,
   * what it would have said); `owned` is false when this window had already given the attempt up (closing, the sandbox stopped).
   */
  | { kind: 'completed'; record: HistoryRecord; outcome: SendOutcome; saved: boolean; owned: boolean };

export class SendPipeline {
  private readonly clock: Pick<Clock, 'now'>;

  constructor(private readonly parts: SendPipelineParts) {
    this.clock = parts.clock ?? systemClock;
  }

  async send(request: PaidRequest, confirmed: SendTarget, options: SendRunOptions = {}): Promise<SendResult> {
    const profileId = confirmed.profileId;
    const before = await this.targetChange(confirmed);
    if (before) return before;
    const client = await this.parts.client(profileId);
    if (!client) return { kind: 'noCredentials' };
    let store: AttemptStore;
    try {
      store = await this.parts.store(profileId);
    } catch (error) {
      return { kind: 'notRecorded', error };
    }
    // Again after the waits above: the last moment before anything is written.
    const changed = await this.targetChange(confirmed);
    if (changed) return changed;
    const started = this.clock.now();
    let attempt: HistoryRecord;
    try {
      attempt = await this.writeAhead(store, request, confirmed, started, client.timeoutMs);
    } catch (error) {
      return { kind: 'notRecorded', error };
    }
    options.onRecorded?.(attempt);
    const answer = await this.post(client, request, confirmed, options);
    const details = request.details?.(answer, started) ?? { outcome: answer };
    const { record, saved, owned } = await this.complete(store, attempt, request, details.outcome, details.fields);
    this.follow(record, details.outcome, saved, profileId);
    return { kind: 'completed', record, outcome: details.outcome, saved, owned };
  }

  /** Step 1: undefined when the confirmed target is still the current one. */
  private async targetChange(confirmed: SendTarget): Promise<SendResult | undefined> {
    const current = await this.parts.currentTarget();
    if (sameTarget(current, confirmed)) return undefined;
    this.parts.log.warn(`Send cancelled: it was confirmed for ${describeTarget(confirmed)}, the target is now ${describeTarget(current)}. Nothing was sent.`);
    return { kind: 'targetChanged', confirmed, current };
  }

  /** Step 2: the attempt, in flight, in the history before its request leaves (attempt.ts). */
  private async writeAhead(store: AttemptStore, request: PaidRequest, target: SendTarget, started: number, timeoutMs: number): Promise<HistoryRecord> {
    const at = new Date(started).toISOString();
    // The id is chosen here so this window knows the record as its own before the store announces it.
    const id = newRecordId(started);
    this.parts.inFlight.add(id, target.profileId, store);
    try {
      return await store.add({
        id,
        ...(request.kind ? { kind: request.kind } : {}),
        to: request.to,
        from: request.from,
        ...(this.parts.keepText() ? { message: request.message } : {}),
        encoding: request.info.encoding,
        segments: request.info.segments,
        ...inFlightFields(started, timeoutMs),
        sentAt: at,
        updatedAt: at,
        sandbox: target.sandbox,
        origin: 'vscode',
        ...(target.account !== undefined ? { account: target.account } : {}),
      });
    } catch (error) {
      this.parts.inFlight.remove(id);
      throw error;
    }
  }

  /** Step 3: the one request (never retried); the client turns every failure into an outcome. */
  private async post(client: PaidClient, request: PaidRequest, target: SendTarget, options: SendRunOptions): Promise<SendOutcome> {
    const work = () => request.post(client);
    const outcome = await (options.during ? options.during(work) : work());
    this.parts.log.info(
      `${request.kind === 'otp' ? 'OTP' : 'Send'} to ${request.to} (${request.info.encoding}, ${request.info.segments} segment(s), ${target.profileId}): ` +
        `${outcome.status}${outcome.messageId ? ` id ${outcome.messageId}` : ''}: ${outcome.description}` +
        `${outcome.untrackedReason ? ` (${outcome.untrackedReason})` : ''}`,
    );
    return outcome;
  }

  /**
   * Step 4. If the window began closing (or the profile closed) meanwhile, the attempt was marked interrupted and
   * its store may be closed: only a gateway answer is still worth writing, and a failure to write it is no news.
   */
  private async complete(
    store: AttemptStore,
    attempt: HistoryRecord,
    request: PaidRequest,
    outcome: SendOutcome,
    fields: Partial<HistoryRecord> | undefined,
  ): Promise<{ record: HistoryRecord; saved: boolean; owned: boolean }> {
    const owned = this.parts.inFlight.remove(attempt.id);
    const at = new Date(this.clock.now()).toISOString();
    const patch: Partial<HistoryRecord> = { ...completionPatch(outcome, at), ...fields };
    // The story starts with the outcome: "Sending…" was only the wait for it (an interrupted attempt, which keeps its
    // mark, tells its story from its fields).
    patch.events = firstEvents({ ...attempt, ...patch }, at);
    const unsaved = { ...attempt, ...patch } as HistoryRecord;
    try {
      const record = await store.update(attempt.id, patch, (current) => mayComplete(current, outcome));
      if (record) return { record, saved: true, owned };
      // Not written: it was interrupted and the outcome tells no more than that. The history's story stands.
      return { record: store.get(attempt.id) ?? unsaved, saved: false, owned };
    } catch (error) {
      if (!owned) return { record: store.get(attempt.id) ?? attempt, saved: false, owned };
      this.parts.log.error(`Could not record the outcome of the ${request.kind === 'otp' ? 'code' : 'SMS'} sent to ${request.to} in the history: ${(error as Error)?.message ?? String(error)}`);
      this.parts.notices.outcomeNotSaved(request, outcome, error);
      // What the gateway did, for the UI to say; the history keeps the attempt as it was written.
      return { record: unsaved, saved: false, owned };
    }
  }

  /** Step 5: delivery tracking for a saved, followed message; the after-send hooks for anything that may have left. */
  private follow(record: HistoryRecord, outcome: SendOutcome, saved: boolean, profileId: ProfileId): void {
    if (saved && record.deliveryStatus === 'pending') {
      void this.parts.track(record, profileId).catch((e: unknown) => this.parts.log.warn(`Delivery tracking: ${(e as Error)?.message ?? String(e)}`));
    }
    if (outcome.status !== 'failed') this.parts.afterSend(record);
  }
}
