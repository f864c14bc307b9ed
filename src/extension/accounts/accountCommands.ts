// keccel.addAccount, keccel.switchAccount, keccel.removeAccount. An argument object answers every question (a
// script's call asks nothing and never waits for a click); without one, the palette asks step by step.
import * as vscode from 'vscode';
import { checkAccountName, IMPLICIT_ACCOUNT_NAME, type Account, type AccountEntry } from '../../core/accounts';
import { BaseUrlError, checkBaseUrl, LIVE_BASE_URL } from '../../core/baseUrl';
import { labelText } from '../../core/plainText';
import { checkSender } from '../../core/sender';
import { describeError, type ExtensionLog } from '../platform/log';
import { showError, showInformation, showWarning } from '../platform/notify';
import { readConfig } from '../settings/config';
import type { AccountBalances } from './accountBalances';
import type { AccountRegistry } from './accountRegistry';
import { checkTokenWithGateway, tokenProblemText } from './tokenCheck';

export interface AddAccountArg {
  name?: unknown;
  token?: unknown;
  production?: unknown;
  baseUrl?: unknown;
  sender?: unknown;
}

/** `keccel.addAccount`: resolves to `{name}` of the added account, or undefined when nothing was added. */
export async function addAccount(registry: AccountRegistry, log: ExtensionLog, arg?: AddAccountArg): Promise<{ name: string } | undefined> {
  const interactive = !(arg && typeof arg === 'object' && typeof arg.name === 'string' && typeof arg.token === 'string');
  const input = interactive ? await askNewAccount(registry) : fromArgument(registry, arg!);
  if (!input) return undefined;
  const { entry, token } = input;
  log.addSecret(token);
  const checked = await checkTokenWithGateway(entry.baseUrl ?? LIVE_BASE_URL, token, entry.sender ?? readConfig().sender, log);
  if (checked.kind === 'rejected') {
    void showError(vscode.l10n.t('Keccel rejected the token of "{0}": {1} The account was not added.', entry.name, checked.description));
    return undefined;
  }
  if (checked.kind === 'unreachable') {
    if (!interactive) {
      void showError(vscode.l10n.t('The token of "{0}" could not be checked ({1}), so the account was not added.', entry.name, checked.message));
      return undefined;
    }
    const save = vscode.l10n.t('Save Without Checking');
    const choice = await showWarning(
      vscode.l10n.t('The token of "{0}" could not be checked: {1}', entry.name, checked.message),
      { modal: true, detail: vscode.l10n.t('Keccel could not be reached. Save the account anyway? If the token is wrong, its balance will say so once Keccel answers.') },
      save,
    );
    if (choice !== save) return undefined;
  }
  const account = await registry.add(entry, token);
  log.info(`Account added: ${account.name}${account.production ? ' (production)' : ''}${checked.kind === 'ok' ? '' : ', token not checked'}.`);
  const added = checked.kind === 'ok'
    ? vscode.l10n.t('Account "{0}" added. Balance: {1} SMS.', account.name, Math.trunc(checked.balance.balance))
    : vscode.l10n.t('Account "{0}" added.', account.name);
  if (!interactive || registry.active.name === account.name) {
    void showInformation(added);
    return { name: account.name };
  }
  // From the palette, the next step is usually to use it; a script's call asks nothing (it switches itself).
  const switchTo = vscode.l10n.t('Switch to It');
  void showInformation(added, switchTo).then(async (choice) => {
    if (choice === switchTo) await vscode.commands.executeCommand('keccel.switchAccount', { name: account.name });
  });
  return { name: account.name };
}

