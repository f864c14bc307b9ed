// Wires the Getting Started walkthrough: the handler of `keccel.openWalkthrough`, the context keys its steps complete on, the
// ticks of its steps (ticks.ts), and the one opening after the first install (open.ts says when).
import * as vscode from 'vscode';
import type { ExtensionLog } from '../platform/log';
import { describeError } from '../platform/log';
import type { Session } from '../session/session';
import { WALKTHROUGH_SHOWN_KEY, openWalkthrough, showWalkthroughOnce } from './open';
import { WalkthroughProgress } from './progress';
import { StepTicks, TICKED_STEPS_KEY } from './ticks';

export interface WalkthroughState {
  shown: boolean;
  progress: ReturnType<WalkthroughProgress['snapshot']>;
  ticked: string[];
}

export interface RegisteredWalkthrough {
  /** What api.ts exposes of it. */
  state: () => WalkthroughState;
  /** The handler of keccel.openWalkthrough, which the command registry registers with its error wrapper. */
  open: () => Promise<unknown>;
  /** The command registry calls it as each of our commands starts: a step that completes on it is ticked. */
  commandRan: (id: string) => void;
}

export function registerWalkthrough(context: vscode.ExtensionContext, session: Session, log: ExtensionLog): RegisteredWalkthrough {
  const ticks = new StepTicks(context.extension.packageJSON, context.globalState, log);
  const progress = new WalkthroughProgress(session, ticks);
  context.subscriptions.push(ticks, progress);
  return {
    state: () => ({
      shown: context.globalState.get<boolean>(WALKTHROUGH_SHOWN_KEY) === true,
      progress: progress.snapshot(),
      ticked: context.globalState.get<string[]>(TICKED_STEPS_KEY) ?? [],
    }),
    open: () => openWalkthrough(context.globalState),
    commandRan: (id) => ticks.happened(`onCommand:${id}`),
  };
}

/** After activation (a command and a globalState write: nothing for activate() to wait for). */
export function offerWalkthroughOnce(context: vscode.ExtensionContext, log: ExtensionLog): void {
  void showWalkthroughOnce(context.globalState).then(
    (outcome) => outcome !== 'alreadyShown' && log.info(`Getting Started walkthrough: ${outcome === 'opened' ? 'opened once after the first install' : 'not opened (workbench.welcomePage.walkthroughs.openOnInstall is off)'}.`),
    (error: unknown) => log.warn(`Walkthrough: ${describeError(error)}`),
  );
}
