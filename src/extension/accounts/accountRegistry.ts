// The accounts of this machine and the one this window uses. Reads `keccel.accounts` (application scope) and
// `keccel.account` (the workspace's choice, window scope), keeps the stable ids beside them in globalState
// (core/accounts/ids.ts, docs/decisions/account-ids.md), one TokenStore per account (SecretStorage), and the
// window's pick in workspaceState (per workspace) and globalState (the last pick, for windows without a folder).
// Switching changes this window only: nothing here is written where another window reads its active account.
import * as vscode from 'vscode';
import {
  chooseActive,
  findAccount,
  IMPLICIT_ACCOUNT_ID,
  parseAccounts,
  readIdState,
  reconcileIds,
  resolveAccounts,
  withAccountAdded,
  withAccountRemoved,
  type Account,
  type AccountEntry,
  type AccountIdState,
  type AccountProblem,
} from '../../core/accounts';
import { Disposable } from '../platform/lifecycle';
import type { ExtensionLog } from '../platform/log';
import { showWarning } from '../platform/notify';
import { readConfig, SECTION } from '../settings/config';
import { TokenStore } from '../token/tokenStore';

/** Keys of what is kept between sessions (never a token: those are in SecretStorage). */
const IDS_KEY = 'keccel.accountIds';
const LAST_CHOSEN_KEY = 'keccel.lastAccount';
const WORKSPACE_CHOICE_KEY = 'keccel.activeAccount';
/** Production accounts this workspace's `keccel.account` was allowed (true) or refused (false), by id. */
const WORKSPACE_CONSENT_KEY = 'keccel.productionConsent';

export const ACCOUNTS_SETTING = 'accounts';
export const ACCOUNT_SETTING = 'account';

export class AccountRegistry extends Disposable {
  private list: Account[] = [];
  private activeAccount!: Account;
  private readonly tokenStores = new Map<string, TokenStore>();
  private reportedProblems = '';
  /** The consent question being asked, so a second reload does not ask it twice. */
  private asking: string | undefined;

  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** The list, an account's fields or this window's active account changed. */
  readonly onDidChange = this.changed.event;
  private readonly tokenChanged = this._register(new vscode.EventEmitter<Account>());
  /** The token of an account was set or removed (here or in another window). */
  readonly onDidChangeToken = this.tokenChanged.event;

