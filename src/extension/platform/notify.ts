// The only way the extension shows a notification or a message dialog. VS Code turns `[label](command:…)` in a
// notification's text into a link that runs the command, and our messages quote text we did not write (a gateway's
// description, an HTTP error line, a proxy page's excerpt, the keccel.sender setting). Every message and modal detail
// goes through plainText, so such text is always shown as text (README, "How your token and base URL are protected").
// ESLint (eslint.config.mjs) forbids vscode.window.show*Message anywhere else in src/extension.
import * as vscode from 'vscode';
import { plainText } from '../../core/plainText';

type Kind = 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage';
type Item = string | vscode.MessageItem;
type Show = (message: string, ...rest: unknown[]) => Thenable<unknown>;
type Rest<T extends Item> = T[] | [vscode.MessageOptions, ...T[]];

function show<T extends Item>(kind: Kind, message: string, rest: Rest<T>): Thenable<T | undefined> {
  const [first, ...items] = rest;
  const isOptions = typeof first === 'object' && first !== null && !('title' in first);
  const args: unknown[] = isOptions
    ? [{ ...first, ...(first.detail === undefined ? {} : { detail: plainText(first.detail) }) }, ...items]
    : rest;
  // Looked up on every call: VS Code's function, bound to its window object.
  return (vscode.window[kind] as Show).call(vscode.window, plainText(message), ...args) as Thenable<T | undefined>;
}

/** vscode.window.showInformationMessage, with the message (and a modal detail) shown as plain text. */
export function showInformation<T extends Item = string>(message: string, ...items: T[]): Thenable<T | undefined>;
export function showInformation<T extends Item = string>(message: string, options: vscode.MessageOptions, ...items: T[]): Thenable<T | undefined>;
export function showInformation<T extends Item>(message: string, ...rest: Rest<T>): Thenable<T | undefined> {
  return show('showInformationMessage', message, rest);
}

/** vscode.window.showWarningMessage, with the message (and a modal detail) shown as plain text. */
export function showWarning<T extends Item = string>(message: string, ...items: T[]): Thenable<T | undefined>;
export function showWarning<T extends Item = string>(message: string, options: vscode.MessageOptions, ...items: T[]): Thenable<T | undefined>;
export function showWarning<T extends Item>(message: string, ...rest: Rest<T>): Thenable<T | undefined> {
  return show('showWarningMessage', message, rest);
}

/** vscode.window.showErrorMessage, with the message (and a modal detail) shown as plain text. */
export function showError<T extends Item = string>(message: string, ...items: T[]): Thenable<T | undefined>;
export function showError<T extends Item = string>(message: string, options: vscode.MessageOptions, ...items: T[]): Thenable<T | undefined>;
export function showError<T extends Item>(message: string, ...rest: Rest<T>): Thenable<T | undefined> {
  return show('showErrorMessage', message, rest);
}
