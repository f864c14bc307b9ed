// Every command of the extension, registered in one place. Handlers never throw at VS Code: a failure is logged
// and shown, and the command resolves (to undefined where it has no result), so scripts and keybindings never hang
// on an error or on a notification waiting for a click.
import * as vscode from 'vscode';
import type { DeliveryCheckSummary } from '../../core/poller';
import type { Balance, HistoryRecord } from '../../core/types';
import { BALANCE_ACTIONS_COMMAND, type BalanceStatusBar } from '../balance/balanceStatusBar';
import { CopyAsCode } from '../code/copyAsCode';
import type { DetailsPanels } from '../details/panel';
import { exportHistory } from '../history/exportHistory';
import { describeError, type ExtensionLog } from '../platform/log';
import { runSendOtpFlow, runValidateOtpFlow } from '../otp/otpFlow';
import type { OtpCheckRequest, OtpSendRequest, OtpService } from '../otp/otpService';
import type { Composer } from '../composer/openComposer';
import { SandboxCommands } from '../sandbox/sandboxCommands';
import type { Sandbox } from '../sandbox/sandbox';
import { runSendFlow } from '../send/sendFlow';
import type { SendService, SmsRequest } from '../send/sendService';
import type { Session } from '../session/session';
import { offerSetup } from '../token/setupPrompt';
import { exactTime, pluralText, pendingDeletionWarning } from '../wording/strings';
import { clearToken, setToken } from '../token/tokenCommands';
import type { TokenAccess } from '../token/tokenStore';
import type { AccountRegistry } from '../accounts/accountRegistry';
import type { AccountBalances } from '../accounts/accountBalances';
import { accountCommandHandlers } from '../accounts/accountCommandHandlers';
import { MessageCommands } from '../tree/messageCommands';
import { showError, showInformation, showWarning } from '../platform/notify';
import type { MessageFilter } from '../tree/filterCommand';
import type { MessageNode, MessagesProvider } from '../tree/messagesProvider';
import { ADD_TRANSLATION_FILES_COMMAND, MOVE_COMMAND, type SmsTextCommands } from '../texts';
import { DIAGNOSE_COMMAND } from '../diagnose/command';
import { OPEN_WALKTHROUGH_COMMAND } from '../walkthrough/open';

export interface CommandDeps {
  tokens: TokenAccess;
  accounts: AccountRegistry;
  balances: AccountBalances;
  session: Session;
  sandbox: Sandbox;
  balance: BalanceStatusBar;
  provider: MessagesProvider;
  details: DetailsPanels;
  filter: MessageFilter;
  view: vscode.TreeView<MessageNode>;
  composer: Composer;
  sendService: SendService;
  otp: OtpService;
  log: ExtensionLog;
  texts: SmsTextCommands;
  /** Diagnose Connection and the Getting Started walkthrough (commandRan: a step completed by the command is ticked). */
  guides: { diagnose(arg?: unknown): Promise<unknown>; openWalkthrough(): Promise<unknown>; commandRan(id: string): void };
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { tokens, accounts, balances, session, sandbox, balance, provider, sendService, otp, log, details, filter, view, composer, texts, guides } = deps;
  const messages = new MessageCommands(session, sendService, log, details, () => view.selection);
  const copyAsCode = new CopyAsCode(session, log);
  const sandboxCommands = new SandboxCommands(sandbox, session, log, () => void balance.refresh(false));

