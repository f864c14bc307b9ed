// The details page of one history record, in an editor tab: opened by a click on a tree row (or Show Details),
// reused for the next row clicked (like a preview tab), kept up to date while the record changes, and told when
// it is deleted. Its buttons run the per-message commands, so each keeps its own confirmation.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { HistoryRecord } from '../../core/types';
import { Disposable } from '../platform/lifecycle';
import type { Session, Mode } from '../session/session';
import { displayLocale } from '../wording/strings';
import { isDetailsMessage, type DetailsAction, type DetailsView, type ExtensionToDetails } from '../../shared/detailsProtocol';
import { detailsHtml } from './html';
import { detailsTitle, detailsView } from './viewModel';

export const DETAILS_VIEW_TYPE = 'keccel.messageDetails';
export const COPY_AS_CODE_COMMAND = 'keccel.message.copyAsCode';

const ACTION_COMMANDS: Record<DetailsAction, string> = {
  checkNow: 'keccel.message.checkDelivery',
  copyId: 'keccel.message.copyId',
  resend: 'keccel.message.resend',
  copyAsCode: COPY_AS_CODE_COMMAND,
  delete: 'keccel.message.delete',
};

/** What the tests (through api.ts) can read of the open page: its HTML shell and the last view it was sent. */
export interface DetailsSnapshot {
  recordId: string;
  html: string;
  view?: DetailsView;
  removed?: string;
}

export class DetailsPanels extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private current: { id: string; mode: Mode } | undefined;
  private ready = false;
  private last: ExtensionToDetails | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly session: Session,
  ) {
    super();
    this._register(session.onDidChangeHistory((mode) => mode === this.current?.mode && void this.update()));
    this._register({ dispose: () => this.panel?.dispose() });
  }

  async show(record: HistoryRecord): Promise<void> {
    this.current = { id: record.id, mode: record.sandbox ? 'sandbox' : this.session.liveMode };
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        DETAILS_VIEW_TYPE,
        detailsTitle(record),
        { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
        { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview')] },
      );
      this.panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'keccel.svg');
      this.ready = false;
      const panel = this.panel;
      panel.onDidDispose(() => {
        if (this.panel === panel) {
          this.panel = undefined;
          this.current = undefined;
          this.last = undefined;
        }
      });
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message));
      // A hidden webview is discarded and says `ready` again when shown: it then gets the view again.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      });
      panel.webview.html = this.html(panel.webview, detailsTitle(record));
    } else {
      this.panel.reveal(vscode.ViewColumn.Active);
    }
    this.panel.title = detailsTitle(record);
    await this.render(record);
  }

  snapshot(): DetailsSnapshot | undefined {
    if (!this.panel || !this.current) return undefined;
    const last = this.last;
    return {
      recordId: this.current.id,
      html: this.panel.webview.html,
      view: last?.type === 'render' ? last.view : undefined,
      removed: last?.type === 'removed' ? last.text : undefined,
    };
  }

  private html(webview: vscode.Webview, title: string): string {
    const base = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    return detailsHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(base, 'details.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(base, 'details.css')).toString(),
      locale: displayLocale(),
      title,
    });
  }

  private async update(): Promise<void> {
    const current = this.current;
    if (!current || !this.panel) return;
    const record = (await this.session.store(current.mode)).get(current.id);
    if (this.current !== current) return;
    if (record) await this.render(record);
    else this.post({ type: 'removed', text: vscode.l10n.t('This message is no longer in the history.') });
  }

  private async render(record: HistoryRecord): Promise<void> {
    const commands = await vscode.commands.getCommands(true);
    this.post({ type: 'render', view: detailsView(record, { copyAsCode: commands.includes(COPY_AS_CODE_COMMAND) }) });
  }

  private post(message: ExtensionToDetails): void {
    this.last = message;
    if (this.ready) void this.panel?.webview.postMessage(message);
  }

  private receive(message: unknown): void {
    if (!isDetailsMessage(message)) return;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.last) void this.panel?.webview.postMessage(this.last);
        break;
      case 'action':
        if (this.current) void vscode.commands.executeCommand(ACTION_COMMANDS[message.action], { id: this.current.id });
        break;
    }
  }
}
