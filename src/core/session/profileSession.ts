// The profiles and what each one owns (client, history, poller, attempts in flight), composed from parts that
// each do one job, and the two orders that matter across them:
// - a send: the current target, its client and history, then tracking (for the send pipeline, src/core/send/);
// - closing a profile (the sandbox stops, the window closes): its attempts in flight are marked interrupted first,
//   queued on its history before anything closes; its poller stops (a check still out is waited for; its answer
//   is no longer written); then the client and the history close, after the writes queued on it.
// No UI here: what the user must be told goes through the injected notices.
import type { KeccelClient, KeccelClientOptions } from '../client';
import type { HistoryStore } from '../history/store';
import type { DeliveryCheckSummary, DeliverySettings, PollerActivity } from '../poller';
import type { SendPipelineParts } from '../send/pipeline';
import type { SendTarget } from '../send/target';
import { systemClock, type Clock, type HistoryRecord, type Logger } from '../types';
import { GatewayClients } from './clients';
import { HistoryStores, type HistoryNotices, type WatchFile } from './histories';
import { InFlightSends } from './inFlight';
import { DeliveryPollers } from './pollers';
import type { ProfileId } from './profileId';
import type { Endpoint, Profiles } from './profiles';
import { StartupGate } from './startupGate';

export interface ProfileSessionOptions {
  /** Where the history files are. */
  dir: string;
  profiles: Profiles;
  clientOptions(endpoint: Endpoint, id: ProfileId): KeccelClientOptions;
  settings(): { maxMessages: number } & Required<DeliverySettings>;
  notices: HistoryNotices;
  watch?: WatchFile;
  onFinal?(record: HistoryRecord): void;
  clock?: Clock;
  log: Logger;
}

export class ProfileSession {
  readonly profiles: Profiles;
  /** This window's send attempts whose answer has not come yet. */
  readonly inFlight: InFlightSends;
  readonly startup = new StartupGate();
  readonly histories: HistoryStores;
  private readonly clients: GatewayClients;
  private readonly pollers: DeliveryPollers;
  private closing: Promise<void> | undefined;

  constructor(options: ProfileSessionOptions) {
    const clock = options.clock ?? systemClock;
    this.profiles = options.profiles;
    this.inFlight = new InFlightSends(options.log, clock);
    this.clients = new GatewayClients(this.profiles, options.clientOptions, options.log);
    this.histories = new HistoryStores({
      dir: options.dir,
      profiles: this.profiles,
      inFlight: this.inFlight,
      maxMessages: () => options.settings().maxMessages,
      notices: options.notices,
      watch: options.watch,
      clock,
      log: options.log,
    });
    this.pollers = new DeliveryPollers({
      profiles: this.profiles,
      clients: this.clients,
      histories: this.histories,
      settings: () => {
        const { intervalSeconds, giveUpAfterHours } = options.settings();
        return { intervalSeconds, giveUpAfterHours };
      },
      onFinal: (record) => options.onFinal?.(record),
      clock,
      log: options.log,
    });
  }

  get current(): ProfileId {
    return this.profiles.current;
  }

  target(id: ProfileId = this.current): Promise<SendTarget | undefined> {
    return this.profiles.target(id);
  }

  /** Whether a profile (the current one by default) can send, once startup has found the token or the sandbox. */
  async hasCredentials(id?: ProfileId): Promise<boolean> {
    await this.startup.passed();
    return (await this.profiles.endpoint(id ?? this.current)) !== undefined;
  }

  client(id: ProfileId = this.current): Promise<KeccelClient | undefined> {
    return this.clients.client(id);
  }

  store(id: ProfileId = this.current): Promise<HistoryStore> {
    return this.histories.store(id);
  }

  syncPolling(id: ProfileId): Promise<void> {
    return this.pollers.sync(id);
  }

  track(record: HistoryRecord, id: ProfileId = this.current): Promise<void> {
    return this.pollers.track(record, id);
  }

  checkNow(ids?: string[]): Promise<DeliveryCheckSummary> {
    return this.pollers.checkNow(this.current, ids);
  }

  /** What a profile's delivery poller (the current one's by default) will do on its own. */
  pollerActivity(id: ProfileId = this.current): PollerActivity {
    return this.pollers.activity(id);
  }

  applySettings(): void {
    this.pollers.applySettings();
    this.histories.applySettings();
  }

  /** What the send pipeline takes from the session; the caller adds the UI's parts (hooks, notices). */
  sendParts(): Pick<SendPipelineParts, 'currentTarget' | 'client' | 'store' | 'inFlight' | 'track'> {
    return {
      currentTarget: () => this.target(),
      client: (id) => this.client(id),
      store: (id) => this.store(id),
      inFlight: this.inFlight,
      track: (record, id) => this.track(record, id),
    };
  }

  /** Closes what a profile owns, in the order the header explains; it opens again on next need. */
  async closeProfile(id: ProfileId): Promise<void> {
    // Queued on the store now, before its close() below: the answers of these sends will never be recorded here.
    const interrupted = this.inFlight.interrupt(id);
    // A check already out is waited for, so nothing of the poller touches the store once it closes.
    await this.pollers.stop(id);
    const store = this.histories.detach(id);
    await interrupted;
    await Promise.allSettled([this.clients.close(id), store?.then((s) => s.close())]);
  }

  /**
   * Closes every profile; resolves once their queued writes have landed (deactivate awaits it, with a bound).
   * Later calls get the same promise.
   */
  close(): Promise<void> {
    this.closing ??= Promise.all(this.profiles.ids.map((id) => this.closeProfile(id))).then(() => undefined);
    return this.closing;
  }
}
