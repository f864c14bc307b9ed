// The built-in sandbox: the project's Keccel simulator, run inside the extension host on a stable loopback port
// (`keccel.sandbox.port`, 8787 by default) with a stable per-installation token, so an app's `.env` stays valid.
// Its bundle (dist/simulator.js) is required only here, on start, so users who never try it never load it.
// The simulator keeps its account and messages in globalStorage, and whether the sandbox is on is remembered, so
// a reload or a restart brings back the same sandbox: same balance, and sandbox messages still pending get
// their reports instead of "Unknown messageid".
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { Balance } from '../../core/types';
import { Disposable } from '../platform/lifecycle';
import { describeError } from '../platform/log';
import type { ExtensionLog } from '../platform/log';
import type { Session } from '../session/session';
import { SandboxRecorder } from './recorder';
import { RequestsChannel } from './requestsChannel';
import { readSandboxConfig, usableCallbackUrl } from '../settings/sandboxSettings';
import { sandboxToken } from './token';

type SimulatorModule = typeof import('../../simulator/index');
export type Simulator = InstanceType<SimulatorModule['KeccelSimulator']>;

/** globalState key: true while the user wants the sandbox (set by start, cleared by stop, kept across reloads). */
export const SANDBOX_ACTIVE_KEY = 'keccel.sandbox.active';
/** The simulator's state file in globalStorage. */
export const SANDBOX_STATE_FILE = 'sandbox-gateway.json';

/** What an app needs to reach the running sandbox (`keccel.startSandbox` returns it). */
export interface SandboxConnection {
  baseUrl: string;
  token: string;
}

/** The port of `keccel.sandbox.port` is taken: nothing was started, and no other port was tried. */
export class SandboxPortBusyError extends Error {
  constructor(readonly port: number) {
    super(`Port ${port} (keccel.sandbox.port) is already in use.`);
    this.name = 'SandboxPortBusyError';
  }
}

/** Requests the sandbox refused since it started (no token, a web page's, too large), for the Messages view. */
export interface SandboxRefusals {
  count: number;
  /** ISO time of the last one. */
  lastAt?: string;
}

/**
 * How long the sandbox gathers account changes before telling them: a burst of app sends moves the status bar
 * once, with the last balance, the way the recorder writes a burst in one batch.
 */
export const ACCOUNT_COALESCE_MS = 250;

export interface StartOptions {
  /** Any free port this time, whatever the setting says (the busy-port error's button). */
  freePort?: boolean;
}

export class Sandbox extends Disposable {
  private simulator: Simulator | undefined;
  private recorder: SandboxRecorder | undefined;
  private connection: SandboxConnection | undefined;
  private starting: Promise<SandboxConnection> | undefined;
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** The sandbox started, stopped, or its failure injection changed. */
  readonly onDidChange = this.changed.event;
  private readonly accountChanged = this._register(new vscode.EventEmitter<Balance>());
  /**
   * The running sandbox's account changed (a send from any client debited it, or it was set): its balance, read
   * in-process, at most once per ACCOUNT_COALESCE_MS. No request is made for it.
   */
  readonly onDidChangeAccount = this.accountChanged.event;
  private accountWatch: { dispose(): void } | undefined;
  private accountTimer: NodeJS.Timeout | undefined;
  readonly requests: RequestsChannel;

  constructor(
    private readonly session: Session,
    private readonly log: ExtensionLog,
    private readonly storage: Pick<vscode.ExtensionContext, 'globalStorageUri' | 'globalState'>,
  ) {
    super();
    this.requests = this._register(new RequestsChannel(log));
    this._register({ dispose: () => void this.shutdown() });
    this._register(
      session.onDidChangeMode((mode) => void vscode.commands.executeCommand('setContext', 'keccel.sandbox', mode === 'sandbox')),
    );
  }

  /** Requests refused since the sandbox started (the recorder counts them). */
  get refusals(): SandboxRefusals {
    return this.recorder?.refusals ?? { count: 0 };
  }

  /** The running simulator, for the sandbox commands (mark delivered, account, failure injection). */
  get running(): Simulator | undefined {
    return this.simulator;
  }

  get current(): SandboxConnection | undefined {
    return this.connection;
  }

  /** Starts the simulator (once) and switches the session to it. Resolves to its connection. */
  start(options: StartOptions = {}): Promise<SandboxConnection> {
    if (this.connection && this.session.sandboxUrl) return Promise.resolve(this.connection);
    this.starting ??= this.doStart(options).finally(() => (this.starting = undefined));
    return this.starting;
  }

  /** Whether the user ever started or stopped the sandbox here (the remembered state has been written). */
  hasRememberedState(): boolean {
    return this.storage.globalState.get<boolean>(SANDBOX_ACTIVE_KEY) !== undefined;
  }

  /**
   * At startup: starts the sandbox again if it was on when the window closed. Resolves to its connection, or
   * undefined when it was off or could not start (logged, and handed to `onError` to show; the window then stays
   * live).
   */
  async restore(onError?: (error: unknown) => void): Promise<SandboxConnection | undefined> {
    if (!this.storage.globalState.get<boolean>(SANDBOX_ACTIVE_KEY, false)) return undefined;
    try {
      const connection = await this.start();
      this.log.info(`Sandbox restored at ${connection.baseUrl}.`);
      return connection;
    } catch (error) {
      this.log.error(`Sandbox could not be restored: ${describeError(error)}`);
      onError?.(error);
      return undefined;
    }
  }

