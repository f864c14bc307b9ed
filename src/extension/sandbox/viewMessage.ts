// The line at the top of the Messages view while the sandbox is on: where an app points to reach it, and a marker
// while any failure injection is on (so a surprising failure is never a mystery).
import * as vscode from 'vscode';
import { chaosSummary } from './chaosPicks';
import type { Sandbox } from './sandbox';
import { readSandboxConfig } from './settings';

/** The view's message for the sandbox's current state; undefined when it is off. */
export function sandboxViewMessage(sandbox: Sandbox): string | undefined {
  const connection = sandbox.current;
  if (!connection) return undefined;
  const lines = [vscode.l10n.t('Apps reach this sandbox at {0} (Copy Sandbox Connection gives the .env lines).', connection.baseUrl)];
  const chaos = chaosSummary(readSandboxConfig().chaos);
  if (chaos) lines.unshift(vscode.l10n.t('⚠ Failure injection on: {0}.', chaos));
  return lines.join('\n');
}

/** Keeps `view.message` and the `keccel.sandbox.chaos` context (for menus) in step with the sandbox. */
export function followSandbox(view: vscode.TreeView<unknown>, sandbox: Sandbox): vscode.Disposable {
  const update = () => {
    view.message = sandboxViewMessage(sandbox);
    const chaosOn = !!sandbox.current && chaosSummary(readSandboxConfig().chaos) !== '';
    void vscode.commands.executeCommand('setContext', 'keccel.sandbox.chaos', chaosOn);
  };
  return sandbox.onDidChange(update);
}
