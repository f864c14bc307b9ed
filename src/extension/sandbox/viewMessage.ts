// The line at the top of the Messages view while the sandbox is on: where an app points to reach it, a marker
// while any failure injection is on (so a surprising failure is never a mystery), and how many requests it refused
// (no right token, a web page's, too large: none of them is in the history, so the count is the only trace here). VS Code hides a view's welcome
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
  const refusals = sandbox.refusals;
  if (!chaos && refusals.count === 0 && historyEmpty) return undefined;
  const lines = [vscode.l10n.t('Your app: KECCEL_BASE_URL={0} (Copy Sandbox Connection adds the token).', connection.baseUrl)];
  if (chaos) lines.unshift(vscode.l10n.t('⚠ Failure injection on: {0}.', chaos));
  if (refusals.count > 0) {
    const at = refusals.lastAt ? new Date(refusals.lastAt).toLocaleTimeString() : '';
    lines.push(
      refusals.count === 1
        ? vscode.l10n.t('1 request refused (wrong or missing token, from a web page, or too large) at {0}; the Keccel Sandbox channel lists it.', at)
        : vscode.l10n.t('{0} requests refused (wrong or missing token, from a web page, or too large), the last at {1}; the Keccel Sandbox channel lists them.', refusals.count, at),
    );
  }
  return lines.join('\n');
}

/** Keeps `view.message` and the `keccel.sandbox.chaos` context (for menus) in step with the sandbox. */
export function followSandbox(view: vscode.TreeView<unknown>, sandbox: Sandbox, session: Session): vscode.Disposable {
  let shownEmpty: boolean | undefined;
  let mine: string | undefined;
  const update = async () => {
    const empty = !sandbox.current || (await session.store('sandbox').then((s) => s.size === 0, () => true));
    shownEmpty = empty;
    // The Messages filter (tree/filterCommand.ts) uses the same line while a filter is on: its line wins. A view
    // that never had a message reads '' (VS Code's initial value), not undefined.
    if (!view.message || view.message === mine) {
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
