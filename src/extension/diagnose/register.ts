// Wires "Diagnose Connection": the report tab and the `keccel.diagnoseConnection` command. A failure of the command
// itself (not a failed step: that is the report) is logged and shown, and the command resolves to undefined.
import * as vscode from 'vscode';
import { describeError, type ExtensionLog } from '../platform/log';
import { showError } from '../platform/notify';
import type { Session } from '../session/session';
import { ConnectionDiagnosis, DIAGNOSE_COMMAND } from './command';
import { DiagnosisPanel } from './panel';

export function registerDiagnosis(context: vscode.ExtensionContext, session: Session, log: ExtensionLog): DiagnosisPanel {
  // Run Again checks what the last run checked (the default, or the base URL it was given).
  const panel = new DiagnosisPanel(context.extensionUri, () => void vscode.commands.executeCommand(DIAGNOSE_COMMAND, diagnosis.lastArgument));
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '');
  const diagnosis = new ConnectionDiagnosis(session, panel, log, version);
  context.subscriptions.push(
    panel,
    vscode.commands.registerCommand(DIAGNOSE_COMMAND, async (arg?: unknown) => {
      try {
        return await diagnosis.run(arg);
      } catch (error) {
        const message = describeError(error);
        log.error(`${DIAGNOSE_COMMAND} failed: ${message}`);
        void showError(vscode.l10n.t('Keccel: {0}', message));
        return undefined;
      }
    }),
  );
  return panel;
}
