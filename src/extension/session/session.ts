// The VS Code side of the session: it defines the profiles (one per account, each with its token and gateway, and
// the sandbox while it runs; accounts/accountRegistry.ts says which accounts exist and which one this window
// uses), hands the core session (src/core/session/) what only
// VS Code has (the settings, the file watcher, and the notices it is given), and turns its changes into VS Code
// events for the views. It shows nothing itself. Everything is created on first need: activation touches none of it
// (docs/performance.md). Each profile has its own history file, so sandbox messages never mix with real ones nor one
// account's with another's, and every account's poller keeps following its messages while another account or the
// sandbox is in use.
import * as vscode from 'vscode';
import type { KeccelClient } from '../../core/client';
import type { HistoryStore } from '../../core/history/store';
import type { DeliveryCheckSummary, PollerActivity } from '../../core/poller';
import type { SendTarget } from '../../core/send/target';
import type { HistoryNotices } from '../../core/session/histories';
import type { InFlightSends } from '../../core/session/inFlight';
import { LIVE_PROFILE, SANDBOX_PROFILE, type ProfileId } from '../../core/session/profileId';
import { ProfileSession } from '../../core/session/profileSession';
import { Profiles, type Endpoint } from '../../core/session/profiles';
import type { HistoryRecord } from '../../core/types';
import { SANDBOX_CLIENT_HEADER } from '../../core/sandboxClient';
import { baseUrlSettingOf, deleteAccountHistory, historyFileName, IMPLICIT_ACCOUNT_ID, type Account } from '../../core/accounts';
import { clientOptions, readConfig } from '../settings/config';
import { Disposable } from '../platform/lifecycle';
import type { ExtensionLog } from '../platform/log';
import type { TokenStore } from '../token/tokenStore';

/** A profile id, under the name the views use: `sandbox`, `live` (the implicit account `Keccel`) or an account's. */
export type Mode = ProfileId;

/** What the session needs of the accounts (accounts/accountRegistry.ts). */
export interface AccountSource {
  readonly active: Account;
  readonly accounts: readonly Account[];
  byId(id: string): Account | undefined;
  tokens(account: Account | string): TokenStore;
  readonly onDidChange: vscode.Event<void>;
}

/**
 * The profile of an account: the implicit account keeps the built-in live profile (its history file is the one
 * the extension always had); every other account is `account:<id>`.
 */
export function profileIdOf(accountId: string): ProfileId {
  return accountId === IMPLICIT_ACCOUNT_ID ? LIVE_PROFILE : `account:${accountId}`;
}

export const LIVE_HISTORY_FILE = 'history.jsonl';
export const SANDBOX_HISTORY_FILE = 'sandbox-history.jsonl';

export class Session extends Disposable {
  private sandboxEndpoint: Endpoint | undefined;
  private readonly core: ProfileSession;

  private readonly modeChanged = this._register(new vscode.EventEmitter<Mode>());
  readonly onDidChangeMode = this.modeChanged.event;
  private readonly historyChanged = this._register(new vscode.EventEmitter<Mode>());
  /** A history store changed (a send, a delivery update, a deletion...); carries the profile of that store. */
  readonly onDidChangeHistory = this.historyChanged.event;
  private readonly finalReached = this._register(new vscode.EventEmitter<HistoryRecord>());
  /** A tracked message reached a final delivery state (delivered, failed, expired). */
  readonly onDidReachFinal = this.finalReached.event;

  private readonly profiles: Profiles;

