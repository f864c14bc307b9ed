// The current mode (live or sandbox) and, for each mode, its gateway client, history store and delivery poller,
// all created on first need: activation touches none of them (docs/performance.md). Live and sandbox each have their
// own history file, so sandbox messages never mix with real ones; the live poller keeps following real messages
// while the sandbox is on.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { hostOf, isLiveGateway } from '../../core/baseUrl';
import { KeccelClient } from '../../core/client';
import type { HistoryCorruptError } from '../../core/history/errors';
import { showHistoryDamage } from '../history/damageNotice';
import { HistoryStore } from '../../core/history/store';
import { OrphanSweeper } from '../../core/orphanSweeper';
import { DeliveryPoller, type DeliveryCheckSummary } from '../../core/poller';
import { systemClock, type HistoryRecord } from '../../core/types';
import { clientOptions, readConfig } from '../settings/config';
import { Disposable } from '../platform/lifecycle';
import { InFlightSends } from './inFlightSends';
import { describeError, type ExtensionLog } from '../platform/log';
import type { TokenStore } from '../token/tokenStore';
import { showWarning } from '../platform/notify';

export type Mode = 'live' | 'sandbox';

export const LIVE_HISTORY_FILE = 'history.jsonl';
export const SANDBOX_HISTORY_FILE = 'sandbox-history.jsonl';

/**
 * How many of the newest records are looked at for interrupted sends when a history opens. An attempt whose window
 * died is seen by every window open at the time (through its change event) and marked at its deadline (about a
 * minute after it was written with the default timeout, under five minutes with the longest). One that no window
 * marked is followed only by the sends made before its deadline, so it is among the newest when a history opens.
 */
const ORPHAN_SCAN_DEPTH = 100;
/** A change of more records than this (another window's compaction) is not an attempt being written. */
const ORPHAN_CHANGE_LIMIT = 50;

interface Endpoint {
  baseUrl: string;
  token: string;
}

/** Everything one mode owns. */
class Profile {
  store?: Promise<HistoryStore>;
  storeSubscription?: { dispose(): void };
  client?: { key: string; client: KeccelClient };
  poller?: DeliveryPoller;

  constructor(
    readonly mode: Mode,
    readonly fileName: string,
  ) {}
}

export class Session extends Disposable {
  private currentMode: Mode = 'live';
  private closing: Promise<void> | undefined;
  private startup: Promise<void> = Promise.resolve();
  private sandboxEndpoint: Endpoint | undefined;
  private readonly profiles: Record<Mode, Profile> = {
    live: new Profile('live', LIVE_HISTORY_FILE),
    sandbox: new Profile('sandbox', SANDBOX_HISTORY_FILE),
  };

  private readonly modeChanged = this._register(new vscode.EventEmitter<Mode>());
  readonly onDidChangeMode = this.modeChanged.event;
  private readonly historyChanged = this._register(new vscode.EventEmitter<Mode>());
  /** A history store changed (a send, a delivery update, a deletion...); carries the mode of that store. */
  readonly onDidChangeHistory = this.historyChanged.event;
  /** This window's send attempts whose answer has not come yet (marked interrupted if the window goes first). */
  readonly inFlight: InFlightSends;
  private readonly finalReached = this._register(new vscode.EventEmitter<HistoryRecord>());
  /** A tracked message reached a final delivery state (delivered, failed, expired). */
  readonly onDidReachFinal = this.finalReached.event;

  constructor(
    private readonly storageDir: vscode.Uri,
    private readonly tokens: TokenStore,
    private readonly log: ExtensionLog,
  ) {
    super();
    this.inFlight = new InFlightSends(log);
    this._register({ dispose: () => this.shutdown() });
  }

  get mode(): Mode {
    return this.currentMode;
  }

  get isSandbox(): boolean {
    return this.currentMode === 'sandbox';
  }

  get sandboxUrl(): string | undefined {
    return this.sandboxEndpoint?.baseUrl;
  }

  /** Whether the current mode can talk to a gateway right now (a live token, or the running sandbox). */
  canSend(): boolean {
    return this.isSandbox ? this.sandboxEndpoint !== undefined : this.tokens.hasToken;
  }

  /**
   * Like canSend(), but waits for startup (the first read of the token, the sandbox restored or started by
   * `npm start`), so a command run in the first seconds does not say "no token" just before "Sandbox on".
   */
  async hasCredentials(mode?: Mode): Promise<boolean> {
    await this.startup;
    return (await this.endpoint(mode ?? this.currentMode)) !== undefined;
  }

