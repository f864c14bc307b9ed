// keccel.setToken / keccel.clearToken, on this window's active account. A token shorter than 8 characters is
// refused before anything is sent (core/tokenRules.ts). A token is checked against the balance endpoint of the
// account's gateway before it is stored: a rejection stores nothing and says why; a network failure offers to store
// it anyway when a person is asking, and stores nothing when the token came as an argument (a script must not save
// an unchecked secret silently).
import * as vscode from 'vscode';
import type { Account } from '../../core/accounts';
import { isTooShortToken, MIN_TOKEN_LENGTH } from '../../core/tokenRules';
import { checkTokenWithGateway, tokenProblemText } from '../accounts/tokenCheck';
import type { ExtensionLog } from '../platform/log';
import { asSentence } from '../wording/strings';
import type { TokenAccess } from './tokenStore';
import { showError, showInformation, showWarning } from '../platform/notify';

export async function setToken(tokens: TokenAccess, account: Account, several: boolean, log: ExtensionLog, arg?: unknown): Promise<void> {
  const entry = await tokenToSet(account, several, arg);
  if (!entry) return;
  const { token, interactive } = entry;
  const problem = tokenProblemText(token);
  if (problem) {
    // Stored nowhere and not sent to the gateway; the length is no secret worth hiding.
    if (isTooShortToken(token)) log.warn(`Token refused: ${token.length} characters, fewer than ${MIN_TOKEN_LENGTH}.`);
    void showError(problem);
    return;
  }
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
  // Anything but a refusal: the token's worth is unknown. A script's token is not stored; a person is asked.
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

/**
 * The token to check: the argument's (a string or `{token}`), else what the user types in a password box.
 * Undefined when there is none (the box was cancelled, or the argument was empty, which is said).
 */
async function tokenToSet(account: Account, several: boolean, arg: unknown): Promise<{ token: string; interactive: boolean } | undefined> {
  const given = typeof arg === 'string' ? arg : (arg as { token?: unknown } | undefined)?.token;
  const interactive = typeof given !== 'string';
  const typed = interactive
    ? await vscode.window.showInputBox({
        title: several ? vscode.l10n.t('Keccel API Token of "{0}"', account.name) : vscode.l10n.t('Keccel API Token'),
        prompt: vscode.l10n.t('Paste the API token of your Keccel account. It is kept in the system keychain (SecretStorage), never in settings.'),
        password: true,
        ignoreFocusOut: true,
        validateInput: (value) => tokenProblemText(value),
      })
    : String(given);
  const token = typed?.trim();
  if (!token) {
    if (!interactive) void showError(vscode.l10n.t('The token cannot be empty.'));
    return undefined;
  }
  return { token, interactive };
}

export async function clearToken(tokens: TokenAccess, log: ExtensionLog): Promise<void> {
  const had = (await tokens.get()) !== undefined;
  await tokens.clear();
  log.info('API token removed.');
  void showInformation(
    had ? vscode.l10n.t('The Keccel API token was removed.') : vscode.l10n.t('No Keccel API token was set.'),
  );
}
