// The built-in sandbox: the project's Keccel simulator, run inside the extension host on a free loopback port.
// Its bundle (dist/simulator.js) is required only here, on start, so users who never try it never load it.
// The simulator keeps its account and messages in globalStorage, and whether the sandbox is on is remembered, so
// a reload or a restart brings back the same sandbox: same balance, and sandbox messages still pending get
// their reports instead of "Unknown messageid".
import * as vscode from 'vscode';
import { Disposable } from './lifecycle';
import { describeError } from './log';
import type { ExtensionLog } from './log';
import type { Session } from './session';

type SimulatorModule = typeof import('../simulator/index');
type Simulator = InstanceType<SimulatorModule['KeccelSimulator']>;

/** globalState key: true while the user wants the sandbox (set by start, cleared by stop, kept across reloads). */
export const SANDBOX_ACTIVE_KEY = 'keccel.sandbox.active';
/** The simulator's state file in globalStorage. */
export const SANDBOX_STATE_FILE = 'sandbox-gateway.json';

export class Sandbox extends Disposable {
  private simulator: Simulator | undefined;
  private starting: Promise<string> | undefined;

  constructor(
    private readonly session: Session,
    private readonly log: ExtensionLog,
    private readonly storage: Pick<vscode.ExtensionContext, 'globalStorageUri' | 'globalState'>,
  ) {
    super();
    this._register({ dispose: () => void this.simulator?.stop() });
    this._register(
      session.onDidChangeMode((mode) => void vscode.commands.executeCommand('setContext', 'keccel.sandbox', mode === 'sandbox')),
    );
  }

  /** Starts the simulator (once) and switches the session to it. Resolves to its base URL. */
  start(): Promise<string> {
    if (this.session.sandboxUrl) return Promise.resolve(this.session.sandboxUrl);
    this.starting ??= this.doStart().finally(() => (this.starting = undefined));
    return this.starting;
  }

  /** Whether the user ever started or stopped the sandbox here (the remembered state has been written). */
  hasRememberedState(): boolean {
    return this.storage.globalState.get<boolean>(SANDBOX_ACTIVE_KEY) !== undefined;
  }

  /**
   * At startup: starts the sandbox again if it was on when the window closed. Resolves to its URL, or undefined
   * when it was off or could not start (logged; the window then stays live).
   */
  async restore(): Promise<string | undefined> {
    if (!this.storage.globalState.get<boolean>(SANDBOX_ACTIVE_KEY, false)) return undefined;
    try {
      const url = await this.start();
      this.log.info(`Sandbox restored at ${url}.`);
      return url;
    } catch (error) {
      this.log.error(`Sandbox could not be restored: ${describeError(error)}`);
      return undefined;
    }
  }

  /** For deactivate(): stops the simulator and waits for its last state write, leaving the mode remembered. */
  async shutdown(): Promise<void> {
    const simulator = this.simulator;
    this.simulator = undefined;
    await simulator?.stop();
  }

  private async doStart(): Promise<string> {
    // esbuild maps this path to the sibling bundle dist/simulator.js.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sim = require('../simulator/lazy') as SimulatorModule;
    await vscode.workspace.fs.createDirectory(this.storage.globalStorageUri);
    const stateFile = vscode.Uri.joinPath(this.storage.globalStorageUri, SANDBOX_STATE_FILE).fsPath;
    // The simulator's per-request lines go to trace; a state file it cannot read or write is a warning.
    const log = this.log;
    const logger = {
      trace: (l: string) => log.trace(l), info: (l: string) => log.trace(l), warn: (l: string) => log.warn(l), error: (l: string) => log.error(l),
    };
    const simulator = new sim.KeccelSimulator({ port: 0, token: sim.SANDBOX_TOKEN, stateFile, logger });
    const url = await simulator.start();
    this.simulator = simulator;
    this.log.addSecret(sim.SANDBOX_TOKEN);
    this.log.info(`Sandbox started at ${url}.`);
    await this.session.enterSandbox(url, sim.SANDBOX_TOKEN);
    await this.storage.globalState.update(SANDBOX_ACTIVE_KEY, true);
    return url;
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
    const simulator = this.simulator;
    this.simulator = undefined;
    await this.storage.globalState.update(SANDBOX_ACTIVE_KEY, false);
    if (this.session.isSandbox) await this.session.leaveSandbox();
    if (simulator) {
      await simulator.stop();
      this.log.info('Sandbox stopped.');
    }
  }
}
