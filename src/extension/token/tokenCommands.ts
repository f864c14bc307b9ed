// keccel.setToken / keccel.clearToken. A token is checked against the balance endpoint before it is stored: a
// rejection stores nothing and says why; a network failure offers to store it anyway when a person is asking,
// and stores nothing when the token came as an argument (a script must not save an unchecked secret silently).
import * as vscode from 'vscode';
import { KeccelClient } from '../../core/client';
import { isKeccelError } from '../../core/errors';
import { isTooShortToken, MIN_TOKEN_LENGTH } from '../../core/tokenRules';
import { clientOptions, readConfig } from '../settings/config';
import { describeError, type ExtensionLog } from '../platform/log';
import { asSentence } from '../wording/strings';
import type { TokenStore } from './tokenStore';
import { showError, showInformation, showWarning } from '../platform/notify';

export async function setToken(tokens: TokenStore, log: ExtensionLog, arg?: unknown): Promise<void> {
  const entry = await tokenToSet(arg);
  if (!entry) return;
  const { token, interactive } = entry;
  if (isTooShortToken(token)) {
    // Stored nowhere and not sent to the gateway; the length is no secret worth hiding.
    log.warn(`Token refused: ${token.length} characters, fewer than ${MIN_TOKEN_LENGTH}.`);
    void showError(tooShortText(token)!);
    return;
  }
  log.addSecret(token);
  const config = readConfig();
  let client: KeccelClient | undefined;
  try {
    client = new KeccelClient({ ...clientOptions(config.apiBaseUrl, token, true), logger: log });
    const checking = client;
    const balance = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the token with Keccel…') },
      () => checking.balance(config.sender),
    );
    await tokens.set(token);
    log.info('API token checked and stored.');
    void showInformation(
      vscode.l10n.t('Keccel token saved. Balance: {0} SMS.', Math.trunc(balance.balance)),
    );
  } catch (error) {
    if (isKeccelError(error) && error.kind === 'rejected') showRejected(error, log);
    else await whenUncheckable(error, token, interactive, tokens, log);
  } finally {
    void client?.close();
  }
}

/**
 * The token to check: the argument's (a string or `{token}`), else what the user types in a password box.
 * Undefined when there is none (the box was cancelled, or the argument was empty, which is said).
 */
async function tokenToSet(arg: unknown): Promise<{ token: string; interactive: boolean } | undefined> {
  const given = typeof arg === 'string' ? arg : (arg as { token?: unknown } | undefined)?.token;
  const interactive = typeof given !== 'string';
  const typed = interactive
    ? await vscode.window.showInputBox({
        title: vscode.l10n.t('Keccel API Token'),
        prompt: vscode.l10n.t('Paste the API token of your Keccel account. It is kept in the system keychain (SecretStorage), never in settings.'),
        password: true,
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim() ? tooShortText(value.trim()) : vscode.l10n.t('The token cannot be empty.')),
      })
    : String(given);
  const token = typed?.trim();
  if (!token) {
    if (!interactive) void showError(vscode.l10n.t('The token cannot be empty.'));
    return undefined;
  }
  return { token, interactive };
}

/** The gateway refused the token: nothing is stored, and the gateway's reason is shown. */
function showRejected(error: unknown, log: ExtensionLog): void {
  const description = (error as { description?: string }).description || describeError(error);
  log.warn(`Token rejected by the gateway: ${description}`);
  // Not awaited: a script that passed the token resolves at once; a person can click to type it again.
  const retry = vscode.l10n.t('Try Again');
  void showError(vscode.l10n.t('Keccel rejected this token: {0}', asSentence(description)), retry)
    .then((choice) => choice === retry && vscode.commands.executeCommand('keccel.setToken'));
}

/**
 * Anything but a refusal (no answer, an answer that is not the gateway's, a base URL the client refuses): the
 * token's worth is unknown. A script's token is not stored; a person is asked whether to store it anyway.
 */
async function whenUncheckable(
  error: unknown,
  token: string,
  interactive: boolean,
  tokens: TokenStore,
  log: ExtensionLog,
): Promise<void> {
  const message = describeError(error);
  log.warn(`Could not check the token: ${message}`);
  if (!interactive) {
    void showError(
      vscode.l10n.t('The token could not be checked, so it was not stored. {0}', asSentence(message)),
    );
    return;
  }
  const storeAnyway = vscode.l10n.t('Store Anyway');
  const choice = await showWarning(
    vscode.l10n.t('The token could not be checked. {0} Store it anyway?', asSentence(message)),
    storeAnyway,
  );
  if (choice === storeAnyway) {
    await tokens.set(token);
    log.info('API token stored without a check (gateway unreachable).');
  }
}

/** Why a token is refused for its length, or undefined when it is long enough. */
function tooShortText(token: string): string | undefined {
  if (!isTooShortToken(token)) return undefined;
  return vscode.l10n.t(
    'A Keccel API token has at least {0} characters; this one has {1}. Copy the whole token from your Keccel account.',
    MIN_TOKEN_LENGTH,
    token.length,
  );
}

export async function clearToken(tokens: TokenStore, log: ExtensionLog): Promise<void> {
  const had = (await tokens.get()) !== undefined;
  await tokens.clear();
  log.info('API token removed.');
  void showInformation(
    had ? vscode.l10n.t('The Keccel API token was removed.') : vscode.l10n.t('No Keccel API token was set.'),
  );
}
