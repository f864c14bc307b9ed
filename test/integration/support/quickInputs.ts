// Drives the extension's palette steps from a test. VS Code's quick inputs are real, but the extension host cannot
// type into an input box opened by `showInputBox`, so:
// - `answerInputBoxes` answers `showInputBox` in place of the user, running the step's own `validateInput` on each
//   answer as VS Code does: a refused answer is recorded with the message the box showed, and the answerer is asked
//   again (the user correcting what they typed);
// - `watchQuickInputs` keeps a handle on each quick pick and input box the extension opens (VS Code's own), so the
//   test reads their rows, types a value and accepts them with the workbench's accept command, as Enter would.
//   `showQuickPick` is shown through `createQuickPick` for that (same rows, same title and placeholder).
import * as vscode from 'vscode';

export interface AskedInputBox {
  title?: string;
  prompt?: string;
  password?: boolean;
  /** Answers given so far to this box. */
  attempts: number;
  /** The validation message shown for each refused answer, in order. */
  refusals: string[];
}

export interface InputBoxAnswers {
  readonly asked: AskedInputBox[];
  dispose(): void;
}

/** `answer` returns what the user types, or undefined for Escape. */
export function answerInputBoxes(answer: (box: AskedInputBox) => string | undefined): InputBoxAnswers {
  const asked: AskedInputBox[] = [];
  const window = vscode.window as unknown as { showInputBox: typeof vscode.window.showInputBox };
  const original = window.showInputBox;
  window.showInputBox = async (options?: vscode.InputBoxOptions) => {
    const box: AskedInputBox = { title: options?.title, prompt: options?.prompt, password: options?.password, attempts: 0, refusals: [] };
    asked.push(box);
    while (box.attempts < 5) {
      const value = answer(box);
      box.attempts++;
      if (value === undefined) return undefined;
      const validation = await options?.validateInput?.(value);
      const message = typeof validation === 'string' ? validation : validation?.message;
      if (!message) return value;
      box.refusals.push(message);
    }
    return undefined;
  };
  return { asked, dispose: () => (window.showInputBox = original) };
}

export interface QuickInputs {
  readonly quickPicks: vscode.QuickPick<vscode.QuickPickItem>[];
  readonly inputBoxes: vscode.InputBox[];
  /** Makes row `index` the highlighted one and accepts it (Enter). */
  choose(pick: vscode.QuickPick<vscode.QuickPickItem>, index: number): Promise<void>;
  dispose(): void;
}

export function watchQuickInputs(): QuickInputs {
  const quickPicks: vscode.QuickPick<vscode.QuickPickItem>[] = [];
  const inputBoxes: vscode.InputBox[] = [];
  const window = vscode.window as unknown as {
    createQuickPick: typeof vscode.window.createQuickPick;
    createInputBox: typeof vscode.window.createInputBox;
    showQuickPick: (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>, options?: vscode.QuickPickOptions) => Thenable<vscode.QuickPickItem | undefined>;
  };
  const originals = { createQuickPick: window.createQuickPick, createInputBox: window.createInputBox, showQuickPick: window.showQuickPick };
  window.createQuickPick = <T extends vscode.QuickPickItem>() => {
    const pick = originals.createQuickPick.call(vscode.window) as vscode.QuickPick<T>;
    quickPicks.push(pick as unknown as vscode.QuickPick<vscode.QuickPickItem>);
    return pick;
  };
  window.createInputBox = () => {
    const box = originals.createInputBox.call(vscode.window);
    inputBoxes.push(box);
    return box;
  };
  window.showQuickPick = async (items, options) => {
    const pick = window.createQuickPick();
    pick.title = options?.title;
    pick.placeholder = options?.placeHolder;
    pick.ignoreFocusOut = options?.ignoreFocusOut ?? false;
    pick.items = await items;
    return new Promise<vscode.QuickPickItem | undefined>((resolve) => {
      pick.onDidAccept(() => {
        resolve(pick.activeItems[0]);
        pick.hide();
      });
      pick.onDidHide(() => {
        resolve(undefined);
        pick.dispose();
      });
      pick.show();
    });
  };
  return {
    quickPicks,
    inputBoxes,
    choose: async (pick, index) => {
      let accepted = false;
      const listener = pick.onDidAccept(() => (accepted = true));
      try {
        const deadline = Date.now() + 10_000;
        while (!accepted && Date.now() < deadline) {
          pick.activeItems = [pick.items[index]];
          await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
          if (!accepted) await new Promise((resolve) => setTimeout(resolve, 100));
        }
        if (!accepted) throw new Error(`Row ${index} of "${pick.title}" was not accepted`);
      } finally {
        listener.dispose();
      }
    },
    dispose: () => Object.assign(window, originals),
  };
}
