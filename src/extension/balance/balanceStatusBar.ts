// The `keccel.balance` status-bar item and its refresh timer. The timer runs only while the current mode can
// reach a gateway (a live token or the sandbox); without a token the item says "Set up Keccel" and nothing runs.
// A failed refresh shows an error state, never the previous number as if it were fresh.
import * as vscode from 'vscode';
import type { Balance } from '../../core/types';
import type { BalanceItemSnapshot } from '../api';
import { affects, readConfig, Setting } from '../settings/config';
import { Disposable } from '../platform/lifecycle';
import { describeError, type ExtensionLog } from '../platform/log';
import type { Mode, Session } from '../session/session';
import { hostOf, isLiveGateway } from '../../core/baseUrl';
import { labelText, markdownText } from '../../core/plainText';
import { exactTime, markdownToPlain } from '../wording/strings';
import { balanceText, balanceWarnings } from './balanceView';
import { showError } from '../platform/notify';
import { diagnoseButton, diagnoseIfChosen } from '../diagnose/offer';
import type { AccountBalances } from '../accounts/accountBalances';

export const BALANCE_ACTIONS_COMMAND = 'keccel.balanceActions';

type State =
  | { kind: 'starting' }
  | { kind: 'noToken' }
  | { kind: 'loading' }
  | { kind: 'ok'; balance: Balance; at: number }
  | { kind: 'error'; message: string; at: number; last?: { balance: Balance; at: number } };

export class BalanceStatusBar extends Disposable {
  private readonly item: vscode.StatusBarItem;
  private state: State = { kind: 'starting' };
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<Balance | undefined> | undefined;
  private lastGood: { balance: Balance; at: number } | undefined;

