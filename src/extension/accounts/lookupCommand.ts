// keccel.lookupMessage: a message ID from another app's logs, looked up on the active account's gateway (or the
// sandbox's, when it is on) and recorded in that history (core/lookup.ts), then followed to a final status.
import * as vscode from 'vscode';
import { checkMessageId, lookupMessage } from '../../core/lookup';
import type { HistoryRecord } from '../../core/types';
import { describeError, type ExtensionLog } from '../platform/log';
import { showError, showInformation, showWarning } from '../platform/notify';
import type { Session } from '../session/session';
import { offerSetup } from '../token/setupPrompt';
import type { AccountRegistry } from './accountRegistry';

function idProblemText(problem: ReturnType<typeof checkMessageId>): string | undefined {
  if (problem === 'empty') return vscode.l10n.t('Paste a message ID (the messageID your app received from Keccel).');
  if (problem === 'tooLong') return vscode.l10n.t('This is too long to be a message ID.');
  if (problem === 'invalid') return vscode.l10n.t('A message ID has no spaces: paste the ID alone, not the whole log line.');
  return undefined;
}

export async function runLookup(session: Session, registry: AccountRegistry, log: ExtensionLog, arg?: unknown): Promise<HistoryRecord | undefined> {
  const given = arg && typeof arg === 'object' ? (arg as { messageId?: unknown }).messageId : undefined;
  let messageId = typeof given === 'string' || typeof given === 'number' ? String(given) : undefined;
  if (messageId === undefined) {
    messageId = await vscode.window.showInputBox({
      title: vscode.l10n.t('Look Up a Message'),
      prompt: vscode.l10n.t('The message ID of an SMS your app sent (from its logs). Its delivery status is recorded in the history of "{0}" and followed.', session.isSandbox ? vscode.l10n.t('Sandbox') : registry.active.name),
      ignoreFocusOut: true,
      validateInput: (value) => idProblemText(checkMessageId(value)),
    });
    if (messageId === undefined) return undefined;
  }
  const problem = idProblemText(checkMessageId(messageId));
  if (problem) {
    void showError(problem);
    return undefined;
  }
  const mode = session.mode;
  const client = await session.client(mode);
  if (!client) {
    offerSetup(vscode.l10n.t('Looking up a message needs the token of "{0}".', registry.active.name), 'error');
    return undefined;
  }
  const account = registry.active;
  const store = await session.store(mode);
  const target = { account: mode === 'sandbox' ? vscode.l10n.t('Sandbox') : account.name, sender: account.sender, sandbox: mode === 'sandbox' };
  let result;
  try {
    result = await lookupMessage(messageId, { checker: client, store, target });
  } catch (error) {
    const message = describeError(error);
    log.warn(`Look up of message ${messageId.trim()}: ${message}`);
    void showError(vscode.l10n.t('The message {0} could not be looked up: {1} Nothing was recorded.', messageId.trim(), message));
    return undefined;
  }
  if (!result.found) {
    log.info(`Look up of message ${messageId.trim()}: Keccel answered "${result.description}"; nothing recorded.`);
    void showWarning(vscode.l10n.t('Keccel does not know the message ID {0} ({1}). Nothing was recorded.', messageId.trim(), result.description));
    return undefined;
  }
  const { record } = result;
  if (record.deliveryStatus === 'pending') await session.track(record, mode);
  log.info(`Looked up message ${record.messageId}: ${record.deliveryStatus ?? record.sendStatus}${result.existing ? ' (already in the history)' : ''}.`);
  void showInformation(
    result.existing
      ? vscode.l10n.t('The message {0} is already in the history: {1}.', record.messageId ?? '', record.deliveryStatus ?? record.sendStatus)
      : vscode.l10n.t('Message {0}: {1}. It is in the history and followed to its final status.', record.messageId ?? '', record.deliveryStatus ?? record.sendStatus),
  );
  return record;
}