  /**
   * Wraps a handler: errors are logged and shown, and the command resolves to undefined. A walkthrough step that
   * completes on the command is ticked as it starts, as VS Code's `onCommand:` does (cancelled or not).
   */
  const register = (id: string, handler: (...args: unknown[]) => unknown): vscode.Disposable =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      guides.commandRan(id);
      try {
        return await handler(...args);
      } catch (error) {
        const message = describeError(error);
        log.error(`${id} failed: ${message}`);
        void showError(vscode.l10n.t('Keccel: {0}', message));
        return undefined;
      }
    });

  return [
    register(DIAGNOSE_COMMAND, (arg) => guides.diagnose(arg)),
    register(OPEN_WALKTHROUGH_COMMAND, () => guides.openWalkthrough()),
    register('keccel.checkSmsTexts', () => texts.checkSmsTexts()),
    register('keccel.findTokenInWorkspace', () => texts.findTokenInWorkspace()),
    register(MOVE_COMMAND, (uri, offset) => texts.moveTokenToEnv(uri as vscode.Uri, offset as number)),
    register(ADD_TRANSLATION_FILES_COMMAND, (glob) => texts.addTranslationFiles(glob)),
    ...Object.entries(accountCommandHandlers({ accounts, balances, session, log })).map(([id, handler]) => register(id, handler)),
    register('keccel.setToken', (arg) => setToken(tokens, accounts.active, accounts.several, log, arg)),
    register('keccel.clearToken', () => clearToken(tokens, log)),
    register('keccel.sendSms', (arg) =>
      runSendFlow(sendService, session, arg && typeof arg === 'object' ? (arg as Partial<SmsRequest>) : undefined),
    ),
    register('keccel.sendOtp', (arg) =>
      runSendOtpFlow(otp, sendService, session, arg && typeof arg === 'object' ? (arg as Partial<OtpSendRequest>) : undefined),
    ),
    register('keccel.validateOtp', (arg) =>
      runValidateOtpFlow(otp, session, arg && typeof arg === 'object' ? (arg as Partial<OtpCheckRequest>) : undefined),
    ),
    register('keccel.refreshBalance', async (): Promise<Balance | undefined> => {
      if (!(await session.hasCredentials())) {
        offerSetup(vscode.l10n.t('There is no balance to show: no Keccel API token is set.'));
        return undefined;
      }
      const result = await balance.refresh(true);
      // The answer where the user looks after asking (a failure already says so in an error notification).
      if (result) void showInformation(balanceSentence(result, session.isSandbox, accounts.several ? accounts.active.name : undefined));
      return result ? { balance: result.balance, expiration: result.expiration, status: result.status } : undefined;
    }),
    register('keccel.checkDeliveries', () => checkDeliveries(session, log)),
    register('keccel.openComposer', (arg) => composer.open(arg)),
    register('keccel.startSandbox', (arg) => sandboxCommands.start(arg)),
    register('keccel.stopSandbox', () => sandboxCommands.stop()),
    register('keccel.copySandboxConnection', () => sandboxCommands.copyConnection()),
    register('keccel.message.markDelivered', (arg) => sandboxCommands.mark(arg, 'DELIVERED')),
    register('keccel.message.markFailed', (arg) => sandboxCommands.mark(arg, 'FAILED')),
    register('keccel.message.pushReportAgain', (arg) => sandboxCommands.pushAgain(arg)),
    register('keccel.sandbox.failureInjection', (arg) => sandboxCommands.failureInjection(arg)),
    register('keccel.sandbox.account', (arg) => sandboxCommands.account(arg)),
    register('keccel.sandbox.setCallbackUrl', (arg) => sandboxCommands.setCallbackUrl(arg)),
    register('keccel.sandbox.showRequests', () => sandboxCommands.showRequests()),
    register('keccel.showLog', () => log.show()),
    register('keccel.clearHistory', (arg) => clearHistory(session, log, arg)),
    register('keccel.exportHistory', (arg) =>
      exportHistory(session, log, arg && typeof arg === 'object' ? (arg as { path?: string }) : undefined),
    ),
    register('keccel.showMoreMessages', () => provider.showMore()),
    register('keccel.message.checkDelivery', (arg) => messages.checkDelivery(arg)),
    register('keccel.message.resend', (arg) => messages.resend(arg)),
    register('keccel.message.copyId', (arg) => messages.copyId(arg)),
    // From the context menu VS Code passes the clicked row and the selection; from the Delete key, nothing.
    register('keccel.message.delete', (arg, selected) => messages.delete(arg, selected)),
    register('keccel.filterMessages', (arg) => filter.ask(arg)),
    register('keccel.clearMessageFilter', () => filter.clear()),
    register('keccel.message.showDetails', (arg) => messages.showDetails(arg)),
    register('keccel.message.copyAsCode', (arg) => copyAsCode.run(arg)),
    register(BALANCE_ACTIONS_COMMAND, () => balanceActions(session, tokens)),
  ];
}

async function checkDeliveries(session: Session, log: ExtensionLog): Promise<void> {
  if (!(await session.hasCredentials())) {
    offerSetup(vscode.l10n.t('No Keccel API token is set: delivery reports cannot be checked.'));
    return;
  }
  const store = await session.store();
  const pending = store.pending().length;
  if (pending === 0) {
    void showInformation(vscode.l10n.t('No message is waiting for a delivery report.'));
    return;
  }
  const pendingIds = store.pending().map((r) => r.id);
  const title = pluralText(
    pending,
    vscode.l10n.t('Checking {0} delivery report…', pending),
    vscode.l10n.t('Checking {0} delivery reports…', pending),
  );
  let summary: DeliveryCheckSummary;
  try {
    summary = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, () => session.checkNow());
  } catch (error) {
    log.warn(`Delivery check failed: ${describeError(error)}`);
    void showError(vscode.l10n.t('Could not check delivery: {0}', describeError(error)));
    return;
  }
  const still = store.pending().length;
  log.info(`Checked ${summary.checked} pending message(s), ${summary.failed.length} check(s) failed; ${still} still waiting.`);
  if (summary.failed.length > 0) {
    // A check that never got an answer must not read as "still waiting": the user would think the gateway said so.
    // The messages stay followed; the background polling retries them.
    const reason = summary.failed[0].error;
    void showError(
      summary.failed.length === summary.checked
        ? vscode.l10n.t('Could not check delivery: {0}', reason)
        : // Some failed, not all: at least two were checked, so "messages" is always plural here.
          vscode.l10n.t('Could not check delivery of {0} of {1} messages: {2}', summary.failed.length, summary.checked, reason),
    );
    return;
  }
  void showInformation(checkSentence(summary.checked, pendingIds.map((id) => store.get(id))));
}

