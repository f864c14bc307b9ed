// One delivery poller per profile that has credentials, started once its history is open; stopped when the
// profile loses them or closes. The client is looked up on every check, so a new token or setting reaches the
// poller without a restart.
import { DeliveryPoller, type DeliveryCheckSummary, type DeliverySettings, type PollerActivity } from '../poller';
import type { Clock, HistoryRecord, Logger } from '../types';
import type { GatewayClients } from './clients';
import type { HistoryStores } from './histories';
import type { ProfileId } from './profileId';
import type { Profiles } from './profiles';

export interface DeliveryPollersOptions {
  profiles: Profiles;
  clients: Pick<GatewayClients, 'client'>;
  histories: Pick<HistoryStores, 'store'>;
  settings(): Required<DeliverySettings>;
  /** A tracked message reached a final delivery state (delivered, failed, expired). */
  onFinal(record: HistoryRecord): void;
  clock?: Clock;
  log: Logger;
}

export class DeliveryPollers {
  private readonly running = new Map<ProfileId, DeliveryPoller>();

  constructor(private readonly options: DeliveryPollersOptions) {}

  /**
   * Starts (or keeps) polling for a profile that has credentials; stops it for one that has none. Opens that
   * profile's history, so it is called after activation, never during it.
   */
  async sync(id: ProfileId): Promise<void> {
    const { profiles } = this.options;
    if (!(await profiles.endpoint(id))) {
      this.running.get(id)?.dispose();
      this.running.delete(id);
      return;
    }
    if (this.running.has(id)) return;
    const store = await this.options.histories.store(id);
    if (this.running.has(id) || !(await profiles.endpoint(id))) return;
    const poller = new DeliveryPoller({
      store,
      checker: {
        delivery: async (messageId: string, from: string) => {
          const client = await this.options.clients.client(id);
          if (!client) throw new Error('No API token.');
          return client.delivery(messageId, from);
        },
      },
      ...this.options.settings(),
      clock: this.options.clock,
      logger: this.options.log,
      onFinal: (record) => this.options.onFinal(record),
    });
    this.running.set(id, poller);
    poller.start();
  }

  /** Follows a just-sent message's delivery. */
  async track(record: HistoryRecord, id: ProfileId): Promise<void> {
    await this.sync(id);
    this.running.get(id)?.track(record);
  }

  /** Checks the given (or every) pending message of a profile now. */
  async checkNow(id: ProfileId, ids?: string[]): Promise<DeliveryCheckSummary> {
    await this.sync(id);
    const poller = this.running.get(id);
    if (!poller) throw new Error('No API token.');
    return poller.checkNow(ids);
  }

  /** What the profile's poller will do on its own (`stopped` when it has none: no credentials, or closed). */
  activity(id: ProfileId): PollerActivity {
    return this.running.get(id)?.activity ?? 'stopped';
  }

  applySettings(): void {
    const settings = this.options.settings();
    for (const poller of this.running.values()) poller.updateSettings(settings);
  }

  /** Stops the profile's poller; resolves once a check already in flight has written its answer. */
  async stop(id: ProfileId): Promise<void> {
    const poller = this.running.get(id);
    this.running.delete(id);
    poller?.dispose();
    await poller?.whenIdle().catch(() => undefined);
  }
}