  /** Applies changed `keccel.sandbox.*` settings to the running simulator (the port waits for the next start). */
  applySettings(): void {
    const simulator = this.simulator;
    if (!simulator) return;
    const config = readSandboxConfig();
    simulator.setCallbackUrl(usableCallbackUrl(config.callbackUrl));
    simulator.setDeliveryDelayMs(config.autoDeliver ? config.deliveryDelaySeconds * 1000 : null);
    simulator.chaos.set(config.chaos);
    this.changed.fire();
  }

  /** For deactivate(): stops the simulator and waits for its last state write, leaving the mode remembered. */
  async shutdown(): Promise<void> {
    this.unwatchAccount();
    const simulator = this.simulator;
    this.simulator = undefined;
    this.connection = undefined;
    await this.recorder?.close();
    this.recorder = undefined;
    await simulator?.stop();
  }

  private async doStart(options: StartOptions): Promise<SandboxConnection> {
    // esbuild maps this path to the sibling bundle dist/simulator.js.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sim = require('../../simulator/lazy') as SimulatorModule;
    await vscode.workspace.fs.createDirectory(this.storage.globalStorageUri);
    const stateFile = vscode.Uri.joinPath(this.storage.globalStorageUri, SANDBOX_STATE_FILE).fsPath;
    const token = await sandboxToken(this.storage.globalState);
    this.log.addSecret(token);
    // Marks this window's own requests to the sandbox; an app cannot copy it as it can the User-Agent.
    const ownClientKey = randomBytes(16).toString('hex');
    this.log.addSecret(ownClientKey);
    const config = readSandboxConfig();
    const port = options.freePort ? 0 : config.port;
    // The simulator's state file it cannot read or write is a warning; its request lines go to the Keccel
    // Sandbox channel (requestsChannel.ts), not to the extension's log.
    const log = this.log;
    const logger = {
      trace: (l: string) => log.trace(l), info: (l: string) => log.trace(l), warn: (l: string) => log.warn(l), error: (l: string) => log.error(l),
    };
    const simulator = new sim.KeccelSimulator({
      port,
      token,
      stateFile,
      logger,
      callbackUrl: usableCallbackUrl(config.callbackUrl),
      deliveryDelayMs: config.autoDeliver ? config.deliveryDelaySeconds * 1000 : null,
      chaos: config.chaos,
      ownClientKey,
    });
    let baseUrl: string;
    try {
      baseUrl = await simulator.start();
    } catch (error) {
      await simulator.stop().catch(() => undefined);
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new SandboxPortBusyError(port);
      throw error;
    }
    this.simulator = simulator;
    this.watchAccount(simulator);
    this.requests.describe = sim.describeEntry;
    this.requests.describePushLine = sim.describePush;
    this.recorder = new SandboxRecorder(simulator, this.session, this.log, this.requests, () => this.changed.fire());
    this.connection = { baseUrl, token };
    this.log.info(`Sandbox started at ${baseUrl}.`);
    this.requests.started(baseUrl);
    await this.session.enterSandbox(baseUrl, token, ownClientKey);
    await this.storage.globalState.update(SANDBOX_ACTIVE_KEY, true);
    this.changed.fire();
    return this.connection;
  }

  /**
   * The code the running sandbox last sent to a number by its OTP endpoint, read in-process (the live gateway
   * never tells a code; the sandbox shows it so the developer can type it into the app under test).
   */
  currentOtp(to: string): { code: string; messageId: string; createdAt: number } | undefined {
    return this.simulator?.currentOtp(to);
  }

  /** Switches back to live and stops the simulator. */
  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    this.unwatchAccount();
    const simulator = this.simulator;
    this.simulator = undefined;
    this.connection = undefined;
    await this.storage.globalState.update(SANDBOX_ACTIVE_KEY, false);
    await this.recorder?.close();
    this.recorder = undefined;
    if (this.session.isSandbox) await this.session.leaveSandbox();
    if (simulator) {
      await simulator.stop();
      this.log.info('Sandbox stopped.');
    }
    this.changed.fire();
  }

  /** Tells onDidChangeAccount the simulator's account after each burst of changes (the last value of the burst). */
  private watchAccount(simulator: Simulator): void {
    this.unwatchAccount();
    this.accountWatch = simulator.onAccountChange(() => {
      this.accountTimer ??= setTimeout(() => {
        this.accountTimer = undefined;
        if (this.simulator !== simulator) return;
        const { balance, expiration, status } = simulator.control.account();
        this.accountChanged.fire({ balance, expiration, status });
      }, ACCOUNT_COALESCE_MS);
    });
  }

  private unwatchAccount(): void {
    this.accountWatch?.dispose();
    this.accountWatch = undefined;
    if (this.accountTimer) clearTimeout(this.accountTimer);
    this.accountTimer = undefined;
  }
}