  constructor(
    private readonly storageDir: vscode.Uri,
    private readonly accounts: AccountSource,
    log: ExtensionLog,
    /** What the user is told about a damaged or unreadable history file (history/historyNotices.ts). */
    notices: HistoryNotices,
  ) {
    super();
    const profiles = new Profiles(
      [
        ...accounts.accounts.map((account) => this.accountProfile(account.id)),
        { id: SANDBOX_PROFILE, historyFile: SANDBOX_HISTORY_FILE, sandbox: true, endpoint: async () => this.sandboxEndpoint },
      ],
      profileIdOf(accounts.active.id),
    );
    this.profiles = profiles;
    this._register(
      accounts.onDidChange(() => {
        for (const account of accounts.accounts) if (!this.knows(account.id)) profiles.define(this.accountProfile(account.id));
        // The sandbox, while on, stays in use; leaving it comes back to this window's account.
        if (!this.isSandbox && profiles.current !== this.liveMode) {
          profiles.use(this.liveMode);
          void this.syncAccountsPolling().catch((e: unknown) => log.warn(`Delivery polling: ${String(e)}`));
        }
      }),
    );
    this.core = new ProfileSession({
      dir: storageDir.fsPath,
      profiles,
      clientOptions: (endpoint, id) => ({
        ...clientOptions(endpoint.baseUrl, endpoint.token, !profiles.get(id).sandbox, this.baseUrlSettingOfProfile(id)),
        ...(endpoint.headers ? { headers: endpoint.headers } : {}),
      }),
      settings: () => {
        const config = readConfig();
        return { maxMessages: config.maxMessages, intervalSeconds: config.pollIntervalSeconds, giveUpAfterHours: config.giveUpAfterHours };
      },
      notices,
      watch: (dir, fileName, onChange) => {
        const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), fileName));
        watcher.onDidChange(onChange);
        watcher.onDidCreate(onChange);
        return watcher;
      },
      onFinal: (record) => this.finalReached.fire(record),
      log,
    });
    this._register(profiles.onDidChange((id) => this.modeChanged.fire(id)));
    this._register(this.core.histories.onDidChange((id) => this.historyChanged.fire(id)));
    this._register({ dispose: () => void this.close() });
  }

  get mode(): Mode {
    return this.core.current;
  }

  get isSandbox(): boolean {
    return this.core.current === SANDBOX_PROFILE;
  }

  /** This window's account (what a send goes to when the sandbox is off). */
  get account(): Account {
    return this.accounts.active;
  }

  /** The profile of this window's account. */
  get liveMode(): Mode {
    return profileIdOf(this.accounts.active.id);
  }

  /** Where the base URL of a profile's account is set, for the advice of its client's errors (undefined: the default). */
  private baseUrlSettingOfProfile(mode: Mode): string | undefined {
    const account = this.accountOf(mode);
    return account ? baseUrlSettingOf(account) : undefined;
  }

  /** The account a profile belongs to (undefined for the sandbox, or a removed account). */
  accountOf(mode: Mode): Account | undefined {
    return this.accounts.accounts.find((account) => profileIdOf(account.id) === mode);
  }

  /** True when the user has more than one account: the views then name the active one. */
  get severalAccounts(): boolean {
    return this.accounts.accounts.length > 1;
  }

  /** The sender a send uses unless told another: the active account's (the sandbox's is `keccel.sender`). */
  defaultSender(): string {
    return this.isSandbox ? readConfig().sender : this.accounts.active.sender;
  }

  get sandboxUrl(): string | undefined {
    return this.sandboxEndpoint?.baseUrl;
  }

  /** This window's send attempts whose answer has not come yet (marked interrupted if the window goes first). */
  get inFlight(): InFlightSends {
    return this.core.inFlight;
  }

  /** The parts of the send pipeline that the session owns (src/core/send/). */
  sendParts(): ReturnType<ProfileSession['sendParts']> {
    return this.core.sendParts();
  }

  /** Whether the current mode can talk to a gateway right now (a live token, or the running sandbox). */
  canSend(): boolean {
    return this.isSandbox ? this.sandboxEndpoint !== undefined : this.accounts.tokens(this.accounts.active).hasToken;
  }

  /**
   * Like canSend(), but waits for startup (the first read of the token, the sandbox restored or started by
   * `npm start`), so a command run in the first seconds does not say "no token" just before "Sandbox on".
   */
  hasCredentials(mode?: Mode): Promise<boolean> {
    return this.core.hasCredentials(mode);
  }

  /** Startup's work (extension.ts): hasCredentials waits for it; never rejects. */
  startupRunning(work: Promise<unknown>): void {
    this.core.startup.running(work);
  }

  /** Where a send would go now in a mode (the current one by default): undefined without credentials. */
  target(mode?: Mode): Promise<SendTarget | undefined> {
    return this.core.target(mode);
  }

  /** The current mode's client, or undefined when live mode has no token. */
  client(mode?: Mode): Promise<KeccelClient | undefined> {
    return this.core.client(mode);
  }

  /** The history store of a mode (current by default), opened on first call. */
  store(mode?: Mode): Promise<HistoryStore> {
    return this.core.store(mode);
  }

  /**
   * Starts (or keeps) delivery polling for a mode that has credentials; stops it for one that has none.
   * Opens that mode's history, so it is called after activation, never during it.
   */
  syncPolling(mode: Mode): Promise<void> {
    return this.core.syncPolling(mode);
  }

  /** Follows a just-sent message's delivery. */
  track(record: HistoryRecord, mode?: Mode): Promise<void> {
    return this.core.track(record, mode);
  }

  /** Checks the given (or every) pending message of the current mode now. */
  checkNow(ids?: string[]): Promise<DeliveryCheckSummary> {
    return this.core.checkNow(ids);
  }

  /** What the delivery poller of a mode (the current one by default) will do on its own (the test API reads it). */
  pollerActivity(mode?: Mode): PollerActivity {
    return this.core.pollerActivity(mode);
  }

  /** Applies changed settings to what already exists. */
  applySettings(): void {
    this.core.applySettings();
  }

  /** An account's token changed: rebuild or stop what depended on it. */
  async tokenChanged(): Promise<void> {
    await this.syncAccountsPolling();
  }

  /** Every account with a token follows its pending messages (this opens their histories); one without stops. */
  async syncAccountsPolling(): Promise<void> {
    for (const id of this.profiles.ids) {
      if (id !== SANDBOX_PROFILE) await this.core.syncPolling(id);
    }
  }

  /** `ownClientKey`: the sandbox's secret that marks this window's own requests to it (core/sandboxClient.ts). */
  async enterSandbox(baseUrl: string, token: string, ownClientKey?: string): Promise<void> {
    this.sandboxEndpoint = { baseUrl, token, ...(ownClientKey ? { headers: { [SANDBOX_CLIENT_HEADER]: ownClientKey } } : {}) };
    this.core.profiles.use(SANDBOX_PROFILE);
    await this.core.syncPolling(SANDBOX_PROFILE);
  }

  async leaveSandbox(): Promise<void> {
    this.sandboxEndpoint = undefined;
    await this.core.closeProfile(SANDBOX_PROFILE);
    this.core.profiles.use(this.liveMode);
  }

  /**
   * Deletes the history of a removed account: stops its poller, closes its store (a send still in flight is marked
   * interrupted first), then deletes its file. Refuses while an account with that id exists, so only a removed
   * account's history can go. Resolves to the names of the files deleted.
   */
  async deleteAccountHistory(accountId: string): Promise<string[]> {
    if (this.accounts.byId(accountId)) throw new Error('The history of an account that is still listed cannot be deleted.');
    await this.core.closeProfile(profileIdOf(accountId));
    return deleteAccountHistory(this.storageDir.fsPath, accountId);
  }

  private knows(accountId: string): boolean {
    return this.profiles.ids.includes(profileIdOf(accountId));
  }

  /** An account's profile: its token and gateway are looked up on every use, so a new token or URL applies at once. */
  private accountProfile(accountId: string) {
    const accounts = this.accounts;
    return {
      id: profileIdOf(accountId),
      historyFile: historyFileName(accountId),
      sandbox: false,
      endpoint: async () => {
        // A removed account sends nothing and checks nothing.
        const account = accounts.byId(accountId);
        const token = account && (await accounts.tokens(account).get());
        return account && token ? { baseUrl: account.baseUrl, token } : undefined;
      },
      account: () => accounts.byId(accountId)?.name,
    };
  }

  /**
   * The gateway of the current mode for "Diagnose Connection": its base URL (the sandbox's while it runs, else this
   * window's account's) and that account's token when one is stored. The token is for that base URL only.
   */
  async activeEndpoint(): Promise<{ mode: Mode; baseUrl: string; token?: string }> {
    await this.core.startup.passed();
    const mode = this.core.current;
    const endpoint = await this.core.profiles.endpoint(mode);
    const baseUrl = endpoint?.baseUrl ?? (mode === SANDBOX_PROFILE ? this.sandboxEndpoint?.baseUrl : undefined) ?? (this.accountOf(mode) ?? this.accounts.active).baseUrl;
    return { mode, baseUrl, ...(endpoint ? { token: endpoint.token } : {}) };
  }

  /**
   * Stops polling and closes every history; resolves once their queued writes have landed (deactivate awaits it,
   * with a bound). Later calls get the same promise.
   */
  close(): Promise<void> {
    return this.core.close();
  }
}
