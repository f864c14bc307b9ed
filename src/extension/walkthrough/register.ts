// Wires the Getting Started walkthrough: `keccel.openWalkthrough`, the context keys its steps complete on, and the
// one opening after the first install (open.ts says when).
import * as vscode from 'vscode';
import type { ExtensionLog } from '../platform/log';
import { describeError } from '../platform/log';
import type { Session } from '../session/session';
import { OPEN_WALKTHROUGH_COMMAND, WALKTHROUGH_SHOWN_KEY, openWalkthrough, showWalkthroughOnce } from './open';
import { WalkthroughProgress } from './progress';

export interface WalkthroughState {
  shown: boolean;
  progress: ReturnType<WalkthroughProgress['snapshot']>;
}

/** Returns what api.ts exposes of it. */
export function registerWalkthrough(context: vscode.ExtensionContext, session: Session, log: ExtensionLog): () => WalkthroughState {
  const progress = new WalkthroughProgress(session);
  context.subscriptions.push(
    progress,
    vscode.commands.registerCommand(OPEN_WALKTHROUGH_COMMAND, () =>
      openWalkthrough(context.globalState).catch((error: unknown) => log.error(`${OPEN_WALKTHROUGH_COMMAND} failed: ${describeError(error)}`)),
    ),
  );
  return () => ({ shown: context.globalState.get<boolean>(WALKTHROUGH_SHOWN_KEY) === true, progress: progress.snapshot() });
}

/** After activation (a command and a globalState write: nothing for activate() to wait for). */
export function offerWalkthroughOnce(context: vscode.ExtensionContext, log: ExtensionLog): void {
  void showWalkthroughOnce(context.globalState).then(
    (outcome) => outcome !== 'alreadyShown' && log.info(`Getting Started walkthrough: ${outcome === 'opened' ? 'opened once after the first install' : 'not opened (workbench.welcomePage.walkthroughs.openOnInstall is off)'}.`),
    (error: unknown) => log.warn(`Walkthrough: ${describeError(error)}`),
  );
}
