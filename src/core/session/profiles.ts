// Which profiles exist, which one is current, and where each one sends (its endpoint). A profile is defined by
// an id, the name of its history file and a way to find its endpoint now; the live account reads its token and
// the API URL setting, the sandbox is given its loopback URL when it starts. More accounts are more definitions.
import type { SendTarget } from '../send/target';
import type { ProfileId } from './profileId';

export interface Endpoint {
  baseUrl: string;
  token: string;
  /** Sent with every request (the sandbox's own-client key, core/sandboxClient.ts). */
  headers?: Record<string, string>;
}

export interface ProfileDefinition {
  id: ProfileId;
  /** Its own history file, so profiles never mix their messages. */
  historyFile: string;
  /** True for the built-in simulator: its records say so and the views name it. */
  sandbox: boolean;
  /** Where it sends right now; undefined while it has no credentials (no token, the sandbox stopped). */
  endpoint(): Promise<Endpoint | undefined>;
  /** The account's name now, for a profile that is an account (kept on its records). */
  account?(): string | undefined;
}

export class Profiles {
  private readonly byId = new Map<ProfileId, ProfileDefinition>();
  private currentId: ProfileId;
  private readonly listeners = new Set<(id: ProfileId) => void>();

  constructor(definitions: ProfileDefinition[], current: ProfileId) {
    for (const definition of definitions) this.byId.set(definition.id, definition);
    this.currentId = this.get(current).id;
  }

  get current(): ProfileId {
    return this.currentId;
  }

  get ids(): ProfileId[] {
    return [...this.byId.keys()];
  }

  /**
   * Adds a profile (an account added while the window runs), or replaces the definition of one with that id. A
   * profile is never taken away while the window runs: one whose account was removed just has no endpoint.
   */
  define(definition: ProfileDefinition): void {
    this.byId.set(definition.id, definition);
  }

  get(id: ProfileId): ProfileDefinition {
    const definition = this.byId.get(id);
    if (!definition) throw new Error(`Unknown profile: ${id}`);
    return definition;
  }

  /**
   * Makes a profile the current one (what new sends, the views and the balance use) and tells the listeners, even
   * when it already was: its endpoint may be new (the sandbox started again on another port).
   */
  use(id: ProfileId): void {
    this.get(id);
    this.currentId = id;
    for (const listener of [...this.listeners]) listener(id);
  }

  onDidChange(listener: (id: ProfileId) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  endpoint(id: ProfileId): Promise<Endpoint | undefined> {
    return this.get(id).endpoint();
  }

  /**
   * Where a send would go now for a profile (the current one by default): undefined without credentials. The id is
   * read before the first await, so a switch during the lookup does not mix two profiles.
   */
  async target(id: ProfileId = this.currentId): Promise<SendTarget | undefined> {
    const definition = this.get(id);
    const endpoint = await definition.endpoint();
    if (!endpoint) return undefined;
    const account = definition.account?.();
    return { profileId: id, baseUrl: endpoint.baseUrl, sandbox: definition.sandbox, ...(account !== undefined ? { account } : {}) };
  }
}
