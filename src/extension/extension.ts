// Activation wires the pieces together and returns at once: no history read, no HTTP client, no network call
// inside activate() (docs/performance.md). The token lookup, the first balance refresh and the resumed delivery
// polling run right after activate() has returned.
import * as vscode from 'vscode';
import { settleWithin } from '../core/bounded';
import { SendPipeline } from '../core/send/pipeline';
import type { HistoryRecord } from '../core/types';
import type { KeccelApi, TreeRowSnapshot } from './api';
import { BalanceStatusBar } from './balance/balanceStatusBar';
import { registerCommands } from './commands/registerCommands';
import { registerComposer, type Composer } from './composer/openComposer';
import { ComposerBridge } from './composer/composerBridge';
import { DetailsPanels } from './details/panel';
import { affects, readConfig, Setting } from './settings/config';
import { notifyFinal } from './tree/finalNotice';
import { GatewayGuard } from './settings/gatewayGuard';
import { ExtensionLog, describeError } from './platform/log';
import { OtpService } from './otp/otpService';
import { showPortBusy } from './sandbox/sandboxCommands';
import { Sandbox, SandboxPortBusyError } from './sandbox/sandbox';
import { affectsSandbox } from './settings/sandboxSettings';
import { followSandbox } from './sandbox/viewMessage';
import { pipelineNotices, SendService } from './send/sendService';
import { historyNotices } from './history/historyNotices';
import { Session } from './session/session';
import { markdownToPlain } from './wording/strings';
import { TokenStore } from './token/tokenStore';
import { registerDiagnosis } from './diagnose/register';
import { offerWalkthroughOnce, registerWalkthrough } from './walkthrough/register';
import { MessageFilter } from './tree/filterCommand';
import { MessagesProvider, type MessageNode } from './tree/messagesProvider';
import { registerSmsTexts } from './texts';

/** For deactivate(): the sandbox's last state write and the queued history writes must land first. */
let activeSandbox: Sandbox | undefined;
let activeSession: Session | undefined;

/** How long deactivate() waits for queued history writes (one stuck behind another window's lock gives way). */
const HISTORY_FLUSH_MS = 2_000;

type Push = <T extends vscode.Disposable>(disposable: T) => T;

/** The long-lived objects everything else is built on; none reads a secret, a file or the network yet. */
interface Services {
  log: ExtensionLog;
  tokens: TokenStore;
  session: Session;
  guard: GatewayGuard;
  sandbox: Sandbox;
  balance: BalanceStatusBar;
}

interface MessagesView {
  provider: MessagesProvider;
  view: vscode.TreeView<MessageNode>;
  filter: MessageFilter;
  /** Focuses the Messages view and selects the record's row (paging to it if needed). */
  revealRecord(id: string): Promise<void>;
  /** How many times the tree was told to refresh (for the test-facing API). */
  treeRefreshes(): number;
}

/** The ways to send and to look at a message: the send pipelines, the details page and the composer. */
interface Senders {
  sendService: SendService;
  otp: OtpService;
  details: DetailsPanels;
  composer: Composer;
}

export function activate(context: vscode.ExtensionContext): KeccelApi {
  const started = performance.now();
  const push: Push = (disposable) => {
    context.subscriptions.push(disposable);
    return disposable;
  };
  const services = createServices(context, push);
  const messages = createMessagesView(services, push);
  const senders = createSenders(context, services, messages, push);
  const { tokens, session, sandbox, balance, log } = services;
  const { provider, filter, view } = messages;
  const smsTexts = registerSmsTexts(tokens, log);
  for (const d of smsTexts.disposables) push(d);
  const diagnosis = registerDiagnosis(context, session, log);
  const walkthrough = registerWalkthrough(context, session);
  const guides = { diagnose: diagnosis.run, openWalkthrough: walkthrough.open };
  for (const d of registerCommands({ tokens, session, sandbox, balance, provider, filter, view, log, ...senders, texts: smsTexts.commands, guides })) push(d);
  followChanges(services, messages, push);
  const activationTimeMs = performance.now() - started;
  startAfterActivation(services, activationTimeMs);
  // After activate() has returned, like the rest of the startup: the walkthrough's one opening after the install.
  setTimeout(() => offerWalkthroughOnce(context, log), 0);
  return { ...testFacingApi(activationTimeMs, services, messages, senders), diagnosisReport: () => diagnosis.panel.current, walkthrough: walkthrough.state };
}

