// The "Diagnose" button of the error notifications of a failed balance refresh or send.
import * as vscode from 'vscode';

/** The button's label. */
export function diagnoseButton(): string {
  return vscode.l10n.t('Diagnose');
}

/** Runs the diagnosis when the user chose the button (called with the notification's answer, never awaited). */
export function diagnoseIfChosen(choice: string | undefined): void {
  if (choice === diagnoseButton()) void vscode.commands.executeCommand('keccel.diagnoseConnection');
}