  constructor(
    private readonly session: Session,
    private readonly log: ExtensionLog,
    /** Told each balance of an account read here (the Accounts view, the once-a-day warnings). */
    private readonly balances?: AccountBalances,
  ) {
    super();
    this.item = this._register(vscode.window.createStatusBarItem('keccel.balance', vscode.StatusBarAlignment.Left, 50));
    this.item.name = vscode.l10n.t('Keccel Balance');
    this.item.command = BALANCE_ACTIONS_COMMAND;
    this._register({ dispose: () => this.stopTimer() });
    this._register(
      session.onDidChangeMode(() => {
        this.lastGood = undefined;
        void this.credentialsChanged();
      }),
    );
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, Setting.balanceRefreshMinutes)) this.syncTimer();
        if (affects(e, Setting.lowCreditThreshold, Setting.expiryWarningDays)) this.render();
        if (affects(e, Setting.apiBaseUrl) && !session.isSandbox) void this.credentialsChanged();
      }),
    );
  }

  /** A token appeared or went away, or the mode changed: refresh now (or show "Set up Keccel") and sync the timer. */
  async credentialsChanged(): Promise<void> {
    if (!this.session.canSend()) {
      this.lastGood = undefined;
      this.setState({ kind: 'noToken' });
      this.syncTimer();
      return;
    }
    this.syncTimer();
    await this.refresh(false);
  }

  /**
   * Fetches the balance. Resolves to it, or undefined without a token or on failure; `interactive` failures are
   * also shown as a notification (the automatic refreshes only change the item).
   */
  async refresh(interactive: boolean): Promise<Balance | undefined> {
    // Waits for a refresh in flight, then asks afresh: that answer may have been requested before whatever led
    // here (a send, a new token, a click). Only the periodic timer skips a round while one is in flight.
    await this.inFlight?.catch(() => undefined);
    const run = this.fetch(interactive);
    this.inFlight = run;
    try {
      return await run;
    } finally {
      if (this.inFlight === run) this.inFlight = undefined;
    }
  }

  /**
   * The sandbox's own account, read in-process after it changed (sandbox.ts coalesces the changes): the item
   * follows the sends of any client, the user's app included, without a balance request per send.
   */
  showSandboxAccount(balance: Balance): void {
    if (!this.session.isSandbox) return;
    this.lastGood = { balance, at: Date.now() };
    this.setState({ kind: 'ok', balance, at: this.lastGood.at });
  }

  private async fetch(interactive: boolean): Promise<Balance | undefined> {
    const mode: Mode = this.session.mode;
    const account = this.session.account;
    try {
      const client = await this.session.client(mode);
      if (!client) {
        this.setState({ kind: 'noToken' });
        return undefined;
      }
      if (this.state.kind !== 'ok' && this.state.kind !== 'error') this.setState({ kind: 'loading' });
      const started = Date.now();
      const balance = await client.balance(mode === 'sandbox' ? readConfig().sender : account.sender);
      if (mode !== 'sandbox') this.balances?.record(account, balance);
      // The mode or the account changed meanwhile; that answer is not for the item.
      if (mode !== this.session.mode || account.id !== this.session.account.id) return balance;
      // The sandbox told a newer balance in-process while this request was out: that one stays.
      if (mode === 'sandbox' && this.lastGood && this.lastGood.at > started) return balance;
      this.lastGood = { balance, at: Date.now() };
      this.setState({ kind: 'ok', balance, at: this.lastGood.at });
      this.log.trace(`Balance: ${balance.balance} SMS, expires ${balance.expiration ?? 'never'}, ${balance.status} (${Date.now() - started} ms).`);
      return balance;
    } catch (error) {
      const message = describeError(error);
      this.log.warn(`Balance refresh failed: ${message}`);
      if (mode === this.session.mode && account.id === this.session.account.id) this.setState({ kind: 'error', message, at: Date.now(), last: this.lastGood });
      if (interactive) {
        void showError(vscode.l10n.t('Could not refresh the Keccel balance: {0}', message), diagnoseButton()).then(diagnoseIfChosen);
      }
      return undefined;
    }
  }

  /** True while the periodic refresh is armed (only while the current mode can reach a gateway). */
  get refreshScheduled(): boolean {
    return this.timer !== undefined;
  }

  private syncTimer(): void {
    this.stopTimer();
    if (!this.session.canSend()) return;
    const minutes = readConfig().balanceRefreshMinutes;
    this.timer = setInterval(() => {
      if (!this.inFlight) void this.refresh(false);
    }, minutes * 60_000);
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private setState(state: State): void {
    this.state = state;
    this.render();
  }

  private render(): void {
    const item = this.item;
    const sandbox = this.session.isSandbox;
    const account = this.session.account;
    // A production account is unmistakable: its name and the error colour, whatever the balance says. Other
    // accounts are named when there are several.
    const production = !sandbox && account.production;
    const named = !sandbox && (production || this.session.severalAccounts);
    const prefix = sandbox ? `$(beaker) ${vscode.l10n.t('Sandbox')} · ` : named ? `${production ? '$(flame)' : '$(credit-card)'} ${labelText(account.name)} · ` : '$(credit-card) ';
    const md = new vscode.MarkdownString(undefined, true);
    const title = sandbox
      ? vscode.l10n.t('Keccel balance (sandbox)')
      : named
        ? production
          ? vscode.l10n.t('Keccel balance of "{0}" (production: paid SMS to real people)', account.name)
          : vscode.l10n.t('Keccel balance of "{0}"', account.name)
        : vscode.l10n.t('Keccel balance');
    md.appendMarkdown(`**${markdownText(title)}**\n\n`);
    // The click hint at the bottom; without a token the text above already says what a click does.
    let hint: string | undefined = vscode.l10n.t('Click for balance actions.');
    item.backgroundColor = undefined;
    const state = this.state;
    switch (state.kind) {
      case 'starting':
        item.hide();
        return;
      case 'noToken':
        item.text = named ? `$(key) ${labelText(account.name)} · ${vscode.l10n.t('Set Token')}` : `$(key) ${vscode.l10n.t('Set up Keccel')}`;
        md.appendMarkdown(vscode.l10n.t('No API token is set. Click to set one or to try the sandbox.'));
        hint = undefined;
        break;
      case 'loading':
        item.text = `${prefix}$(sync~spin)`;
        md.appendMarkdown(vscode.l10n.t('Fetching the balance…'));
        break;
      case 'ok': {
        const { balance } = state;
        const config = readConfig();
        const warnings = balanceWarnings(balance, config);
        item.text = `${prefix}${balanceText(balance)}`;
        if (warnings.level === 'warning') item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        if (warnings.level === 'error') item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        this.appendBalance(md, balance, state.at);
        // A reason can quote the gateway's account status: escaped like any foreign text.
        for (const reason of warnings.reasons) md.appendMarkdown(`\n\n$(warning) ${markdownText(reason)}`);
        break;
      }
      case 'error':
        item.text = `${prefix}$(error) ${vscode.l10n.t('Balance unavailable')}`;
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        md.appendMarkdown(`$(error) ${markdownText(vscode.l10n.t('The last refresh failed ({0}):', exactTime(new Date(state.at).toISOString())))} `);
        md.appendMarkdown(markdownText(state.message));
        if (state.last) {
          md.appendMarkdown(`\n\n${vscode.l10n.t('Last known balance, possibly out of date:')}\n\n`);
          this.appendBalance(md, state.last.balance, state.last.at);
        }
        break;
    }
    if (production) item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    // Wherever the token goes when it is not the live gateway (a simulator, a proxy, the sandbox), the tooltip says.
    const gateway = sandbox ? this.session.sandboxUrl : account.baseUrl;
    if (state.kind !== 'noToken' && gateway && !isLiveGateway(gateway)) {
      md.appendMarkdown(`\n\n$(server) ${markdownText(vscode.l10n.t('Gateway: {0} (not the live Keccel gateway)', hostOf(gateway)))}`);
    }
    if (hint) md.appendMarkdown(`\n\n---\n\n${hint}`);
    item.tooltip = md;
    item.accessibilityInformation = { label: item.text.replace(/\$\([^)]*\)\s*/g, ''), role: 'button' };
    item.show();
  }

  private appendBalance(md: vscode.MarkdownString, balance: Balance, at: number): void {
    // Each whole "Label: {0}" line is one translated string: French puts a space before the colon, which a
    // label joined to its value here with ":" could not.
    const line = (text: string) => md.appendMarkdown(`${markdownText(text)}  \n`);
    line(vscode.l10n.t('Credits: {0} SMS', Math.trunc(balance.balance)));
    line(vscode.l10n.t('Expires: {0}', balance.expiration ? exactTime(balance.expiration) : vscode.l10n.t('no expiry given')));
    line(vscode.l10n.t('Account status: {0}', accountStatusLabel(balance.status)));
    line(vscode.l10n.t('Last refresh: {0}', exactTime(new Date(at).toISOString())));
  }

  snapshot(): BalanceItemSnapshot {
    const tooltip = this.item.tooltip;
    const background = this.item.backgroundColor as (vscode.ThemeColor & { id?: string }) | undefined;
    const command = this.item.command;
    return {
      text: this.item.text,
      tooltip: typeof tooltip === 'string' ? tooltip : markdownToPlain(tooltip?.value ?? ''),
      tooltipMarkdown: typeof tooltip === 'string' ? undefined : tooltip?.value,
      backgroundColor: background?.id,
      command: typeof command === 'string' ? command : command?.command,
    };
  }
}

/** The gateway's account status in the display language; a status we do not know is shown as it came. */
export function accountStatusLabel(status: string): string {
  switch (status.trim().toLowerCase()) {
    case 'active':
      return vscode.l10n.t('active');
    case 'inactive':
      return vscode.l10n.t('inactive');
    case 'expired':
      return vscode.l10n.t('expired');
    default:
      return status;
  }
}
