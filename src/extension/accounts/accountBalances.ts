// Every account's balance, for the Accounts view, the switch quick pick and the warnings. The active account's
// balance is the status bar's; the others are asked on demand (the view shown, the quick pick opened, a refresh
// clicked) and on the balance refresh interval while more than one account has a token. Low credit and near
// expiry are warned for every account with a token, at most once a day each (core/accounts/warnings.ts); the
// ledger is in globalState, shared by the windows of this machine.
import * as vscode from 'vscode';
import { balanceConcerns, baseUrlSettingOf, dueWarnings, readWarningLedger, type Account, type BalanceConcern } from '../../core/accounts';
import { KeccelClient } from '../../core/client';
import type { Balance } from '../../core/types';
import { balanceText } from '../balance/balanceView';
import { Disposable } from '../platform/lifecycle';
import { describeError, type ExtensionLog } from '../platform/log';
import { showWarning } from '../platform/notify';
import { clientOptions, readConfig } from '../settings/config';
import type { AccountRegistry } from './accountRegistry';

const LEDGER_KEY = 'keccel.balanceWarnings';

export type AccountBalance =
  | { kind: 'noToken' }
  | { kind: 'ok'; balance: Balance; at: number }
  | { kind: 'error'; message: string; at: number };

export class AccountBalances extends Disposable {
  private readonly known = new Map<string, AccountBalance>();
  private readonly running = new Map<string, Promise<AccountBalance>>();
  private timer: NodeJS.Timeout | undefined;
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly registry: AccountRegistry,
    private readonly globalState: vscode.Memento,
    private readonly log: ExtensionLog,
  ) {
    super();
    this._register({ dispose: () => this.timer && clearInterval(this.timer) });
    this._register(registry.onDidChangeToken((account) => {
      this.known.delete(account.id);
      this.changed.fire();
      void this.syncTimer();
    }));
    this._register(registry.onDidChange(() => void this.syncTimer()));
  }

  get(account: Account): AccountBalance | undefined {
    return this.known.get(account.id);
  }

  /** One line for a quick pick or a tooltip: credit and expiry, or what is missing. */
  describe(account: Account): string {
    const state = this.known.get(account.id);
    if (!state) return vscode.l10n.t('Checking the balance…');
    if (state.kind === 'noToken') return vscode.l10n.t('No token: Set Token to use it');
    if (state.kind === 'error') return vscode.l10n.t('Balance unavailable: {0}', state.message);
    return balanceText(state.balance);
  }

  /** The active account's balance as the status bar just read it (no second request). */
  record(account: Account, balance: Balance): void {
    this.known.set(account.id, { kind: 'ok', balance, at: Date.now() });
    this.changed.fire();
    void this.warn(account, balance);
  }

  refreshAll(): Promise<void> {
    return Promise.all(this.registry.accounts.map((a) => this.refresh(a))).then(() => undefined);
  }

  /** Asks the account's gateway (a check: the client retries it like any GET). */
  refresh(account: Account): Promise<AccountBalance> {
    const running = this.running.get(account.id);
    if (running) return running;
    const run = this.fetch(account).finally(() => this.running.delete(account.id));
    this.running.set(account.id, run);
    return run;
  }

  private async fetch(account: Account): Promise<AccountBalance> {
    const token = await this.registry.tokens(account).get();
    let state: AccountBalance;
    if (!token) state = { kind: 'noToken' };
    else {
      const client = new KeccelClient({ ...clientOptions(account.baseUrl, token, true, baseUrlSettingOf(account)), logger: this.log });
      try {
        const balance = await client.balance(account.sender);
        state = { kind: 'ok', balance, at: Date.now() };
        void this.warn(account, balance);
      } catch (error) {
        state = { kind: 'error', message: describeError(error), at: Date.now() };
        this.log.warn(`Balance of "${account.name}": ${state.message}`);
      } finally {
        void client.close();
      }
    }
    this.known.set(account.id, state);
    this.changed.fire();
    return state;
  }

  private async warn(account: Account, balance: Balance): Promise<void> {
    const config = readConfig();
    const concerns = balanceConcerns(balance, config, Date.now());
    const ledger = readWarningLedger(this.globalState.get(LEDGER_KEY));
    const { due, ledger: next } = dueWarnings(ledger, account.id, concerns, Date.now());
    if (JSON.stringify(next) !== JSON.stringify(ledger)) await this.globalState.update(LEDGER_KEY, next);
    for (const concern of due) void showWarning(this.warning(account, concern, balance));
  }

  private warning(account: Account, concern: BalanceConcern, balance: Balance): string {
    if (concern === 'lowCredit') {
      return vscode.l10n.t('Keccel account "{0}": {1} SMS left (fewer than {2}).', account.name, Math.trunc(balance.balance), readConfig().lowCreditThreshold);
    }
    return balance.expiration
      ? vscode.l10n.t('Keccel account "{0}": the credits expire on {1}.', account.name, new Date(balance.expiration).toLocaleString())
      : vscode.l10n.t('Keccel account "{0}": the credits have expired.', account.name);
  }

  /** After startup: the other accounts' balances once (their warnings), then on the interval. */
  start(): void {
    for (const account of this.registry.accounts) if (account.id !== this.registry.active.id) void this.refresh(account);
    void this.syncTimer();
  }

  /** Refreshes the other accounts on the balance interval, only while more than one account has a token. */
  private async syncTimer(): Promise<void> {
    const withToken = (await Promise.all(this.registry.accounts.map((a) => this.registry.tokens(a).get()))).filter(Boolean).length;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (withToken < 2 || this.isDisposed) return;
    this.timer = setInterval(() => {
      for (const account of this.registry.accounts) if (account.id !== this.registry.active.id) void this.refresh(account);
    }, readConfig().balanceRefreshMinutes * 60_000);
  }
}