function fromArgument(registry: AccountRegistry, arg: AddAccountArg): { entry: AccountEntry; token: string } | undefined {
  const name = String(arg.name).trim();
  const problem = nameProblem(registry, name) ?? tokenProblemText(String(arg.token));
  if (problem) {
    void showError(problem);
    return undefined;
  }
  if (arg.production !== undefined && typeof arg.production !== 'boolean') {
    void showError(vscode.l10n.t('"production" must be true or false: the account was not added.'));
    return undefined;
  }
  const entry: AccountEntry = { name, production: arg.production === true };
  if (typeof arg.baseUrl === 'string' && arg.baseUrl.trim() !== '') {
    const urlProblem = baseUrlProblem(arg.baseUrl);
    if (urlProblem) {
      void showError(urlProblem);
      return undefined;
    }
    entry.baseUrl = arg.baseUrl.trim();
  }
  if (typeof arg.sender === 'string' && arg.sender.trim() !== '') {
    if (checkSender(arg.sender)) {
      void showError(vscode.l10n.t('The sender "{0}" cannot be used: a sender name has at most 11 letters, digits or spaces. The account was not added.', arg.sender.trim()));
      return undefined;
    }
    entry.sender = arg.sender.trim();
  }
  return { entry, token: String(arg.token).trim() };
}

function nameProblem(registry: AccountRegistry, name: string): string | undefined {
  const problem = checkAccountName(name);
  if (problem === 'name') return vscode.l10n.t('An account needs a name of one line.');
  if (problem === 'nameTooLong') return vscode.l10n.t('An account name has at most 40 characters.');
  if (registry.find(name)) return vscode.l10n.t('There is already an account named "{0}".', name);
  // The implicit account keeps its name while it is alone: a new account named "Keccel" would be taken for it.
  if (registry.accounts.length === 1 && registry.accounts[0].implicit && name.toLowerCase() === IMPLICIT_ACCOUNT_NAME.toLowerCase()) {
    return vscode.l10n.t('There is already an account named "{0}".', name);
  }
  return undefined;
}

function baseUrlProblem(value: string): string | undefined {
  try {
    checkBaseUrl(value);
    return undefined;
  } catch (error) {
    if (error instanceof BaseUrlError) {
      if (error.problem === 'insecure') return vscode.l10n.t('Plain http is allowed only to this machine (localhost, 127.x.x.x): the token would travel in clear. Use https://.');
      if (error.problem === 'scheme') return vscode.l10n.t('The base URL must start with https://.');
      return vscode.l10n.t('This is not a valid URL.');
    }
    throw error;
  }
}

/** The multi-step input: name, token, production or not, sender; the base URL only when asked for. */
async function askNewAccount(registry: AccountRegistry): Promise<{ entry: AccountEntry; token: string } | undefined> {
  const title = (step: number) => vscode.l10n.t('Add Keccel Account ({0}/{1})', step, 4);
  const name = await vscode.window.showInputBox({
    title: title(1),
    prompt: vscode.l10n.t('A name for this account, e.g. the client it belongs to. It is shown wherever a send can start.'),
    ignoreFocusOut: true,
    validateInput: (value) => nameProblem(registry, value.trim()),
  });
  if (name === undefined) return undefined;
  const token = await vscode.window.showInputBox({
    title: title(2),
    prompt: vscode.l10n.t('The API token of "{0}". It is kept in the system keychain (SecretStorage), never in settings.', name.trim()),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => tokenProblemText(value),
  });
  if (token === undefined) return undefined;
  type Kind = vscode.QuickPickItem & { production: boolean };
  const kind = await vscode.window.showQuickPick<Kind>(
    [
      { label: `$(beaker) ${vscode.l10n.t('Test account')}`, description: vscode.l10n.t('sends as configured'), production: false },
      {
        label: `$(flame) ${vscode.l10n.t('Production account')}`,
        description: vscode.l10n.t('paid SMS to real people: every send asks first'),
        production: true,
      },
    ],
    { title: title(3), placeHolder: vscode.l10n.t('Is "{0}" a production account?', name.trim()), ignoreFocusOut: true },
  );
  if (!kind) return undefined;
  const entry: AccountEntry = { name: name.trim(), production: kind.production };
  const otherGateway = { iconPath: new vscode.ThemeIcon('server'), tooltip: vscode.l10n.t('Use another gateway (base URL)…') };
  const sender = await askSender(title(4), otherGateway);
  if (sender === undefined) return undefined;
  if (sender.value) entry.sender = sender.value;
  if (sender.askBaseUrl) {
    const baseUrl = await vscode.window.showInputBox({
      title: vscode.l10n.t('Gateway of "{0}"', entry.name),
      value: LIVE_BASE_URL,
      prompt: vscode.l10n.t('The base URL of the Keccel API for this account (a proxy, a local simulator).'),
      ignoreFocusOut: true,
      validateInput: (value) => baseUrlProblem(value),
    });
    if (baseUrl === undefined) return undefined;
    if (baseUrl.trim() !== LIVE_BASE_URL) entry.baseUrl = baseUrl.trim();
  }
  return { entry, token: token.trim() };
}

