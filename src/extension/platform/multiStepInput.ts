// The palette's multi-step input toolkit, shared by the Send SMS and OTP flows: one input box step with an
// optional Back button, and the settle-once guard every step (input box or quick pick) ends through.
import * as vscode from 'vscode';

export const BACK = Symbol('back');
export type StepResult<T> = T | typeof BACK | undefined;

/**
 * A step ends once: accept, Back and hide can all fire (hiding follows every dispose), and only the first counts.
 * Resolves the step's promise and disposes its quick input.
 */
export function settleOnce<T>(resolve: (result: StepResult<T>) => void, input: vscode.Disposable): (result: StepResult<T>) => void {
  let done = false;
  return (result) => {
    if (done) return;
    done = true;
    resolve(result);
    input.dispose();
  };
}

/** One input box step; `setup` configures it and returns the validator that also decides if Enter may accept. */
export function prompt(
  title: string,
  value: string,
  canGoBack: boolean,
  setup: (box: vscode.InputBox, finish: (result: StepResult<string>) => void) => (text: string) => boolean,
): Promise<StepResult<string>> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    box.title = title;
    box.value = value;
    box.ignoreFocusOut = true;
    if (canGoBack) box.buttons = [vscode.QuickInputButtons.Back];
    const finish = settleOnce(resolve, box);
    const validate = setup(box, finish);
    validate(value);
    box.onDidChangeValue(validate);
    box.onDidAccept(() => {
      if (validate(box.value)) finish(box.value);
    });
    box.onDidTriggerButton((button) => {
      if (button === vscode.QuickInputButtons.Back) finish(BACK);
    });
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}
