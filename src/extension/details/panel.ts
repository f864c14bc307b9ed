// The details page of one history record, in an editor tab: opened by a click on a tree row (or Show Details),
// reused for the next row clicked (like a preview tab, in its own group), kept up to date while the record changes,
// told when it is deleted, and brought back with its record after a reload (a serializer, as the composer has).
// Its buttons run the per-message commands, so each keeps its own confirmation.
import * as vscode from 'vscode';
import type { HistoryRecord } from '../../core/types';
import { Disposable } from '../platform/lifecycle';
import { pageAssets } from '../platform/pageAssets';
import type { Session, Mode } from '../session/session';
import { displayLocale } from '../wording/strings';
import { isDetailsMessage, isDetailsState, type DetailsAction, type DetailsView, type ExtensionToDetails } from '../../common/detailsProtocol';
import { detailsHtml } from './html';
import { detailsTitle, detailsView } from './viewModel';

export const DETAILS_VIEW_TYPE = 'keccel.messageDetails';
export const COPY_AS_CODE_COMMAND = 'keccel.message.copyAsCode';

const ACTION_COMMANDS: Record<DetailsAction, string> = {
  checkNow: 'keccel.message.checkDelivery',
  copyId: 'keccel.message.copyId',
  resend: 'keccel.message.resend',
  copyAsCode: COPY_AS_CODE_COMMAND,
  pushAgain: 'keccel.message.pushReportAgain',
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
    this._register(vscode.window.registerWebviewPanelSerializer(DETAILS_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => this.restore(panel, state),
    }));
  }

  async show(record: HistoryRecord): Promise<void> {
    this.current = { id: record.id, mode: record.sandbox ? 'sandbox' : this.session.liveMode };
    if (!this.panel) {
      this.adopt(vscode.window.createWebviewPanel(
        DETAILS_VIEW_TYPE,
        detailsTitle(record),
        { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
        webviewOptions(this.extensionUri),
      ));
    } else {
      // In the group where the page is (beside the composer, say), as a preview tab is reused where it stands.
      this.panel.reveal(this.panel.viewColumn);
    }
    if (this.panel) this.panel.title = detailsTitle(record);
    await this.render(record);
  }

  /**
   * After "Developer: Reload Window": VS Code brings the page back in its group, empty, with the state the page
   * saved (which record); without this it would drop the tab and leave its group blank. The page shows the record
   * again, or says it is no longer in the history.
   */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = restoredRecord(state);
    this.current = saved;
    this.adopt(panel);
    if (!saved) {
      this.post({ type: 'removed', text: vscode.l10n.t('This message is no longer in the history.') });
      return;
    }
    await this.update();
  }

  /** Makes `panel` the page: options, icon, listeners and the HTML shell (the view comes in a message). */
  private adopt(panel: vscode.WebviewPanel): void {
    // One page: a restored tab revived late (VS Code does it when the tab is first shown) replaces the page a click
    // opened meanwhile. The old one is disposed after the switch, so its dispose handler leaves the new state alone.
    const previous = this.panel;
    this.panel = panel;
    if (previous && previous !== panel) previous.dispose();
    this.ready = false;
    this.last = undefined;
    panel.webview.options = webviewOptions(this.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'keccel.svg');
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
    panel.webview.html = this.html(panel.webview, panel.title);
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
    return detailsHtml({ ...pageAssets(webview, this.extensionUri, 'details'), locale: displayLocale(), title });
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
    if (this.panel) this.panel.title = detailsTitle(record);
    this.post({
      type: 'render',
      view: detailsView(record, { copyAsCode: commands.includes(COPY_AS_CODE_COMMAND) }),
      restore: { id: record.id, sandbox: record.sandbox === true },
    });
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

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
}

/** Which record a page restored after a reload showed (the state its script saved); undefined if unreadable. */
function restoredRecord(state: unknown): { id: string; mode: Mode } | undefined {
  return isDetailsState(state) ? { id: state.id, mode: state.sandbox ? 'sandbox' : 'live' } : undefined;
}