/** "Checked 3 messages: delivered: 2, still waiting: 1." Counts after a label: no plural agreement needed. */
function checkSentence(checked: number, records: readonly (HistoryRecord | undefined)[]): string {
  const counts = new Map<string, number>();
  const bump = (label: string) => counts.set(label, (counts.get(label) ?? 0) + 1);
  for (const record of records) {
    if (!record) bump(vscode.l10n.t('deleted meanwhile'));
    else if (record.deliveryStatus === 'delivered') bump(vscode.l10n.t('delivered'));
    else if (record.deliveryStatus === 'failed') bump(vscode.l10n.t('failed'));
    else if (record.deliveryStatus === 'expired') bump(vscode.l10n.t('given up (no report)'));
    else bump(vscode.l10n.t('still waiting'));
  }
  const changes = [...counts].map(([label, count]) => vscode.l10n.t('{0}: {1}', label, count)).join(', ');
  return pluralText(
    checked,
    vscode.l10n.t('Checked {0} message: {1}.', checked, changes),
    vscode.l10n.t('Checked {0} messages: {1}.', checked, changes),
  );
}

function balanceSentence(result: Balance, sandbox: boolean, account?: string): string {
  // A plain integer, as the status bar writes it (balance/balanceView.ts).
  const credits = String(result.balance);
  const base = result.expiration
    ? vscode.l10n.t('Keccel balance: {0} SMS, valid until {1} (account {2}).', credits, exactTime(result.expiration), result.status)
    : vscode.l10n.t('Keccel balance: {0} SMS (account {1}).', credits, result.status);
  if (sandbox) return `${base} ${vscode.l10n.t('Sandbox: simulated credits.')}`;
  return account === undefined ? base : `${account}: ${base}`;
}

async function clearHistory(session: Session, log: ExtensionLog, arg: unknown): Promise<boolean> {
  const store = await session.store();
  // `{confirm: false}` lets a script clear without the modal question (docs/architecture.md, "Rules every command
  // follows": arguments never wait).
  const ask = !(arg && typeof arg === 'object' && (arg as { confirm?: unknown }).confirm === false);
  if (ask) {
    const clear = vscode.l10n.t('Clear History');
    const count = store.size;
    const pending = store.pending().length;
    const detail = [vscode.l10n.t('This cannot be undone. Messages already sent are not affected.')];
    // Deleting a pending message also stops following it: its delivery report will never be known here.
    if (pending > 0) {
      detail.unshift(pendingDeletionWarning(pending));
    }
    const choice = await showWarning(
      session.isSandbox
        ? pluralText(
            count,
            vscode.l10n.t('Delete {0} sandbox message from the history?', count),
            vscode.l10n.t('Delete all {0} sandbox messages from the history?', count),
          )
        : pluralText(
            count,
            vscode.l10n.t('Delete {0} message from the history?', count),
            vscode.l10n.t('Delete all {0} messages from the history?', count),
          ),
      { modal: true, detail: detail.join('\n\n') },
      clear,
    );
    if (choice !== clear) return false;
  }
  await store.clear();
  log.info(`History cleared (${session.mode}).`);
  return true;
}

/** The quick pick behind a click on the balance item. */
async function balanceActions(session: Session, tokens: TokenAccess): Promise<void> {
  type Action = vscode.QuickPickItem & { command: string };
  const items: Action[] = [];
  if (session.canSend()) {
    items.push(
      { label: `$(refresh) ${vscode.l10n.t('Refresh Balance')}`, command: 'keccel.refreshBalance' },
      { label: `$(send) ${vscode.l10n.t('Send SMS…')}`, command: 'keccel.sendSms' },
      { label: `$(edit) ${vscode.l10n.t('Open SMS Composer')}`, command: 'keccel.openComposer' },
      { label: `$(sync) ${vscode.l10n.t('Check Delivery Status')}`, command: 'keccel.checkDeliveries' },
    );
  }
  if (!tokens.hasToken) items.push({ label: `$(key) ${vscode.l10n.t('Set API Token')}`, command: 'keccel.setToken' });
  items.push(
    session.isSandbox
      ? { label: `$(debug-stop) ${vscode.l10n.t('Stop Sandbox')}`, command: 'keccel.stopSandbox' }
      : { label: `$(beaker) ${vscode.l10n.t('Try the Sandbox')}`, command: 'keccel.startSandbox' },
  );
  if (tokens.hasToken) items.push({ label: `$(key) ${vscode.l10n.t('Set API Token')}`, command: 'keccel.setToken' });
  items.push({ label: `$(arrow-swap) ${vscode.l10n.t('Switch Account…')}`, command: 'keccel.switchAccount' });
  items.push({ label: `$(output) ${vscode.l10n.t('Show Log')}`, command: 'keccel.showLog' });
  const choice = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Keccel Balance') });
  if (choice) await vscode.commands.executeCommand(choice.command);
}
