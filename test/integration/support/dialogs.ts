// Answers the extension's modal dialogs in place of the user's click. A modal dialog of the workbench cannot be
// clicked from the extension host, so while `answerModals` is on, showWarningMessage/showInformationMessage calls
// with `{modal: true}` resolve with the item `choose` returns (by title), after the test decides; non-modal
// notifications still go to VS Code. Each question is recorded with its detail and buttons, in order.
import * as vscode from 'vscode';

type Kind = 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage';
const KINDS: Kind[] = ['showInformationMessage', 'showWarningMessage', 'showErrorMessage'];

export interface ModalQuestion {
  message: string;
  detail?: string;
  /** Button titles in the order VS Code would get them (the first non-close one is its default: Enter). */
  buttons: string[];
  /** The title of the close-affordance button (Escape), if one was given. */
  closeButton?: string;
}

export interface ModalAnswers {
  readonly asked: ModalQuestion[];
  dispose(): void;
}

/** `choose` returns the title to click, or undefined for Escape; it may wait (the dialog stays open meanwhile). */
export function answerModals(choose: (question: ModalQuestion) => string | undefined | Promise<string | undefined>): ModalAnswers {
  const asked: ModalQuestion[] = [];
  const window = vscode.window as unknown as Record<Kind, (...args: unknown[]) => Thenable<unknown>>;
  const originals = KINDS.map((kind) => [kind, window[kind]] as const);
  for (const [kind, original] of originals) {
    window[kind] = (...args: unknown[]) => {
      const options = args[1];
      if (!(options && typeof options === 'object' && !('title' in options) && (options as vscode.MessageOptions).modal)) {
        return original.apply(vscode.window, args);
      }
      const items = args.slice(2) as (string | vscode.MessageItem)[];
      const title = (item: string | vscode.MessageItem) => (typeof item === 'string' ? item : item.title);
      const close = items.find((item) => typeof item !== 'string' && item.isCloseAffordance);
      const question: ModalQuestion = {
        message: String(args[0]),
        detail: (options as vscode.MessageOptions).detail,
        buttons: items.map(title),
        closeButton: close === undefined ? undefined : title(close),
      };
      asked.push(question);
      return Promise.resolve(choose(question)).then((answer) => (answer === undefined ? undefined : items.find((item) => title(item) === answer)));
    };
  }
  return {
    asked,
    dispose: () => {
      for (const [kind, original] of originals) window[kind] = original;
    },
  };
}

export interface NotificationAnswers {
  /** Each notification with buttons that was answered: its message and the titles of its buttons. */
  readonly asked: { message: string; buttons: string[] }[];
  dispose(): void;
}

/**
 * Clicks a button of the extension's non-modal notifications in place of the user: while on, a notification that
 * has buttons resolves with the one `choose` names (undefined: as if it were closed). A notification toast cannot
 * be clicked from the extension host, and one without buttons still goes to VS Code.
 */
export function answerNotifications(choose: (message: string, buttons: string[]) => string | undefined): NotificationAnswers {
  const asked: { message: string; buttons: string[] }[] = [];
  const window = vscode.window as unknown as Record<Kind, (...args: unknown[]) => Thenable<unknown>>;
  const originals = KINDS.map((kind) => [kind, window[kind]] as const);
  for (const [kind, original] of originals) {
    window[kind] = (...args: unknown[]) => {
      const first = args[1];
      const isOptions = first !== null && typeof first === 'object' && !('title' in first);
      const items = (isOptions ? args.slice(2) : args.slice(1)) as (string | vscode.MessageItem)[];
      if (items.length === 0 || (isOptions && (first as vscode.MessageOptions).modal)) return original.apply(vscode.window, args);
      const title = (item: string | vscode.MessageItem) => (typeof item === 'string' ? item : item.title);
      const buttons = items.map(title);
      asked.push({ message: String(args[0]), buttons });
      const answer = choose(String(args[0]), buttons);
      return Promise.resolve(answer === undefined ? undefined : items.find((item) => title(item) === answer));
    };
  }
  return {
    asked,
    dispose: () => {
      for (const [kind, original] of originals) window[kind] = original;
    },
  };
}