/** The sender step; its title-bar button asks for a base URL after it (kept out of sight otherwise). */
function askSender(title: string, otherGateway: vscode.QuickInputButton): Promise<{ value: string; askBaseUrl: boolean } | undefined> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    let askBaseUrl = false;
    let done = false;
    const finish = (result: { value: string; askBaseUrl: boolean } | undefined) => {
      if (done) return;
      done = true;
      resolve(result);
      box.dispose();
    };
    box.title = title;
    box.placeholder = readConfig().sender;
    box.prompt = vscode.l10n.t('The sender name shown on the phone (empty: {0}, the keccel.sender setting).', readConfig().sender);
    box.ignoreFocusOut = true;
    box.buttons = [otherGateway];
    const validate = (value: string) => {
      const problem = value.trim() === '' ? undefined : checkSender(value);
      box.validationMessage = problem ? vscode.l10n.t('A sender name has at most 11 letters, digits, spaces or common punctuation.') : undefined;
      return problem === undefined;
    };
    box.onDidChangeValue(validate);
    box.onDidTriggerButton(() => {
      askBaseUrl = !askBaseUrl;
      box.prompt = askBaseUrl
        ? vscode.l10n.t('The sender name shown on the phone. The gateway\'s base URL is asked next.')
        : vscode.l10n.t('The sender name shown on the phone (empty: {0}, the keccel.sender setting).', readConfig().sender);
    });
    box.onDidAccept(() => {
      if (validate(box.value)) finish({ value: box.value.trim(), askBaseUrl });
    });
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}

/** `keccel.switchAccount`: resolves to `{name, production}` of this window's account, or undefined. */
export async function switchAccount(registry: AccountRegistry, balances: AccountBalances, arg?: { name?: unknown }): Promise<{ name: string; production: boolean } | undefined> {
  let name: string | undefined = arg && typeof arg === 'object' && typeof arg.name === 'string' ? arg.name : undefined;
  if (name === undefined) name = (await pickAccount(registry, balances, vscode.l10n.t('Switch Keccel Account')))?.name;
  else if (!registry.find(name)) {
    void showError(vscode.l10n.t('There is no Keccel account named "{0}".', name));
    return undefined;
  }
  if (name === undefined) return undefined;
  const account = await registry.switchTo(name);
  return account && { name: account.name, production: account.production };
}

/** A quick pick of the accounts with each one's credit and expiry (filled in as the answers come). */
export async function pickAccount(registry: AccountRegistry, balances: AccountBalances, title: string): Promise<Account | undefined> {
  type Item = vscode.QuickPickItem & { account: Account };
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = title;
  pick.placeholder = vscode.l10n.t('The account this window sends from');
  const render = () => {
    pick.items = registry.accounts.map((account) => ({
      account,
      // The name and the gateway's words are drawn as text, never as icons.
      label: `${account.id === registry.active.id ? '$(check)' : '$(blank)'} ${labelText(account.name)}`,
      description: account.production ? vscode.l10n.t('production') : undefined,
      detail: labelText(balances.describe(account)),
    }));
    pick.activeItems = pick.items.filter((i) => i.account.id === registry.active.id);
  };
  render();
  pick.busy = true;
  const refreshed = balances.onDidChange(render);
  void balances.refreshAll().finally(() => (pick.busy = false));
  try {
    return await new Promise<Account | undefined>((resolve) => {
      pick.onDidAccept(() => {
        resolve(pick.selectedItems[0]?.account);
        pick.hide();
      });
      pick.onDidHide(() => resolve(undefined));
      pick.show();
    });
  } finally {
    refreshed.dispose();
    pick.dispose();
  }
}

