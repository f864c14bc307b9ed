// A token is tried against the balance endpoint of its account's gateway before it is stored, and refused before
// that when it cannot be a token (core/tokenRules.ts). Used by Set API Token and Add Account alike.
import * as vscode from 'vscode';
import { KeccelClient } from '../../core/client';
import { isKeccelError } from '../../core/errors';
import { isTooShortToken, MIN_TOKEN_LENGTH } from '../../core/tokenRules';
import type { Balance } from '../../core/types';
import { describeError, type ExtensionLog } from '../platform/log';
import { clientOptions } from '../settings/config';

export type TokenCheck =
  | { kind: 'ok'; balance: Balance }
  | { kind: 'rejected'; description: string }
  | { kind: 'unreachable'; message: string };

/**
 * Why a typed or passed token (trimmed here) is refused before anything is sent, in the user's language; undefined
 * when it may be tried. The length is no secret worth hiding.
 */
export function tokenProblemText(typed: string): string | undefined {
  const token = typed.trim();
  if (!token) return vscode.l10n.t('The token cannot be empty.');
  if (!isTooShortToken(token)) return undefined;
  return vscode.l10n.t(
    'A Keccel API token has at least {0} characters; this one has {1}. Copy the whole token from your Keccel account.',
    MIN_TOKEN_LENGTH,
    token.length,
  );
}

export async function checkTokenWithGateway(baseUrl: string, token: string, sender: string, log: ExtensionLog): Promise<TokenCheck> {
  let client: KeccelClient | undefined;
  try {
    client = new KeccelClient({ ...clientOptions(baseUrl, token, true), logger: log });
    const checking = client;
    const balance = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the token with Keccel…') },
      () => checking.balance(sender),
    );
    return { kind: 'ok', balance };
  } catch (error) {
    const message = describeError(error);
    if (isKeccelError(error) && error.kind === 'rejected') {
      const description = (error as { description?: string }).description || message;
      log.warn(`Token rejected by the gateway: ${description}`);
      return { kind: 'rejected', description };
    }
    log.warn(`Could not check the token: ${message}`);
    return { kind: 'unreachable', message };
  } finally {
    void client?.close();
  }
}
