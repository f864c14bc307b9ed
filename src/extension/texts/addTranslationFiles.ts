// The command behind the translation hover's link: adds a glob to the workspace's keccel.smsTexts.files, so the
// texts of those translation files are counted (rule 3) and the calls that name their keys are too.
import * as vscode from 'vscode';
import type { ExtensionLog } from '../platform/log';
import { showError } from '../platform/notify';
import { SMS_TEXTS_SECTION } from '../settings/smsTextsSettings';

export const ADD_TRANSLATION_FILES_COMMAND = 'keccel.texts.addTranslationFiles';

/** Returns the workspace's list after the change, undefined when the argument is not a glob. */
export async function addTranslationFiles(glob: unknown, log: ExtensionLog): Promise<string[] | undefined> {
  if (typeof glob !== 'string' || glob.trim() === '' || glob.length > 300 || /[\r\n]/.test(glob)) {
    void showError(vscode.l10n.t('Keccel: this is not a file pattern that can go into keccel.smsTexts.files.'));
    return undefined;
  }
  const config = vscode.workspace.getConfiguration(SMS_TEXTS_SECTION);
  const current = config.inspect<unknown>('files')?.workspaceValue;
  const files = Array.isArray(current) ? current.filter((f): f is string => typeof f === 'string') : [];
  if (!files.includes(glob)) files.push(glob);
  await config.update('files', files, vscode.ConfigurationTarget.Workspace);
  log.info(`keccel.smsTexts.files (workspace): ${files.length} pattern(s).`);
  return files;
}