/** What removing an account deletes besides its entry and token (its history file is the session's). */
export interface HistoryDeleter {
  deleteAccountHistory(accountId: string): Promise<string[]>;
}

/**
 * `keccel.removeAccount`: removes the account and its token; its history file stays unless `{deleteHistory: true}`
 * or the confirmation's "Remove Account and Its History" asks to delete it. `{name}` asks nothing (a script's call);
 * the palette and the Accounts view ask first.
 */
export async function removeAccount(registry: AccountRegistry, balances: AccountBalances, histories: HistoryDeleter, log: ExtensionLog, arg?: unknown): Promise<void> {
  const given = accountName(arg);
  const scripted = given !== undefined && typeof arg === 'object' && arg !== null && 'name' in arg;
  const deleteArg = scripted ? (arg as { deleteHistory?: unknown }).deleteHistory : undefined;
  if (deleteArg !== undefined && typeof deleteArg !== 'boolean') {
    void showError(vscode.l10n.t('"deleteHistory" must be true or false: no account was removed.'));
    return;
  }
  const account = given === undefined ? await pickAccount(registry, balances, vscode.l10n.t('Remove Keccel Account')) : registry.find(given);
  if (!account) {
    if (given !== undefined) void showError(vscode.l10n.t('There is no Keccel account named "{0}".', given));
    return;
  }
  if (registry.accounts.length === 1) {
    void showError(vscode.l10n.t('"{0}" is your only account: clear its token instead (Keccel: Clear API Token).', account.name));
    return;
  }
  let deleteHistory = deleteArg === true;
  if (!scripted) {
    const answer = await confirmRemoval(account.name);
    if (answer === undefined) return;
    deleteHistory = answer.deleteHistory;
  }
  await registry.remove(account);
  if (!deleteHistory) {
    log.info(`Account removed: ${account.name} (its history file was kept).`);
    void showInformation(vscode.l10n.t('Account "{0}" removed. Its history is kept.', account.name));
    return;
  }
  try {
    const deleted = await histories.deleteAccountHistory(account.id);
    log.info(`Account removed with its history: ${account.name} (${deleted.length === 0 ? 'it had no history file' : `deleted ${deleted.join(', ')}`}).`);
    void showInformation(vscode.l10n.t('Account "{0}" and its history removed.', account.name));
  } catch (error) {
    log.error(`Account ${account.name} removed, but its history could not be deleted: ${describeError(error)}`);
    void showError(vscode.l10n.t('Account "{0}" removed, but its history could not be deleted: {1}', account.name, describeError(error)));
  }
}

/**
 * The removal's question. VS Code makes the first non-close button of a modal dialog its default (Enter) and gives
 * Escape the close one: "Don't Remove" comes first, so only a click (or Tab) on a Remove button removes anything.
 */
async function confirmRemoval(name: string): Promise<{ deleteHistory: boolean } | undefined> {
  interface Item extends vscode.MessageItem {
    answer?: { deleteHistory: boolean };
  }
  const items: Item[] = [
    { title: vscode.l10n.t("Don't Remove") },
    { title: vscode.l10n.t('Remove Account'), answer: { deleteHistory: false } },
    { title: vscode.l10n.t('Remove Account and Its History'), answer: { deleteHistory: true } },
    { title: vscode.l10n.t('Cancel'), isCloseAffordance: true },
  ];
  const choice = await showWarning(
    vscode.l10n.t('Remove the Keccel account "{0}"?', name),
    {
      modal: true,
      detail: vscode.l10n.t(
        'Its token is deleted from this machine. "Remove Account" keeps its message history: adding an account named "{0}" again brings it back. "Remove Account and Its History" also deletes its messages from this machine.',
        name,
      ),
    },
    ...items,
  );
  return choice?.answer;
}

/** The name in `{name}` or in an Accounts view row. */
export function accountName(arg: unknown): string | undefined {
  if (arg && typeof arg === 'object') {
    const value = (arg as { name?: unknown; account?: { name?: unknown } }).name ?? (arg as { account?: { name?: unknown } }).account?.name;
    if (typeof value === 'string') return value;
  }
  return undefined;
}