  /** Startup's work (extension.ts): hasCredentials waits for it; never rejects. */
  startupRunning(work: Promise<unknown>): void {
    this.startup = work.then(
      () => undefined,
      () => undefined,
    );
  }

  /** The current mode's client, or undefined when live mode has no token. */
  async client(mode: Mode = this.currentMode): Promise<KeccelClient | undefined> {
    const endpoint = await this.endpoint(mode);
    if (!endpoint) return undefined;
    const profile = this.profiles[mode];
    const options = clientOptions(endpoint.baseUrl, endpoint.token, mode === 'live');
    // Any change of what the client was built with gives a new client; the old one's connections are closed.
    const key = JSON.stringify([options.baseUrl, options.token, options.timeoutMs, options.proxyUrl]);
    if (profile.client?.key !== key) {
      void profile.client?.client.close();
      profile.client = { key, client: new KeccelClient({ ...options, logger: this.log }) };
      // Anything but the live gateway is named, so a user can see in the log where the token goes.
      const live = isLiveGateway(options.baseUrl);
      this.log.info(`Gateway (${mode}): ${hostOf(options.baseUrl)}${live ? '' : `, not the live Keccel gateway (${options.baseUrl})`}.`);
    }
    return profile.client.client;
  }

  /** The history store of a mode (current by default), opened on first call. */
  store(mode: Mode = this.currentMode): Promise<HistoryStore> {
    const profile = this.profiles[mode];
    if (!profile.store) {
      const opening = this.openStore(profile);
      profile.store = opening;
      // A failed open must not stick: the next call tries again (the user may fix or delete the file).
      opening.catch(() => {
        if (profile.store === opening) profile.store = undefined;
      });
    }
    return profile.store;
  }

