// Records the text of every notification the extension shows (information, warning, error; message and modal
// detail), so a test can read what the user reads. The real VS Code functions still run: this only listens.
// The test module and the extension share one `vscode` API object (both live in the extension's folder).
import * as vscode from 'vscode';

type Kind = 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage';
const KINDS: Kind[] = ['showInformationMessage', 'showWarningMessage', 'showErrorMessage'];

export interface CapturedNotifications {
  /** Every message and detail shown since capture started, in order. */
  readonly texts: string[];
  /** Each notification's message with the titles of its buttons, in order. */
  readonly shown: { message: string; buttons: string[] }[];
  dispose(): void;
}

export function captureNotifications(): CapturedNotifications {
  const texts: string[] = [];
  const shown: { message: string; buttons: string[] }[] = [];
  const window = vscode.window as unknown as Record<Kind, (...args: unknown[]) => Thenable<unknown>>;
  const originals = KINDS.map((kind) => [kind, window[kind]] as const);
  for (const [kind, original] of originals) {
    window[kind] = (...args: unknown[]) => {
      texts.push(String(args[0]));
      const buttons = args.slice(1).flatMap((item) =>
        typeof item === 'string' ? [item] : item && typeof item === 'object' && 'title' in item ? [String((item as vscode.MessageItem).title)] : []);
      shown.push({ message: String(args[0]), buttons });
      const options = args[1];
      if (options && typeof options === 'object' && typeof (options as vscode.MessageOptions).detail === 'string') {
        texts.push((options as vscode.MessageOptions).detail as string);
      }
      return original.apply(vscode.window, args);
    };
  }
  return {
    texts,
    shown,
    dispose: () => {
      for (const [kind, original] of originals) window[kind] = original;
    },
  };
}

/**
 * The pattern VS Code turns into a link in a notification (`[label](https:…|command:…|file:…)`), as in its
 * vs/base/common/linkedText.ts (checked in the workbench of code-server 4.139.1).
 */
export const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;
