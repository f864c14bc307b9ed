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
import { TokenStore, type TokenAccess } from './token/tokenStore';
import { AccountRegistry } from './accounts/accountRegistry';
import { ActiveTokens } from './accounts/activeTokens';
import { AccountBalances } from './accounts/accountBalances';
import { AccountsProvider } from './accounts/accountsView';
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
  accounts: AccountRegistry;
  /** The token of this window's account: Set/Clear API Token, the composer and the balance menu act on it. */
  tokens: TokenAccess;
  session: Session;
  guard: GatewayGuard;
  sandbox: Sandbox;
  balances: AccountBalances;
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
  const accountsView = createAccountsView(services, messages, push);
  const senders = createSenders(context, services, messages, push);
  const { accounts, balances, tokens, session, sandbox, balance, log } = services;
  const { provider, filter, view } = messages;
  const smsTexts = registerSmsTexts(accounts, log);
  for (const d of smsTexts.disposables) push(d);
  const diagnosis = registerDiagnosis(context, session, log);
  const walkthrough = registerWalkthrough(context, session, log);
  const guides = { diagnose: diagnosis.run, openWalkthrough: walkthrough.open, commandRan: walkthrough.commandRan };
  const commands = { tokens, accounts, balances, session, sandbox, balance, provider, filter, view, log, ...senders, texts: smsTexts.commands, guides };
  for (const d of registerCommands(commands)) push(d);
  followChanges(services, messages, push);
  const activationTimeMs = performance.now() - started;
  startAfterActivation(services, activationTimeMs);
  // After activate() has returned, like the rest of the startup: the walkthrough's one opening after the install.
  setTimeout(() => offerWalkthroughOnce(context, log), 0);
  return {
    ...testFacingApi(context, activationTimeMs, services, messages, senders, accountsView),
    diagnosisReport: () => diagnosis.panel.current,
    walkthrough: walkthrough.state,
    smsTextsWork: smsTexts.work,
  };
}

function createServices(context: vscode.ExtensionContext, push: Push): Services {
  const log = push(new ExtensionLog());
  const accounts = push(new AccountRegistry(context, push(new TokenStore(context.secrets)), log));
  const tokens = push(new ActiveTokens(accounts));
  const session = push(new Session(context.globalStorageUri, accounts, log, historyNotices));
  activeSession = session;
  const guard = push(new GatewayGuard(log));
  const sandbox = push(new Sandbox(session, log, context));
  activeSandbox = sandbox;
  const balances = push(new AccountBalances(accounts, context.globalState, log));
  const balance = push(new BalanceStatusBar(session, log, balances));
  // The sandbox's credit follows its own account in-process (sends of any client), one update per burst.
  push(sandbox.onDidChangeAccount((account) => balance.showSandboxAccount(account)));
  return { log, accounts, tokens, session, guard, sandbox, balances, balance };
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
  push(followSandbox(view, sandbox, session));

  const revealRecord = async (id: string): Promise<void> => {
    await vscode.commands.executeCommand('keccel.messages.focus');
    const node = await provider.nodeOf(id);
    if (node) await view.reveal(node, { select: true, focus: true });
  };
  return { provider, view, filter, revealRecord, treeRefreshes: () => treeRefreshes };
}

/**
 * The Accounts view, shown once there is more than the one account (a user with one account sees no change), and
 * the Messages view's title, which names the history it shows.
 */
function createAccountsView({ accounts, balances, session }: Services, { view }: MessagesView, push: Push): AccountsProvider {
  const accountsView = push(new AccountsProvider(accounts, balances, () => session.sandboxUrl, session.onDidChangeMode));
  const accountsTree = push(vscode.window.createTreeView('keccel.accounts', { treeDataProvider: accountsView }));
  push(accountsTree.onDidChangeVisibility((e) => e.visible && accountsView.shown()));
  // The rows of the sandbox history carry no marker of their own: the view's title says which history it shows
  // (a description would not show: with one view the side bar title is "Keccel SMS: <view title>").
  const accountTitle = () => {
    if (session.isSandbox) view.title = vscode.l10n.t('Sandbox');
    else view.title = accounts.several ? vscode.l10n.t('Messages · {0}', accounts.active.name) : vscode.l10n.t('Messages');
  };
  push(session.onDidChangeMode(() => accountTitle()));
  const severalContext = () => void vscode.commands.executeCommand('setContext', 'keccel.severalAccounts', accounts.several);
  severalContext();
  push(
    accounts.onDidChange(() => {
      accountTitle();
      severalContext();
    }),
  );
  return accountsView;
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
function followChanges({ accounts, session, tokens, sandbox, balance, log }: Services, { revealRecord }: MessagesView, push: Push): void {
  push(
    session.onDidReachFinal((record) => {
      if (readConfig().notifyOnFinal) notifyFinal(record, revealRecord, session.isSandbox ? undefined : accounts.active.name);
    }),
  );
  push(
    tokens.onDidChange(() => {
      void vscode.commands.executeCommand('setContext', 'keccel.hasToken', tokens.hasToken);
      if (!session.isSandbox) void balance.credentialsChanged();
    }),
  );
  push(
    // Any account's token: its poller starts or stops (the registry has given the token to the log's redactor).
    accounts.onDidChangeToken(() => void session.tokenChanged().catch((e) => log.warn(`Delivery polling: ${describeError(e)}`))),
  );
  push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affects(e, Setting.pollIntervalSeconds, Setting.giveUpAfterHours, Setting.maxMessages)) session.applySettings();
      if (affectsSandbox(e)) sandbox.applySettings();
    }),
  );
}