function createServices(context: vscode.ExtensionContext, push: Push): Services {
  const log = push(new ExtensionLog());
  const tokens = push(new TokenStore(context.secrets));
  const session = push(new Session(context.globalStorageUri, tokens, log, historyNotices));
  activeSession = session;
  const guard = push(new GatewayGuard(log));
  const sandbox = push(new Sandbox(session, log, context));
  activeSandbox = sandbox;
  const balance = push(new BalanceStatusBar(session, log));
  // The sandbox's credit follows its own account in-process (sends of any client), one update per burst.
  push(sandbox.onDidChangeAccount((account) => balance.showSandboxAccount(account)));
  return { log, tokens, session, guard, sandbox, balance };
}

function createMessagesView({ session, sandbox, log }: Services, push: Push): MessagesView {
  const provider = push(new MessagesProvider(session, log));
  // Several rows can be selected: Delete (the key or the menu) then removes them all, after one confirmation.
  const view = push(vscode.window.createTreeView('keccel.messages', { treeDataProvider: provider, canSelectMany: true }));
  const filter = push(new MessageFilter(provider, view));
  provider.setVisible(view.visible);
  push(view.onDidChangeVisibility((e) => provider.setVisible(e.visible)));
  let treeRefreshes = 0;
  push(provider.onDidChangeTreeData(() => treeRefreshes++));
  // The rows of the sandbox history carry no marker of their own: the view's title says which history it shows
  // (a description would not show: with one view the side bar title is "Keccel SMS: <view title>").
  push(
    session.onDidChangeMode((mode) => (view.title = mode === 'sandbox' ? vscode.l10n.t('Sandbox') : vscode.l10n.t('Messages'))),
  );
  push(followSandbox(view, sandbox, session));

  const revealRecord = async (id: string): Promise<void> => {
    await vscode.commands.executeCommand('keccel.messages.focus');
    const node = await provider.nodeOf(id);
    if (node) await view.reveal(node, { select: true, focus: true });
  };
  return { provider, view, filter, revealRecord, treeRefreshes: () => treeRefreshes };
}

function createSenders(
  context: vscode.ExtensionContext,
  { session, sandbox, balance, tokens, log }: Services,
  { revealRecord }: MessagesView,
  push: Push,
): Senders {
  const pipeline = new SendPipeline({
    ...session.sendParts(),
    keepText: () => readConfig().storeMessageText,
    afterSend: () => void balance.refresh(false),
    notices: pipelineNotices(),
    log,
  });
  const sendHooks = { revealRecord };
  const sendService = new SendService(session, pipeline, log, sendHooks);
  const otp = new OtpService(session, pipeline, sandbox, sendService, log, sendHooks);
  const details = push(new DetailsPanels(context.extensionUri, session));
  const bridge = push(new ComposerBridge(session, tokens, sendService, log, revealRecord));
  const composer = push(registerComposer(context, bridge));
  return { sendService, otp, details, composer };
}

/** What follows events from elsewhere: a final delivery state, the token set in any window, a changed setting. */
function followChanges({ session, tokens, sandbox, balance, log }: Services, { revealRecord }: MessagesView, push: Push): void {
  push(
    session.onDidReachFinal((record) => {
      if (readConfig().notifyOnFinal) notifyFinal(record, revealRecord);
    }),
  );
  push(
    tokens.onDidChange((token) => {
      log.addSecret(token);
      void vscode.commands.executeCommand('setContext', 'keccel.hasToken', token !== undefined);
      void session.tokenChanged().catch((e) => log.warn(`Delivery polling: ${describeError(e)}`));
      if (!session.isSandbox) void balance.credentialsChanged();
    }),
  );
  push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affects(e, Setting.pollIntervalSeconds, Setting.giveUpAfterHours, Setting.maxMessages)) session.applySettings();
      if (affectsSandbox(e)) sandbox.applySettings();
    }),
  );
}