  private async openStore(profile: Profile): Promise<HistoryStore> {
    await vscode.workspace.fs.createDirectory(this.storageDir);
    const store = await HistoryStore.open({
      dir: this.storageDir.fsPath,
      fileName: profile.fileName,
      maxMessages: readConfig().maxMessages,
      logger: this.log,
    });
    // Attempts another window (or a previous life of this one) left in flight: see core/orphanSweeper.ts.
    const sweeper = new OrphanSweeper(store, systemClock, this.log);
    const subscription = store.onDidChange((e) => {
      if (e.corruption) this.reportCorruption(e.corruption);
      if (e.damage) showHistoryDamage(e.damage);
      if (e.ids.length <= ORPHAN_CHANGE_LIMIT) {
        void sweeper.check(e.ids.filter((id) => !this.inFlight.has(id)).map((id) => store.get(id)));
      }
      this.historyChanged.fire(profile.mode);
    });
    // Another window may write the same file (it sends or its poller updates a record): follow it.
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(this.storageDir, profile.fileName));
    let debounce: NodeJS.Timeout | undefined;
    const reload = () => {
      clearTimeout(debounce);
      debounce = setTimeout(() => void store.reload().catch((e) => this.log.warn(`History reload: ${describeError(e)}`)), 200);
    };
    watcher.onDidChange(reload);
    watcher.onDidCreate(reload);
    profile.storeSubscription = {
      dispose: () => {
        clearTimeout(debounce);
        watcher.dispose();
        subscription.dispose();
        sweeper.dispose();
      },
    };
    if (store.corruption) this.reportCorruption(store.corruption);
    if (store.damage) showHistoryDamage(store.damage);
    void sweeper.check(store.page(0, ORPHAN_SCAN_DEPTH).filter((r) => !this.inFlight.has(r.id)));
    this.log.info(`History opened: ${path.join(this.storageDir.fsPath, profile.fileName)} (${store.size} messages).`);
    return store;
  }

  /**
   * Starts (or keeps) delivery polling for a mode that has credentials; stops it for one that has none.
   * Opens that mode's history, so it is called after activation, never during it.
   */
  async syncPolling(mode: Mode): Promise<void> {
    const profile = this.profiles[mode];
    const endpoint = await this.endpoint(mode);
    if (!endpoint) {
      profile.poller?.dispose();
      profile.poller = undefined;
      return;
    }
    if (profile.poller) return;
    const store = await this.store(mode);
    if (profile.poller || !(await this.endpoint(mode))) return;
    const config = readConfig();
    const poller = new DeliveryPoller({
      store,
      // The client is looked up on every check, so a new token or setting reaches the poller without a restart.
      checker: {
        delivery: async (messageId: string, from: string) => {
          const client = await this.client(mode);
          if (!client) throw new Error('No API token.');
          return client.delivery(messageId, from);
        },
      },
      intervalSeconds: config.pollIntervalSeconds,
      giveUpAfterHours: config.giveUpAfterHours,
      logger: this.log,
      onFinal: (record: HistoryRecord) => this.finalReached.fire(record),
    });
    profile.poller = poller;
    poller.start();
  }

  /** Follows a just-sent message's delivery. */
  async track(record: HistoryRecord, mode: Mode = this.currentMode): Promise<void> {
    await this.syncPolling(mode);
    this.profiles[mode].poller?.track(record);
  }

  /** Checks the given (or every) pending message of the current mode now. */
  async checkNow(ids?: string[]): Promise<DeliveryCheckSummary> {
    await this.syncPolling(this.currentMode);
    const poller = this.profiles[this.currentMode].poller;
    if (!poller) throw new Error('No API token.');
    return poller.checkNow(ids);
  }

  /** Applies changed settings to what already exists. */
  applySettings(): void {
    const config = readConfig();
    for (const profile of Object.values(this.profiles)) {
      profile.poller?.updateSettings({
        intervalSeconds: config.pollIntervalSeconds,
        giveUpAfterHours: config.giveUpAfterHours,
      });
      void profile.store?.then((store) => store.setMaxMessages(config.maxMessages)).catch(() => undefined);
    }
  }

  /** The live token changed: rebuild or stop what depended on it. */
  async tokenChanged(): Promise<void> {
    await this.syncPolling('live');
  }

  async enterSandbox(baseUrl: string, token: string): Promise<void> {
    this.sandboxEndpoint = { baseUrl, token };
    this.currentMode = 'sandbox';
    this.modeChanged.fire('sandbox');
    await this.syncPolling('sandbox');
  }

  async leaveSandbox(): Promise<void> {
    this.sandboxEndpoint = undefined;
    await this.closeProfile(this.profiles.sandbox);
    this.currentMode = 'live';
    this.modeChanged.fire('live');
  }

  private reportCorruption(error: HistoryCorruptError): void {
    this.log.error(error.message);
    void showWarning(
      vscode.l10n.t(
        'The Keccel history file was unreadable ({0}). It was kept as {1} and a new history was started.',
        error.reason,
        error.setAsidePath,
      ),
    );
  }

  /**
   * The gateway of the current mode for "Diagnose Connection": its base URL (the sandbox's while it runs, else
   * keccel.apiBaseUrl) and its token when one is stored. The token is for that base URL only.
   */
  async activeEndpoint(): Promise<{ mode: Mode; baseUrl: string; token?: string }> {
    await this.startup;
    const mode = this.currentMode;
    const endpoint = await this.endpoint(mode);
    return { mode, baseUrl: endpoint?.baseUrl ?? readConfig().apiBaseUrl, ...(endpoint ? { token: endpoint.token } : {}) };
  }

  private async endpoint(mode: Mode): Promise<Endpoint | undefined> {
    if (mode === 'sandbox') return this.sandboxEndpoint;
    const token = await this.tokens.get();
    return token ? { baseUrl: readConfig().apiBaseUrl, token } : undefined;
  }

  private async closeProfile(profile: Profile): Promise<void> {
    // Queued on the store now, before its close() below: the answers of these sends will never be recorded here.
    const interrupted = this.inFlight.interrupt(profile.mode);
    const poller = profile.poller;
    profile.poller = undefined;
    poller?.dispose();
    // A check already in flight writes its answer to the store: let it land before the store closes.
    await poller?.whenIdle().catch(() => undefined);
    const client = profile.client?.client;
    profile.client = undefined;
    profile.storeSubscription?.dispose();
    profile.storeSubscription = undefined;
    const store = profile.store;
    profile.store = undefined;
    await interrupted;
    await Promise.allSettled([client?.close(), store?.then((s) => s.close())]);
  }

  /**
   * Stops polling and closes both histories; resolves once their queued writes have landed (deactivate awaits
   * it, with a bound). Later calls get the same promise.
   */
  close(): Promise<void> {
    this.closing ??= Promise.all(Object.values(this.profiles).map((profile) => this.closeProfile(profile))).then(() => undefined);
    return this.closing;
  }

  private shutdown(): void {
    void this.close();
  }
}