  constructor(
    private readonly context: Pick<vscode.ExtensionContext, 'globalState' | 'workspaceState' | 'secrets'>,
    /** The implicit account's store, which the rest of the extension already holds. */
    defaultTokens: TokenStore,
    private readonly log: ExtensionLog,
  ) {
    super();
    this.tokenStores.set(IMPLICIT_ACCOUNT_ID, defaultTokens);
    this.watchTokens(IMPLICIT_ACCOUNT_ID, defaultTokens);
    this.read();
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        const workspaceChoice = e.affectsConfiguration(`${SECTION}.${ACCOUNT_SETTING}`);
        if (workspaceChoice) {
          // A new value of the workspace's setting applies at once: the user's earlier pick in it gives way.
          void this.context.workspaceState.update(WORKSPACE_CHOICE_KEY, undefined);
        }
        if (workspaceChoice || e.affectsConfiguration(`${SECTION}.${ACCOUNTS_SETTING}`) || e.affectsConfiguration(`${SECTION}.apiBaseUrl`) || e.affectsConfiguration(`${SECTION}.sender`)) {
          this.read(workspaceChoice);
        }
      }),
    );
  }

  get accounts(): readonly Account[] {
    return this.list;
  }

  /** This window's account. */
  get active(): Account {
    return this.activeAccount;
  }

  /** True when the user has more than the one implicit account (the views then name the active one). */
  get several(): boolean {
    return this.list.length > 1;
  }

  find(name: string): Account | undefined {
    return findAccount(this.list, name);
  }

  byId(id: string): Account | undefined {
    return this.list.find((a) => a.id === id);
  }

  /** The token store of an account (created on first use; reads SecretStorage only when asked). */
  tokens(account: Account | string): TokenStore {
    const id = typeof account === 'string' ? account : account.id;
    let store = this.tokenStores.get(id);
    if (!store) {
      store = this._register(new TokenStore(this.context.secrets, id));
      this.tokenStores.set(id, store);
      this.watchTokens(id, store);
    }
    return store;
  }

  /** The stored token of every account, in no particular order (those without one are left out). */
  async allTokens(): Promise<string[]> {
    const tokens = await Promise.all(this.list.map((account) => this.tokens(account).get()));
    return tokens.filter((token): token is string => token !== undefined && token !== '');
  }

  /** Each account's stored token with the account's name (for naming its .env variable); none without a token. */
  async accountTokens(): Promise<Array<{ name: string; token: string }>> {
    const tokens = await Promise.all(this.list.map(async (account) => ({ name: account.name, token: await this.tokens(account).get() })));
    return tokens.filter((entry): entry is { name: string; token: string } => entry.token !== undefined && entry.token !== '');
  }

  /** Makes `name` this window's account, remembered for this workspace and as the last pick. */
  async switchTo(name: string): Promise<Account | undefined> {
    const account = this.find(name);
    if (!account) return undefined;
    await this.remember(account);
    if (account.id !== this.activeAccount.id) {
      this.activeAccount = account;
      this.log.info(`Active account: ${account.name}${account.production ? ' (production)' : ''}.`);
      this.changed.fire();
    }
    return account;
  }

  /** Adds an account to the setting (the implicit `Keccel` joins the list first) and stores its token. */
  async add(entry: AccountEntry, token: string | undefined): Promise<Account> {
    const raw = vscode.workspace.getConfiguration(SECTION).inspect<unknown>(ACCOUNTS_SETTING)?.globalValue;
    await vscode.workspace.getConfiguration(SECTION).update(ACCOUNTS_SETTING, withAccountAdded(raw, entry), vscode.ConfigurationTarget.Global);
    // The configuration event may come later than the update's promise: read now (reading twice changes nothing).
    this.read();
    const account = this.find(entry.name);
    if (!account) throw new Error(`The account "${entry.name}" was not added to keccel.accounts.`);
    if (token !== undefined) await this.tokens(account).set(token);
    return account;
  }

  /** Removes an account from the setting and deletes its token; its history file stays. */
  async remove(account: Account): Promise<void> {
    const raw = vscode.workspace.getConfiguration(SECTION).inspect<unknown>(ACCOUNTS_SETTING)?.globalValue;
    await this.tokens(account).clear();
    await vscode.workspace.getConfiguration(SECTION).update(ACCOUNTS_SETTING, withAccountRemoved(raw, account.name), vscode.ConfigurationTarget.Global);
    this.read();
  }

  /** Reads the settings again; asks about a production account the workspace names when `ask` allows. */
  private read(ask = true): void {
    const config = vscode.workspace.getConfiguration(SECTION);
    // Application scope: only the user's own value counts, whatever a workspace file holds.
    const parsed = parseAccounts(config.inspect<unknown>(ACCOUNTS_SETTING)?.globalValue);
    this.report(parsed.problems);
    const previous = readIdState(this.context.globalState.get(IDS_KEY));
    const { state, renamed } = reconcileIds(previous, parsed.entries, parsed.names);
    if (!sameState(previous, state)) void this.context.globalState.update(IDS_KEY, state);
    if (renamed) this.log.info(`Account "${renamed.from}" renamed to "${renamed.to}": its token and history follow it.`);
    const defaults = readConfig();
    const idOf = (name: string) => state.ids[name] ?? IMPLICIT_ACCOUNT_ID;
    const before = JSON.stringify([this.list, this.activeAccount?.id]);
    this.list = resolveAccounts(parsed.entries, idOf, { apiBaseUrl: defaults.apiBaseUrl, sender: defaults.sender });
    const choice = this.choose();
    this.activeAccount = choice.account;
    if (choice.unknownSetting !== undefined) {
      this.log.warn(`This workspace's keccel.account names "${choice.unknownSetting}", which is not one of your accounts; using "${choice.account.name}".`);
    }
    if (choice.askConsentFor && ask) void this.askConsent(choice.askConsentFor);
    if (JSON.stringify([this.list, this.activeAccount.id]) !== before) this.changed.fire();
  }

  private choose() {
    const answers = this.consentAnswers();
    const setting = vscode.workspace.getConfiguration(SECTION).get<string>(ACCOUNT_SETTING);
    const named = findAccount(this.list, setting);
    return chooseActive({
      accounts: this.list,
      // A production account this workspace was refused is not asked again: the setting is then ignored.
      workspaceSetting: named && answers[named.id] === false ? undefined : setting,
      workspaceChoice: this.context.workspaceState.get<string>(WORKSPACE_CHOICE_KEY),
      lastChosen: this.context.globalState.get<string>(LAST_CHOSEN_KEY),
      hasFolder: vscode.workspace.workspaceFolders !== undefined || vscode.workspace.workspaceFile !== undefined,
      consented: Object.keys(answers).filter((id) => answers[id]),
    });
  }

  /** Asked once per workspace: a cloned repository must not point the user's sends at a paid account unasked. */
  private async askConsent(account: Account): Promise<void> {
    if (this.asking === account.id) return;
    this.asking = account.id;
    try {
      const use = vscode.l10n.t('Use {0}', account.name);
      const choice = await showWarning(
        vscode.l10n.t('This workspace asks to use the production account "{0}".', account.name),
        {
          modal: true,
          detail: vscode.l10n.t('Its settings (keccel.account) name it. SMS sent from a production account are paid and reach real people. This window keeps "{0}" unless you agree; you are asked once for this workspace.', this.activeAccount.name),
        },
        use,
      );
      const answers = { ...this.consentAnswers(), [account.id]: choice === use };
      await this.context.workspaceState.update(WORKSPACE_CONSENT_KEY, answers);
      this.log.info(`Workspace choice of the production account "${account.name}": ${choice === use ? 'agreed' : 'refused'}.`);
      this.read(false);
    } finally {
      this.asking = undefined;
    }
  }

  private consentAnswers(): Record<string, boolean> {
    const value = this.context.workspaceState.get<unknown>(WORKSPACE_CONSENT_KEY);
    if (typeof value !== 'object' || value === null) return {};
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter((e): e is [string, boolean] => typeof e[1] === 'boolean'));
  }

  private async remember(account: Account): Promise<void> {
    await this.context.globalState.update(LAST_CHOSEN_KEY, account.name);
    if (vscode.workspace.workspaceFolders !== undefined || vscode.workspace.workspaceFile !== undefined) {
      await this.context.workspaceState.update(WORKSPACE_CHOICE_KEY, account.name);
    }
  }

  private report(problems: AccountProblem[]): void {
    const key = problems.map((p) => p.message).join('\n');
    if (key === this.reportedProblems) return;
    this.reportedProblems = key;
    for (const problem of problems) this.log.warn(problem.message);
    if (problems.length > 0) {
      const open = vscode.l10n.t('Open Settings');
      void showWarning(vscode.l10n.t('Some entries of keccel.accounts were ignored: {0}', problems.map((p) => p.message).join(' ')), open).then(
        (choice) => choice === open && vscode.commands.executeCommand('workbench.action.openSettingsJson'),
      );
    }
  }

  private watchTokens(id: string, store: TokenStore): void {
    this._register(
      store.onDidChange((token) => {
        this.log.addSecret(token);
        const account = this.byId(id);
        if (account) this.tokenChanged.fire(account);
      }),
    );
  }
}

function sameState(a: AccountIdState, b: AccountIdState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
