// The built-in sandbox: the project's Keccel simulator, run inside the extension host on a free loopback port.
// Its bundle (dist/simulator.js) is required only here, on start, so users who never try it never load it.
import * as vscode from 'vscode';
import { Disposable } from './lifecycle';
import type { ExtensionLog } from './log';
import type { Session } from './session';

type SimulatorModule = typeof import('../simulator/index');
type Simulator = InstanceType<SimulatorModule['KeccelSimulator']>;

export class Sandbox extends Disposable {
  private simulator: Simulator | undefined;
  private starting: Promise<string> | undefined;

  constructor(
    private readonly session: Session,
    private readonly log: ExtensionLog,
  ) {
    super();
    this._register({ dispose: () => void this.simulator?.stop() });
    this._register(
      session.onDidChangeMode((mode) => void vscode.commands.executeCommand('setContext', 'keccel.sandbox', mode === 'sandbox')),
    );
  }

  get url(): string | undefined {
    return this.session.sandboxUrl;
  }

  /** Starts the simulator (once) and switches the session to it. Resolves to its base URL. */
  start(): Promise<string> {
    if (this.session.sandboxUrl) return Promise.resolve(this.session.sandboxUrl);
    this.starting ??= this.doStart().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async doStart(): Promise<string> {
    // esbuild maps this path to the sibling bundle dist/simulator.js.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sim = require('../simulator/lazy') as SimulatorModule;
    const simulator = new sim.KeccelSimulator({ port: 0, token: sim.SANDBOX_TOKEN });
    const url = await simulator.start();
    this.simulator = simulator;
    this.log.addSecret(sim.SANDBOX_TOKEN);
    this.log.info(`Sandbox started at ${url}.`);
    await this.session.enterSandbox(url, sim.SANDBOX_TOKEN);
    return url;
  }

  /** Switches back to live and stops the simulator. */
  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const simulator = this.simulator;
    this.simulator = undefined;
    if (this.session.isSandbox) await this.session.leaveSandbox();
    if (simulator) {
      await simulator.stop();
      this.log.info('Sandbox stopped.');
    }
  }
}
