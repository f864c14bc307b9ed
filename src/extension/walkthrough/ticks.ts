// Why the extension ticks its walkthrough's steps itself. VS Code (1.139) starts listening for a walkthrough's
// completion events (`onCommand:`, `onContext:`) only once its walkthrough service exists in the window, and that
// service is created when something first needs it: the Welcome page or the walkthrough opened in that window. A step
// done in a window where neither was opened (after a reload, the next day) was never checked off, and a context key
// already on when the service starts does not count either. So when one of our own commands runs or one of our own
// keys turns on, the step that names it in package.json is ticked through the Welcome page's own command (what its
// "Mark Step Complete" does), which creates the service if needed and records the tick in VS Code's storage. The
// completion events stay in package.json: VS Code still ticks a step itself while its walkthrough is open.
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../api';
import type { ExtensionLog } from '../platform/log';
import { describeError } from '../platform/log';
import { stepsCompletedBy } from './steps';

/** The Welcome page's command behind a step's checkbox; its argument is the step's full id. */
const MARK_STEP_COMPLETE = 'welcome.markStepComplete';

export class StepTicks {
  /** Full step ids ticked in this window: once is enough (VS Code keeps the tick). */
  private readonly ticked = new Set<string>();

  constructor(
    private readonly packageJson: unknown,
    private readonly log: ExtensionLog,
  ) {}

  /** `event` happened in this window: a command of ours ran (`onCommand:id`) or a key of ours turned on (`onContext:key`). */
  happened(event: string): void {
    for (const step of stepsCompletedBy(this.packageJson, EXTENSION_ID, event)) {
      if (this.ticked.has(step)) continue;
      this.ticked.add(step);
      void vscode.commands.executeCommand(MARK_STEP_COMPLETE, step).then(undefined, (error: unknown) =>
        this.log.warn(`Walkthrough: VS Code did not confirm the tick of ${step} (${event}): ${describeError(error)}`),
      );
    }
  }
}
