// Opening the Getting Started walkthrough: `keccel.openWalkthrough` (and the welcome view's link), and once by
// itself after the first install. VS Code opens an extension's walkthrough after an install from the Marketplace or
// a VSIX when `workbench.welcomePage.walkthroughs.openOnInstall` is on; that counts as the one time: the first
// activation records that it was shown (and asks VS Code to show it, which only brings the same page forward if
// VS Code already opened it), and it is never opened by itself again. With that setting off, it is not opened.
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../api';

export const WALKTHROUGH_ID = `${EXTENSION_ID}#gettingStarted`;
export const OPEN_WALKTHROUGH_COMMAND = 'keccel.openWalkthrough';
/** globalState: set once the walkthrough was shown (by VS Code, by us, or asked for). */
export const WALKTHROUGH_SHOWN_KEY = 'keccel.walkthrough.shown';

export async function openWalkthrough(state: vscode.Memento): Promise<void> {
  await state.update(WALKTHROUGH_SHOWN_KEY, true);
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
}

/** After the first install only; never again by itself. Says what it did (for the log). */
export async function showWalkthroughOnce(state: vscode.Memento): Promise<'opened' | 'settingOff' | 'alreadyShown'> {
  if (state.get<boolean>(WALKTHROUGH_SHOWN_KEY)) return 'alreadyShown';
  await state.update(WALKTHROUGH_SHOWN_KEY, true);
  if (vscode.workspace.getConfiguration('workbench').get<boolean>('welcomePage.walkthroughs.openOnInstall') === false) return 'settingOff';
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
  return 'opened';
}
