// The token of this window's active account, seen through the shape the rest of the extension already used for the
// one token (get, set, clear, hasToken, onDidChange): Set API Token, Clear API Token, the composer and the balance
// menu act on the active account without knowing that there are several. It fires when the active account's token
// changes and when another account becomes the active one.
import * as vscode from 'vscode';
import type { Account } from '../../core/accounts';
import { Disposable } from '../platform/lifecycle';
import type { TokenStore } from '../token/tokenStore';
import type { AccountRegistry } from './accountRegistry';

export class ActiveTokens extends Disposable {
  // Fires without the token: listeners ask get() (the log learns every token from the registry itself).
  private readonly changed = this._register(new vscode.EventEmitter<undefined>());
  readonly onDidChange = this.changed.event;
  private activeId: string;

  constructor(private readonly registry: AccountRegistry) {
    super();
    this.activeId = registry.active.id;
    this._register(
      registry.onDidChangeToken((account) => {
        if (account.id === this.registry.active.id) this.changed.fire(undefined);
      }),
    );
    this._register(
      registry.onDidChange(() => {
        if (registry.active.id === this.activeId) return;
        this.activeId = registry.active.id;
        // The new account's token may not be read yet: read it, then tell.
        void this.store.load().then(() => this.changed.fire(undefined));
      }),
    );
  }

  /** The account these tokens belong to now. */
  get account(): Account {
    return this.registry.active;
  }

  private get store(): TokenStore {
    return this.registry.tokens(this.registry.active);
  }

  load(): Promise<void> {
    return this.store.load();
  }

  get(): Promise<string | undefined> {
    return this.store.get();
  }

  get hasToken(): boolean {
    return this.store.hasToken;
  }

  set(token: string): Promise<void> {
    return this.store.set(token);
  }

  clear(): Promise<void> {
    return this.store.clear();
  }
}
