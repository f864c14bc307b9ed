// Wires "Diagnose Connection": the report tab and the handler of `keccel.diagnoseConnection`, which the command
// registry (commands/registerCommands.ts) registers with its error wrapper: a failure of the command itself (not a
// failed step: that is the report) is logged and shown, and the command resolves to undefined.
import * as vscode from 'vscode';
import type { ExtensionLog } from '../platform/log';
import type { Session } from '../session/session';
import { ConnectionDiagnosis, DIAGNOSE_COMMAND } from './command';
import { DiagnosisPanel } from './panel';

export interface Diagnosis {
  panel: DiagnosisPanel;
  run(arg?: unknown): Promise<unknown>;
}

export function registerDiagnosis(context: vscode.ExtensionContext, session: Session, log: ExtensionLog): Diagnosis {
  // Run Again checks what the last run checked (the default, or the base URL it was given).
  const panel = new DiagnosisPanel(context.extensionUri, () => void vscode.commands.executeCommand(DIAGNOSE_COMMAND, diagnosis.lastArgument));
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '');
  const diagnosis = new ConnectionDiagnosis(session, panel, log, version);
  context.subscriptions.push(panel);
  return { panel, run: (arg) => diagnosis.run(arg) };
}
