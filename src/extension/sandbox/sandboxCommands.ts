// The sandbox's commands: start it (with the busy-port choice), hand its connection to an app, decide a message's
// outcome, push a delivery report again, failure injection and account states on demand. Each resolves as soon
// as its work is done; notifications are shown, never awaited (docs/architecture.md).
import * as vscode from 'vscode';
import type { CallbackPush, HistoryRecord } from '../../core/types';
import type { ChaosSettings } from '../../simulator/chaos';
import type { ExtensionLog } from '../platform/log';
import type { Session } from '../session/session';
import { pushErrorText } from './pushText';
import { SandboxPortBusyError, type Sandbox, type SandboxConnection } from './sandbox';
import { callbackUrlProblem, readSandboxConfig, SANDBOX_SECTION, SandboxSetting } from '../settings/sandboxSettings';
import { envLines } from './token';
import { chooseAccountState, chooseFailureInjection } from './chaosPicks';
import { showError, showInformation } from '../platform/notify';

const isObject = (arg: unknown): arg is Record<string, unknown> => !!arg && typeof arg === 'object';

/** The handlers of the sandbox's commands; commands/registerCommands.ts registers each under its id. */
export class SandboxCommands {
  constructor(
    private readonly sandbox: Sandbox,
    private readonly session: Session,
    private readonly log: ExtensionLog,
    /** After the account changed: the balance item shows the new state. */
    private readonly refreshBalance: () => void,
  ) {}

  /** `keccel.startSandbox`; `{freePort: true}` takes a free port this time instead of the setting's. */
  start(arg: unknown): Promise<SandboxConnection | undefined> {
    return this.startOn(isObject(arg) && arg.freePort === true);
  }

  async stop(): Promise<void> {
    const wasOn = this.session.isSandbox;
    await this.sandbox.stop();
    if (wasOn) void showInformation(vscode.l10n.t('Sandbox off: back to the live Keccel gateway.'));
  }

  async failureInjection(arg: unknown): Promise<ChaosSettings | undefined> {
    const settings = await chooseFailureInjection(arg);
    // At once, not only when the configuration event arrives: the next request already sees it.
    this.sandbox.applySettings();
    return settings;
  }

  /**
   * `keccel.sandbox.setCallbackUrl`: where the sandbox pushes delivery reports (your app's handler). A string or
   * `{url}` sets it without asking ('' clears it); else an input box, checked as you type. In the user settings:
   * a workspace cannot choose where the sandbox pushes (Restricted Mode). Resolves to the URL set, or undefined.
   */
  async setCallbackUrl(arg: unknown): Promise<string | undefined> {
    const given = typeof arg === 'string' ? arg : isObject(arg) && typeof arg.url === 'string' ? arg.url : undefined;
    let url: string | undefined;
    if (given !== undefined) {
      const problem = callbackUrlProblem(given);
      if (problem) {
        this.log.warn(`keccel.sandbox.setCallbackUrl: ${given}: ${problem}`);
        void showError(vscode.l10n.t('The callback URL was not set: {0}', problem));
        return undefined;
      }
      url = given.trim();
    } else {
      url = await vscode.window.showInputBox({
        title: vscode.l10n.t('Sandbox Callback URL'),
        prompt: vscode.l10n.t('Where the sandbox pushes each delivery report (GET <url>?messageID=…&status=DELIVERED or FAILED). Empty: no push.'),
        placeHolder: 'http://127.0.0.1:8000/keccel/report',
        value: readSandboxConfig().callbackUrl,
        ignoreFocusOut: true,
        validateInput: (text) => callbackUrlProblem(text),
      });
      if (url === undefined) return undefined;
      url = url.trim();
    }
    const config = vscode.workspace.getConfiguration(SANDBOX_SECTION);
    await config.update(SandboxSetting.callbackUrl, url === '' ? undefined : url, vscode.ConfigurationTarget.Global);
    this.sandbox.applySettings();
    this.log.info(url === '' ? 'Sandbox callback URL cleared.' : `Sandbox callback URL set: ${url}`);
    return url;
  }

  async account(arg: unknown): Promise<boolean | undefined> {
    const simulator = this.requireRunning();
    if (!simulator) return undefined;
    const changed = await chooseAccountState(simulator, arg);
    if (changed) this.refreshBalance();
    return changed;
  }

  showRequests(): void {
    this.sandbox.requests.show();
  }

