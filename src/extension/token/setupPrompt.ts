// The one answer to "this needs a token and there is none": a notification naming what could not be done, with
// buttons to set a token or to try the sandbox. Shown, never awaited, so the command that hit it resolves at once.
import * as vscode from 'vscode';
import { showError, showInformation } from '../platform/notify';

export function offerSetup(message: string, severity: 'info' | 'error' = 'info'): void {
  const setToken = vscode.l10n.t('Set API Token');
  const trySandbox = vscode.l10n.t('Try the Sandbox');
  const shown =
    severity === 'error'
      ? showError(message, setToken, trySandbox)
      : showInformation(message, setToken, trySandbox);
  void shown.then((choice) => {
    if (choice === setToken) void vscode.commands.executeCommand('keccel.setToken');
    else if (choice === trySandbox) void vscode.commands.executeCommand('keccel.startSandbox');
  });
}
