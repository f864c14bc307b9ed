// The line at the top of the Messages view while the sandbox is on: where an app points to reach it, and a marker
// while any failure injection is on (so a surprising failure is never a mystery). VS Code hides a view's welcome
// content while it has a message, so an empty sandbox history without failure injection keeps its welcome (which
// says the same, with a Copy button) and gets no message.
import * as vscode from 'vscode';
import type { Session } from '../session/session';
import { chaosSummary } from './chaosPicks';
import type { Sandbox } from './sandbox';
import { readSandboxConfig } from '../settings/sandboxSettings';

/** The view's message for the sandbox's current state; undefined when it is off or the welcome says it. */
export function sandboxViewMessage(sandbox: Sandbox, historyEmpty: boolean): string | undefined {
  const connection = sandbox.current;
  if (!connection) return undefined;
  const chaos = chaosSummary(readSandboxConfig().chaos);
  if (!chaos && historyEmpty) return undefined;
  const lines = [vscode.l10n.t('Your app: KECCEL_BASE_URL={0} (Copy Sandbox Connection adds the token).', connection.baseUrl)];
  if (chaos) lines.unshift(vscode.l10n.t('⚠ Failure injection on: {0}.', chaos));
  return lines.join('\n');
}

/** Keeps `view.message` and the `keccel.sandbox.chaos` context (for menus) in step with the sandbox. */
export function followSandbox(view: vscode.TreeView<unknown>, sandbox: Sandbox, session: Session): vscode.Disposable {
  let shownEmpty: boolean | undefined;
  let mine: string | undefined;
  const update = async () => {
    const empty = !sandbox.current || (await session.store('sandbox').then((s) => s.size === 0, () => true));
    shownEmpty = empty;
    // The Messages filter (tree/filterCommand.ts) uses the same line while a filter is on: its line wins.
    if (view.message === undefined || view.message === mine) {
      mine = sandboxViewMessage(sandbox, empty);
      view.message = mine;
    }
    const chaosOn = !!sandbox.current && chaosSummary(readSandboxConfig().chaos) !== '';
    void vscode.commands.executeCommand('setContext', 'keccel.sandbox.chaos', chaosOn);
  };
  const subscriptions = [
    sandbox.onDidChange(() => void update()),
    // Only the change between empty and not empty matters here; a burst of sends costs one cheap size check each.
    session.onDidChangeHistory((mode) => {
      if (mode !== 'sandbox' || !sandbox.current) return;
      void session.store('sandbox').then(
        (s) => {
          if ((s.size === 0) !== shownEmpty) void update();
        },
        () => undefined,
      );
    }),
  ];
  return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
}
