// keccel.exportHistory: the current mode's history as CSV or JSON, through a choice of format and a save dialog, or
// straight to `{path, format, separator?}` for scripts. Resolves to the path written. The save dialog cannot say
// which of two filters with the same extension was picked, so the CSV flavour (comma, or semicolon for
// spreadsheets in a French locale) is chosen in a quick pick first; the dialog then offers CSV and JSON filters.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatFromPath, serializeHistory, type CsvSeparator, type ExportFormat } from '../../core/history/export';
import type { ExtensionLog } from '../platform/log';
import { pluralText } from '../wording/strings';
import type { Session } from '../session/session';
import { showInformation } from '../platform/notify';

export interface ExportArgs {
  path: string;
  format?: ExportFormat;
  /** CSV only: `;` for spreadsheets in a French locale. Default `,`. */
  separator?: CsvSeparator;
}

type Choice = vscode.QuickPickItem & { format: ExportFormat; separator: CsvSeparator };

/** The three flavours; in French the semicolon CSV comes first (a French spreadsheet expects it). */
async function pickFlavour(): Promise<Choice | undefined> {
  const comma: Choice = {
    label: vscode.l10n.t('CSV'),
    description: vscode.l10n.t('comma-separated, for most spreadsheets and tools'),
    format: 'csv',
    separator: ',',
  };
  const semicolon: Choice = {
    label: vscode.l10n.t('CSV (semicolon, for French spreadsheets)'),
    description: vscode.l10n.t('Excel or LibreOffice set to French read this one in columns'),
    format: 'csv',
    separator: ';',
  };
  const json: Choice = { label: 'JSON', description: vscode.l10n.t('the records as stored, for scripts'), format: 'json', separator: ',' };
  const french = vscode.env.language.toLowerCase().startsWith('fr');
  return vscode.window.showQuickPick(french ? [semicolon, comma, json] : [comma, semicolon, json], {
    title: vscode.l10n.t('Export Keccel History'),
    placeHolder: vscode.l10n.t('Choose the file format'),
  });
}

export async function exportHistory(session: Session, log: ExtensionLog, arg?: Partial<ExportArgs>): Promise<string | undefined> {
  let target: vscode.Uri;
  let format: ExportFormat;
  let separator: CsvSeparator = arg?.separator === ';' ? ';' : ',';
  if (arg && typeof arg.path === 'string' && arg.path) {
    target = vscode.Uri.file(path.resolve(arg.path));
    format = arg.format === 'csv' || arg.format === 'json' ? arg.format : formatFromPath(arg.path);
  } else {
    const flavour = await pickFlavour();
    if (!flavour) return undefined;
    separator = flavour.separator;
    const extension = flavour.format;
    const fileName = `${session.isSandbox ? 'keccel-sandbox-history' : 'keccel-history'}.${extension}`;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
    const csv = vscode.l10n.t('CSV');
    const filters: Record<string, string[]> = flavour.format === 'csv' ? { [csv]: ['csv'], JSON: ['json'] } : { JSON: ['json'], [csv]: ['csv'] };
    const chosen = await vscode.window.showSaveDialog({
      title: flavour.label,
      defaultUri: vscode.Uri.joinPath(folder, fileName),
      filters,
      saveLabel: vscode.l10n.t('Export'),
    });
    if (!chosen) return undefined;
    target = chosen;
    format = formatFromPath(chosen.path);
  }
  const records = (await session.store()).all();
  await vscode.workspace.fs.writeFile(target, Buffer.from(serializeHistory(records, format, { separator }), 'utf8'));
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
