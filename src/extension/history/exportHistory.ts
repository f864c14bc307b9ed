// keccel.exportHistory: the current mode's history as CSV or JSON, through a save dialog, or straight to
// `{path, format}` for scripts. Resolves to the path written.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatFromPath, serializeHistory, type ExportFormat } from '../../core/history/export';
import type { ExtensionLog } from '../log';
import { pluralText } from '../strings';
import type { Session } from '../session';
import { showInformation } from '../notify';

export interface ExportArgs {
  path: string;
  format?: ExportFormat;
}

export async function exportHistory(session: Session, log: ExtensionLog, arg?: Partial<ExportArgs>): Promise<string | undefined> {
  let target: vscode.Uri;
  let format: ExportFormat;
  if (arg && typeof arg.path === 'string' && arg.path) {
    target = vscode.Uri.file(path.resolve(arg.path));
    format = arg.format === 'csv' || arg.format === 'json' ? arg.format : formatFromPath(arg.path);
  } else {
    const fileName = session.isSandbox ? 'keccel-sandbox-history.csv' : 'keccel-history.csv';
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
    const chosen = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export Keccel History'),
      defaultUri: vscode.Uri.joinPath(folder, fileName),
      filters: { CSV: ['csv'], JSON: ['json'] },
      saveLabel: vscode.l10n.t('Export'),
    });
    if (!chosen) return undefined;
    target = chosen;
    format = formatFromPath(chosen.path);
  }
  const records = (await session.store()).all();
  await vscode.workspace.fs.writeFile(target, Buffer.from(serializeHistory(records, format), 'utf8'));
  const written = target.scheme === 'file' ? target.fsPath : target.toString();
  log.info(`Exported ${records.length} messages as ${format.toUpperCase()} to ${written}.`);
  const open = vscode.l10n.t('Open');
  void showInformation(pluralText(
    records.length,
    vscode.l10n.t('Exported {0} message to {1}.', records.length, written),
    vscode.l10n.t('Exported {0} messages to {1}.', records.length, written),
  ), open).then((choice) => choice === open && vscode.commands.executeCommand('vscode.open', target));
  return written;
}