/** Everything that reads a secret, a file or the network starts after activate() has returned. */
function startAfterActivation({ tokens, accounts, balances, session, sandbox, balance, guard, log }: Services, activationTimeMs: number): void {
  let startupDone!: () => void;
  session.startupRunning(new Promise<void>((resolve) => (startupDone = resolve)));
  setTimeout(() => {
    log.info(`Activated in ${activationTimeMs.toFixed(1)} ms.`);
    void guard.check();
    void startup(tokens, accounts, balances, session, sandbox, balance, log, startupDone).finally(startupDone);
  }, 0);
}

function testFacingApi(
  context: vscode.ExtensionContext,
  activationTimeMs: number,
  { accounts, session, balance, log }: Services,
  { provider, filter, treeRefreshes }: MessagesView,
  { details, composer }: Senders,
  accountsView: AccountsProvider,
): Omit<KeccelApi, 'diagnosisReport' | 'walkthrough' | 'smsTextsWork'> {
  return {
    activationTimeMs,
    balanceItem: () => balance.snapshot(),
    messageTreeRows: () => treeRows(provider),
    history: async (): Promise<HistoryRecord[]> => (await session.store()).all(),
    activeAccount: () => ({ name: accounts.active.name, production: accounts.active.production }),
    storedState: () =>
      JSON.stringify({
        global: Object.fromEntries(context.globalState.keys().map((key) => [key, context.globalState.get(key)])),
        workspace: Object.fromEntries(context.workspaceState.keys().map((key) => [key, context.workspaceState.get(key)])),
      }),
    accountRows: async () => (await accountsView.getChildren()).map((node) => rowOf(accountsView.getTreeItem(node))),
    sandboxUrl: () => session.sandboxUrl,
    historyFile: async () => (await session.store()).path,
    recentLog: () => log.recent(),
    detailsPage: () => details.snapshot(),
    composerState: () => {
      const state = composer.pageState();
      return state && { ...(state.account ? { account: { ...state.account } } : {}), sandbox: state.sandbox };
    },
    messageFilter: () => filter.snapshot(),
    backgroundRequests: () => ({ deliveryPoller: session.pollerActivity(), balanceRefresh: balance.refreshScheduled }),
    treeRefreshes,
  };
}

/** `ready` is called once the mode is known (token read, sandbox restored or started), before any network call. */
async function startup(
  tokens: TokenAccess,
  accounts: AccountRegistry,
  balances: AccountBalances,
  session: Session,
  sandbox: Sandbox,
  balance: BalanceStatusBar,
  log: ExtensionLog,
  ready: () => void,
): Promise<void> {
  try {
    // Every account's token goes to the log's redactor before anything can log a request.
    for (const account of accounts.accounts) log.addSecret(await accounts.tokens(account).get());
    const token = await tokens.get();
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
    // Resume following the messages of every account with a token still waiting for a report (this opens their
    // histories), and look at the other accounts' balances once (the low-credit and expiry warnings).
    await session.syncAccountsPolling();
    balances.start();
  } catch (error) {
    log.error(`Startup: ${describeError(error)}`);
  }
}

async function treeRows(provider: MessagesProvider): Promise<TreeRowSnapshot[]> {
  const nodes = await provider.getChildren();
  return nodes.map((node) => ({ ...rowOf(provider.getTreeItem(node)), recordId: node.kind === 'message' ? node.record.id : undefined }));
}

function rowOf(item: vscode.TreeItem): TreeRowSnapshot {
  const tooltip = item.tooltip;
  const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
  return {
    label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
    description: typeof item.description === 'string' ? item.description : undefined,
    tooltip: typeof tooltip === 'string' ? tooltip : markdownToPlain(tooltip?.value ?? ''),
    tooltipMarkdown: typeof tooltip === 'string' ? undefined : tooltip?.value,
    contextValue: item.contextValue,
    iconId: icon,
    command: item.command?.command,
  };
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
  // allSettled, not all: a failing sandbox shutdown must not end the wait before the history's writes have landed.
  return Promise.allSettled([history, sandbox?.shutdown()]).then(() => undefined);
}
