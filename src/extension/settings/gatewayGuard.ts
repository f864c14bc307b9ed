// Where the token may go, as the user sees it (README, "How your token and base URL are protected"). Only the user's
// own settings choose `keccel.apiBaseUrl` (config.ts reads nothing else); when a workspace or a folder holds a value
// anyway, this says once per session, in the log and in a notification, that it is ignored. VS Code (1.139) leaves an
// application-scoped value of a workspace out of inspect() altogether, so the settings files themselves are read too
// (`.vscode/settings.json` of each folder, the `.code-workspace` file), and watched. A base URL the client refuses
// (plain http to another machine, another scheme, no URL at all) is named with the reason, once per value, in the log
// and a notification; the client itself refuses to use it (core/baseUrl.ts), so nothing here is needed for safety.
import * as vscode from 'vscode';
import { BaseUrlError, checkBaseUrl } from '../../core/baseUrl';
import { affects, readConfig, SECTION, Setting, workspaceBaseUrls } from './config';
import { Disposable } from '../platform/lifecycle';
import type { ExtensionLog } from '../platform/log';
import { showError, showWarning } from '../platform/notify';

export class GatewayGuard extends Disposable {
  private saidIgnored = false;
  private lastRefused: string | undefined;
  private watching = false;

  constructor(private readonly log: ExtensionLog) {
    super();
    this._register(vscode.workspace.onDidChangeConfiguration((e) => affects(e, Setting.apiBaseUrl) && void this.check()));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.check()));
  }

  /** Looks at the settings of the moment; called after activation and on every change of the setting. */
  async check(): Promise<void> {
    this.watchSettingsFiles();
    this.reportRefusedBaseUrl();
    await this.reportIgnoredWorkspaceValues().catch((error: unknown) => this.log.warn(`Workspace settings check: ${String(error)}`));
  }


  /**
   * Created on the first check, after activation (activation stays cheap): one glob, not one watcher per
   * folder, so it follows folders added later too.
   */
  private watchSettingsFiles(): void {
    if (this.watching || this.isDisposed) return;
    this.watching = true;
    const watcher = this._register(vscode.workspace.createFileSystemWatcher('**/{.vscode/settings.json,*.code-workspace}'));
    this._register(watcher.onDidChange(() => void this.check()));
    this._register(watcher.onDidCreate(() => void this.check()));
  }

  private async reportIgnoredWorkspaceValues(): Promise<void> {
    if (this.saidIgnored) return;
    const found = [...workspaceBaseUrls(), ...(await settingsFileBaseUrls())];
    if (found.length === 0 || this.saidIgnored) return;
    this.saidIgnored = true;
    for (const { where, value } of found) {
      this.log.warn(`Ignored keccel.apiBaseUrl "${value}" from the settings of ${where}: only user settings choose the gateway.`);
    }
    const open = vscode.l10n.t('Open User Settings');
    void showWarning(
      vscode.l10n.t('This workspace sets keccel.apiBaseUrl. It is ignored: only your user settings choose where your Keccel API token is sent.'),
      open,
    ).then((choice) => {
      if (choice === open) void vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.${Setting.apiBaseUrl}`);
    });
  }

  private reportRefusedBaseUrl(): void {
    const url = readConfig().apiBaseUrl;
    try {
      checkBaseUrl(url);
      this.lastRefused = undefined;
    } catch (error) {
      if (!(error instanceof BaseUrlError) || this.lastRefused === url) return;
      this.lastRefused = url;
      this.log.error(error.message);
      void showError(refusedText(error));
    }
  }
}

/** The refusal in the user's language. */
export function refusedText(error: BaseUrlError): string {
  switch (error.problem) {
    case 'insecure':
      return vscode.l10n.t(
        'The keccel.apiBaseUrl setting ({0}) uses plain http to another machine: your API token would travel in clear, so nothing is sent there. Use https://, or http only to localhost, 127.x.x.x or [::1].',
        error.url,
      );
    case 'scheme':
      return vscode.l10n.t('The keccel.apiBaseUrl setting ({0}) must start with https://: nothing is sent there.', error.url);
    case 'invalid':
      return vscode.l10n.t('The keccel.apiBaseUrl setting ({0}) is not a valid URL: nothing is sent there.', error.url);
  }
}

/** `"keccel.apiBaseUrl": "<value>"` in a settings file (JSON with comments: matched, not parsed). */
const BASE_URL_MEMBER = /"keccel\.apiBaseUrl"\s*:\s*"((?:[^"\\]|\\.)*)"/;

/** The values the workspace's settings files hold for keccel.apiBaseUrl, whatever VS Code made of them. */
async function settingsFileBaseUrls(): Promise<{ where: string; value: string }[]> {
  const files = (vscode.workspace.workspaceFolders ?? []).map((folder) => vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json'));
  if (vscode.workspace.workspaceFile?.scheme === 'file') files.push(vscode.workspace.workspaceFile);
  const found: { where: string; value: string }[] = [];
  for (const file of files) {
    const text = await vscode.workspace.fs.readFile(file).then((bytes) => Buffer.from(bytes).toString('utf8'), () => '');
    const match = BASE_URL_MEMBER.exec(text);
    if (match) found.push({ where: file.fsPath, value: match[1] });
  }
  return found;
}
