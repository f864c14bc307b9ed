// keccel.setToken / keccel.clearToken, on this window's active account. A token shorter than 8 characters is
// refused before anything is sent (core/accounts/token.ts). A token is checked against the balance endpoint of
// the account's gateway before it is stored: a rejection stores nothing and says why; a network failure offers to
// store it anyway when a person is asking, and stores nothing when the token came as an argument (a script must
// not save an unchecked secret silently).
import * as vscode from 'vscode';
import { checkTokenShape, type Account } from '../../core/accounts';
import { checkTokenWithGateway, tokenProblemText } from '../accounts/tokenCheck';
import type { ExtensionLog } from '../platform/log';
import { asSentence } from '../wording/strings';
import type { TokenAccess } from './tokenStore';
import { showError, showInformation, showWarning } from '../platform/notify';

export async function setToken(tokens: TokenAccess, account: Account, several: boolean, log: ExtensionLog, arg?: unknown): Promise<void> {
  const given = typeof arg === 'string' ? arg : (arg as { token?: unknown } | undefined)?.token;
  const interactive = typeof given !== 'string';
  let token: string | undefined = interactive ? undefined : String(given);
  if (interactive) {
    token = await vscode.window.showInputBox({
      title: several ? vscode.l10n.t('Keccel API Token of "{0}"', account.name) : vscode.l10n.t('Keccel API Token'),
      prompt: vscode.l10n.t('Paste the API token of your Keccel account. It is kept in the system keychain (SecretStorage), never in settings.'),
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => tokenProblemText(checkTokenShape(value)),
    });
  }
  if (token === undefined) return;
  const problem = tokenProblemText(checkTokenShape(token));
  if (problem) {
    void showError(`${problem} ${vscode.l10n.t('The token was not stored.')}`);
    return;
  }
  token = token.trim();
  log.addSecret(token);

  const checked = await checkTokenWithGateway(account.baseUrl, token, account.sender, log);
  if (checked.kind === 'ok') {
    await tokens.set(token);
    log.info(`API token of ${account.name} checked and stored.`);
    void showInformation(vscode.l10n.t('Keccel token saved. Balance: {0} SMS.', Math.trunc(checked.balance.balance)));
    return;
  }
  if (checked.kind === 'rejected') {
    // Not awaited: a script that passed the token resolves at once; a person can click to type it again.
    const retry = vscode.l10n.t('Try Again');
    void showError(vscode.l10n.t('Keccel rejected this token: {0}', asSentence(checked.description)), retry)
      .then((choice) => choice === retry && vscode.commands.executeCommand('keccel.setToken'));
    return;
  }
  if (!interactive) {
    void showError(vscode.l10n.t('The token could not be checked, so it was not stored. {0}', asSentence(checked.message)));
    return;
  }
  const storeAnyway = vscode.l10n.t('Store Anyway');
  const choice = await showWarning(vscode.l10n.t('The token could not be checked. {0} Store it anyway?', asSentence(checked.message)), storeAnyway);
  if (choice === storeAnyway) {
    await tokens.set(token);
    log.info(`API token of ${account.name} stored without a check (gateway unreachable).`);
  }
}

export async function clearToken(tokens: TokenAccess, log: ExtensionLog): Promise<void> {
  const had = (await tokens.get()) !== undefined;
  await tokens.clear();
  log.info('API token removed.');
  void showInformation(
    had ? vscode.l10n.t('The Keccel API token was removed.') : vscode.l10n.t('No Keccel API token was set.'),
  );
}