  private async startOn(freePort: boolean): Promise<SandboxConnection | undefined> {
    let connection: SandboxConnection;
    try {
      connection = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Starting the Keccel sandbox…') },
        () => this.sandbox.start({ freePort }),
      );
    } catch (error) {
      if (error instanceof SandboxPortBusyError) {
        showPortBusy(error.port);
        return undefined;
      }
      throw error;
    }
    const copy = vscode.l10n.t('Copy Connection (.env)');
    void showInformation(
        vscode.l10n.t('Sandbox on: messages go to the built-in simulator ({0}). Nothing is really sent or charged.', connection.baseUrl),
        copy,
      )
      .then((choice) => choice === copy && void vscode.commands.executeCommand('keccel.copySandboxConnection'));
    return connection;
  }

  async copyConnection(): Promise<string | undefined> {
    const connection = this.sandbox.current;
    if (!connection) {
      showNotRunning();
      return undefined;
    }
    const text = envLines(connection);
    await vscode.env.clipboard.writeText(text);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Sandbox connection copied: KECCEL_BASE_URL and KECCEL_TOKEN.'), 5000);
    return text;
  }

  async mark(arg: unknown, status: 'DELIVERED' | 'FAILED'): Promise<void> {
    // The callback URL just set is the one pushed to, even before its configuration event has arrived.
    this.sandbox.applySettings();
    const simulator = this.requireRunning();
    if (!simulator) return;
    const messageId = await this.messageIdOf(arg);
    if (!messageId) return;
    if (!simulator.setOutcome(messageId, status)) {
      void showError(vscode.l10n.t('The sandbox has no message {0}: its outcome cannot be set.', messageId));
      return;
    }
    this.log.info(`Sandbox: message ${messageId} marked ${status}.`);
  }

  async pushAgain(arg: unknown): Promise<CallbackPush | undefined> {
    this.sandbox.applySettings();
    const simulator = this.requireRunning();
    if (!simulator) return undefined;
    const messageId = await this.messageIdOf(arg);
    if (!messageId) return undefined;
    if (!readSandboxConfig().callbackUrl) {
      const open = vscode.l10n.t('Open Settings');
      void showError(vscode.l10n.t('No callback URL is set: set keccel.sandbox.callbackUrl to the address of your delivery-report handler.'), open)
        .then((choice) => choice === open && void vscode.commands.executeCommand('workbench.action.openSettings', `${SANDBOX_SECTION}.${SandboxSetting.callbackUrl}`));
      return undefined;
    }
    const push = await simulator.pushAgain(messageId);
    if (!push) {
      void showInformation(vscode.l10n.t('Message {0} has no final status yet: there is no delivery report to push.', messageId));
      return undefined;
    }
    // A failed push is already shown by the recorder, with its own button.
    if (!push.error) void vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Delivery report of {0} pushed: HTTP {1}.', messageId, push.httpStatus ?? 0), 5000);
    else this.log.warn(`Push again for ${messageId}: ${pushErrorText(push)}`);
    return push;
  }

  private requireRunning() {
    const simulator = this.sandbox.running;
    if (!simulator) showNotRunning();
    return simulator;
  }

  /** The gateway id of the message an argument designates: a tree node, a record, `{messageId}` or `{id}`. */
  private async messageIdOf(arg: unknown): Promise<string | undefined> {
    if (isObject(arg) && typeof arg.messageId === 'string' && arg.messageId) return arg.messageId;
    const o = isObject(arg) ? (arg as { record?: HistoryRecord; id?: unknown; recordId?: unknown }) : {};
    const id = o.record?.id ?? o.recordId ?? o.id;
    const record = typeof id === 'string' ? (await this.session.store('sandbox')).get(id) : undefined;
    if (!record) {
      void showError(vscode.l10n.t('This message is no longer in the history.'));
      return undefined;
    }
    if (!record.sandbox || !record.messageId) {
      void showError(vscode.l10n.t('Only a sandbox message the sandbox accepted has an outcome to set.'));
      return undefined;
    }
    return record.messageId;
  }
}

/** The busy-port error: names the port and the setting, offers a free port for this time only, changes nothing. */
export function showPortBusy(port: number): void {
  const free = vscode.l10n.t('Use a Free Port This Time');
  const open = vscode.l10n.t('Open Settings');
  void showError(
      vscode.l10n.t(
        'The sandbox cannot start: port {0} is already in use (setting keccel.sandbox.port). Another sandbox or keccel-sim may be running there.',
        port,
      ),
      free,
      open,
    )
    .then((choice) => {
      if (choice === free) void vscode.commands.executeCommand('keccel.startSandbox', { freePort: true });
      else if (choice === open) void vscode.commands.executeCommand('workbench.action.openSettings', `${SANDBOX_SECTION}.${SandboxSetting.port}`);
    });
}

function showNotRunning(): void {
  const start = vscode.l10n.t('Start Sandbox');
  void showError(vscode.l10n.t('The sandbox is not running.'), start)
    .then((choice) => choice === start && void vscode.commands.executeCommand('keccel.startSandbox'));
}