/** Everything that reads a secret, a file or the network starts after activate() has returned. */
function startAfterActivation({ tokens, session, sandbox, balance, guard, log }: Services, activationTimeMs: number): void {
  let startupDone!: () => void;
  session.startupRunning(new Promise<void>((resolve) => (startupDone = resolve)));
  setTimeout(() => {
    log.info(`Activated in ${activationTimeMs.toFixed(1)} ms.`);
    void guard.check();
    void startup(tokens, session, sandbox, balance, log, startupDone).finally(startupDone);
  }, 0);
}

function testFacingApi(
  activationTimeMs: number,
  { session, balance, log }: Services,
  { provider, filter, treeRefreshes }: MessagesView,
  { details }: Senders,
): Omit<KeccelApi, 'diagnosisReport' | 'walkthrough'> {
  return {
    activationTimeMs,
    balanceItem: () => balance.snapshot(),
    messageTreeRows: () => treeRows(provider),
    history: async (): Promise<HistoryRecord[]> => (await session.store()).all(),
    sandboxUrl: () => session.sandboxUrl,
    historyFile: async () => (await session.store()).path,
    recentLog: () => log.recent(),
    detailsPage: () => details.snapshot(),
    messageFilter: () => filter.snapshot(),
    treeRefreshes,
  };
}

/** `ready` is called once the mode is known (token read, sandbox restored or started), before any network call. */
async function startup(
  tokens: TokenStore,
  session: Session,
  sandbox: Sandbox,
  balance: BalanceStatusBar,
  log: ExtensionLog,
  ready: () => void,
): Promise<void> {
  try {
    const token = await tokens.get();
    log.addSecret(token);
    await vscode.commands.executeCommand('setContext', 'keccel.hasToken', token !== undefined);
    let inSandbox: boolean;
    if (process.env.KECCEL_SANDBOX === '1' && !sandbox.hasRememberedState()) {
      // `npm start` opens a window that works with no account: the sandbox is on at the first start. After that
      // the user's own choice (Start/Stop Sandbox, remembered for restore()) wins.
      inSandbox = await sandbox.start().then(
        () => true,
        (error: unknown) => {
          log.error(`Sandbox could not start: ${describeError(error)}`);
          return false;
        },
      );
    } else {
      // Back in the sandbox if it was on when the window last closed (restore() logs "Sandbox restored at <url>.").
      inSandbox = (await sandbox.restore((error) => error instanceof SandboxPortBusyError && showPortBusy(error.port))) !== undefined;
    }
    ready();
    if (!inSandbox) await balance.credentialsChanged();
    // Resume following the live messages still waiting for a report (this opens the live history).
    if (token) await session.syncPolling('live');
  } catch (error) {
    log.error(`Startup: ${describeError(error)}`);
  }
}

async function treeRows(provider: MessagesProvider): Promise<TreeRowSnapshot[]> {
  const nodes = await provider.getChildren();
  return nodes.map((node) => {
    const item = provider.getTreeItem(node);
    const tooltip = item.tooltip;
    const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
    return {
      label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
      description: typeof item.description === 'string' ? item.description : undefined,
      tooltip: typeof tooltip === 'string' ? tooltip : markdownToPlain(tooltip?.value ?? ''),
      tooltipMarkdown: typeof tooltip === 'string' ? undefined : tooltip?.value,
      contextValue: item.contextValue,
      iconId: icon,
      recordId: node.kind === 'message' ? node.record.id : undefined,
      command: item.command?.command,
    };
  });
}

export function deactivate(): Promise<void> | undefined {
  // Everything is in context.subscriptions; VS Code disposes it (pollers, timers, sandbox server, log channel),
  // possibly before this promise settles, so disposing alone must not be what the writes wait on. VS Code awaits
  // this promise: a reload waits for the sandbox's state file and for the history writes already queued (a
  // send's record, a delivery update), so none is lost. Session.close() runs once, whoever calls it first.
  const sandbox = activeSandbox;
  const session = activeSession;
  activeSandbox = undefined;
  activeSession = undefined;
  if (!sandbox && !session) return undefined;
  // The history first: closing it marks the sends still waiting for their answer interrupted
  // (ProfileSession.closeProfile), queued on the stores before the sandbox stops and resets those requests' connections.
  const history = session && settleWithin(session.close(), HISTORY_FLUSH_MS);
  return Promise.all([history, sandbox?.shutdown()]).then(() => undefined);
}
