// One gateway client per profile, built on first need and rebuilt whenever what it was built with changes (a new
// token, URL, timeout, proxy or headers); the old one's connections are closed. Activation builds none.
import { hostOf, isLiveGateway } from '../baseUrl';
import { KeccelClient, type KeccelClientOptions } from '../client';
import type { Logger } from '../types';
import type { ProfileId } from './profileId';
import type { Endpoint, Profiles } from './profiles';

export class GatewayClients {
  private readonly built = new Map<ProfileId, { key: string; client: KeccelClient }>();

  constructor(
    private readonly profiles: Profiles,
    /** The client's options for an endpoint (timeout, proxy: the settings). */
    private readonly optionsFor: (endpoint: Endpoint, id: ProfileId) => KeccelClientOptions,
    private readonly log: Logger,
  ) {}

  /** The profile's client, or undefined while it has no credentials. */
  async client(id: ProfileId): Promise<KeccelClient | undefined> {
    const endpoint = await this.profiles.endpoint(id);
    if (!endpoint) return undefined;
    const options = this.optionsFor(endpoint, id);
    const key = JSON.stringify([options.baseUrl, options.token, options.timeoutMs, options.proxyUrl, options.headers]);
    const existing = this.built.get(id);
    if (existing?.key === key) return existing.client;
    void existing?.client.close();
    const client = new KeccelClient({ ...options, logger: this.log });
    this.built.set(id, { key, client });
    // Anything but the live gateway is named, so a user can see in the log where the token goes.
    const live = isLiveGateway(options.baseUrl);
    this.log.info(`Gateway (${id}): ${hostOf(options.baseUrl)}${live ? '' : `, not the live Keccel gateway (${options.baseUrl})`}.`);
    return client;
  }

  /** Forgets the profile's client and closes its connections. */
  close(id: ProfileId): Promise<void> {
    const existing = this.built.get(id);
    this.built.delete(id);
    return existing ? existing.client.close() : Promise.resolve();
  }
}
