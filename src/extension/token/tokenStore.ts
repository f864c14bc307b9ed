// The API token lives only in SecretStorage, keyed by account (`keccel.token.<accountId>`), so several accounts can
// sit side by side later without a migration; today there is one, "default". The store keeps a cached copy so
// synchronous readers (context keys, status bar) know whether a token exists, and follows changes made by
// another window through `secrets.onDidChange`.
import * as vscode from 'vscode';
import { Disposable } from '../platform/lifecycle';

export const DEFAULT_ACCOUNT = 'default';
export const SECRET_PREFIX = 'keccel.token.';

export function secretKey(accountId: string = DEFAULT_ACCOUNT): string {
  return SECRET_PREFIX + accountId;
}

/** What the commands need of a token (this store, or the active account's: accounts/activeTokens.ts). */
export interface TokenAccess {
  load(): Promise<void>;
  get(): Promise<string | undefined>;
  readonly hasToken: boolean;
  set(token: string): Promise<void>;
  clear(): Promise<void>;
  /** Fires when the token changes; listeners read it again with get() or hasToken. */
  readonly onDidChange: vscode.Event<unknown>;
}

export class TokenStore extends Disposable {
  private token: string | undefined;
  private loaded: Promise<void> | undefined;
  /** Bumped by every local write, so a slower read never overwrites a newer value. */
  private generation = 0;
  private readonly changed = this._register(new vscode.EventEmitter<string | undefined>());
  /** Fires with the new token (or undefined) whenever it changes, here or in another window. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly accountId: string = DEFAULT_ACCOUNT,
  ) {
    super();
    this._register(
      secrets.onDidChange((e) => {
        if (e.key === secretKey(this.accountId)) void this.reload();
      }),
    );
  }

  /** Reads the secret once (later calls share the first read). */
  load(): Promise<void> {
    this.loaded ??= this.reload();
    return this.loaded;
  }

  /** The token, read from SecretStorage on first use. */
  async get(): Promise<string | undefined> {
    await this.load();
    return this.token;
  }

  /** Whether a token is known, without waiting (false until the first read finished). */
  get hasToken(): boolean {
    return this.token !== undefined;
  }

  async set(token: string): Promise<void> {
    this.generation++;
    await this.secrets.store(secretKey(this.accountId), token);
    this.apply(token);
  }

  async clear(): Promise<void> {
    this.generation++;
    await this.secrets.delete(secretKey(this.accountId));
    this.apply(undefined);
  }

  private async reload(): Promise<void> {
    // A set/clear that lands while this read is in flight wins: the read may have seen the older value.
    const generation = this.generation;
    const value = await this.secrets.get(secretKey(this.accountId));
    if (generation === this.generation) this.apply(value || undefined);
  }

  private apply(token: string | undefined): void {
    if (token === this.token) return;
    this.token = token;
    this.changed.fire(token);
  }
}
