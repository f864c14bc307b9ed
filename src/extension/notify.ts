// The only way the extension shows a notification or a message dialog. VS Code turns `[label](command:…)` in a
// notification's text into a link that runs the command, and our messages quote text we did not write (a
// gateway's description, an HTTP error line, a proxy page's excerpt, the keccel.sender setting). Every message
// and modal detail goes through plainText, so such text is always shown as text (product.md, Trust). ESLint
// (eslint.config.mjs) forbids vscode.window.show*Message anywhere else in src/extension.
import * as vscode from 'vscode';
import { plainText } from '../core/plainText';

type Kind = 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage';
type Show = (message: string, ...rest: unknown[]) => Thenable<string | undefined>;
type Rest = string[] | [vscode.MessageOptions, ...string[]];

function show(kind: Kind, message: string, rest: Rest): Thenable<string | undefined> {
  const [first, ...items] = rest;
  const args: unknown[] =
    typeof first === 'object' ? [{ ...first, ...(first.detail === undefined ? {} : { detail: plainText(first.detail) }) }, ...items] : rest;
  // Looked up on every call: VS Code's function, bound to its window object.
  return (vscode.window[kind] as Show).call(vscode.window, plainText(message), ...args);
}

/** vscode.window.showInformationMessage, with the message (and a modal detail) shown as plain text. */
export function showInformation(message: string, ...items: string[]): Thenable<string | undefined>;
export function showInformation(message: string, options: vscode.MessageOptions, ...items: string[]): Thenable<string | undefined>;
export function showInformation(message: string, ...rest: Rest): Thenable<string | undefined> {
  return show('showInformationMessage', message, rest);
}

/** vscode.window.showWarningMessage, with the message (and a modal detail) shown as plain text. */
export function showWarning(message: string, ...items: string[]): Thenable<string | undefined>;
export function showWarning(message: string, options: vscode.MessageOptions, ...items: string[]): Thenable<string | undefined>;
export function showWarning(message: string, ...rest: Rest): Thenable<string | undefined> {
  return show('showWarningMessage', message, rest);
}

/** vscode.window.showErrorMessage, with the message (and a modal detail) shown as plain text. */
export function showError(message: string, ...items: string[]): Thenable<string | undefined>;
export function showError(message: string, options: vscode.MessageOptions, ...items: string[]): Thenable<string | undefined>;
export function showError(message: string, ...rest: Rest): Thenable<string | undefined> {
  return show('showErrorMessage', message, rest);
}
