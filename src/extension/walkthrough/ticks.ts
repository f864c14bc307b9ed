// Why the extension ticks its walkthrough's steps itself. VS Code (1.139) starts listening for a walkthrough's
// completion events (`onCommand:`, `onContext:`) only once its walkthrough service exists in the window, and that
// service is created when something first needs it: the Welcome page or the walkthrough opened in that window. A step
// done in a window where neither was opened (after a reload, the next day) was never checked off, and a context key
// already on when the service starts does not count either. So when one of our own commands runs or one of our own
// keys turns on, the step that names it in package.json is ticked through the Welcome page's own command (what its
// "Mark Step Complete" does), which creates the service if needed and records the tick in VS Code's storage. The
// completion events stay in package.json: VS Code still ticks a step itself while its walkthrough is open. A tick
// VS Code confirmed is remembered in globalState, so no later window asks again. The first tick in a window can come
// before VS Code has registered our walkthrough in the service it just started (it does so a moment later, after at
// most 5 s waiting on its experiments service): that ask fails and is made once more after that bound.
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../api';
import type { ExtensionLog } from '../platform/log';
import { describeError } from '../platform/log';
import { stepsCompletedBy } from './steps';

/** The Welcome page's command behind a step's checkbox; its argument is the step's full id. */
const MARK_STEP_COMPLETE = 'welcome.markStepComplete';
/** globalState: the full ids of the steps VS Code confirmed ticking. */
export const TICKED_STEPS_KEY = 'keccel.walkthrough.ticked';
/** When a failed tick is asked once more: VS Code's bound on registering an extension's walkthrough, plus a margin. */
const ASK_AGAIN_AFTER_MS = 6_000;

export class StepTicks implements vscode.Disposable {
  /** Full step ids asked for in this window: once, and once more if that fails (then again in the next window). */
  private readonly asked = new Set<string>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly packageJson: unknown,
    private readonly state: vscode.Memento,
    private readonly log: ExtensionLog,
  ) {}

  /** `event` happened in this window: a command of ours ran (`onCommand:id`) or a key of ours turned on (`onContext:key`). */
  happened(event: string): void {
    for (const step of stepsCompletedBy(this.packageJson, EXTENSION_ID, event)) {
      if (this.asked.has(step) || this.confirmed().includes(step)) continue;
      this.asked.add(step);
      this.ask(step, event, true);
    }
  }

  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private ask(step: string, event: string, again: boolean): void {
    void vscode.commands.executeCommand(MARK_STEP_COMPLETE, step).then(
      () => this.state.update(TICKED_STEPS_KEY, [...new Set([...this.confirmed(), step])]),
      (error: unknown) => {
        if (!again) {
          this.log.warn(`Walkthrough: VS Code did not confirm the tick of ${step} (${event}): ${describeError(error)}`);
          return;
        }
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.ask(step, event, false);
        }, ASK_AGAIN_AFTER_MS);
        this.timers.add(timer);
      },
    );
  }

  private confirmed(): string[] {
    return this.state.get<string[]>(TICKED_STEPS_KEY) ?? [];
  }
}
