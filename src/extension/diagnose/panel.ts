// The "Diagnose Connection" report in an editor tab, through the shared webview shell (strict CSP, one script by
// nonce): the page gets the worded report by postMessage and writes it with textContent. One tab, reused by the
// next run. Copy puts the plain-text report on the clipboard; Run Again runs the command again.
import * as vscode from 'vscode';
import { isDiagnoseMessage, type DiagnoseView, type ExtensionToDiagnose } from '../../common/diagnoseProtocol';
import { Disposable } from '../platform/lifecycle';
import { pageAssets } from '../platform/pageAssets';
import { displayLocale } from '../wording/strings';
import { webviewPage } from '../platform/webviewPage';
import { plainReport } from './report';

export const DIAGNOSE_VIEW_TYPE = 'keccel.diagnosis';

export class DiagnosisPanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private view: DiagnoseView | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly rerun: () => void,
  ) {
    super();
    this._register({ dispose: () => this.panel?.dispose() });
  }

  /** The view the tab shows now (tests read it through api.ts), or undefined when no report is open. */
  get current(): DiagnoseView | undefined {
    return this.panel ? this.view : undefined;
  }

  show(view: DiagnoseView): void {
    this.view = view;
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(
        DIAGNOSE_VIEW_TYPE,
        view.title,
        { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
        { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview')] },
      );
      this.panel = panel;
      this.ready = false;
      panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'keccel.svg');
      panel.onDidDispose(() => {
        if (this.panel === panel) this.panel = undefined;
      });
      panel.onDidChangeViewState(() => {
        // A hidden webview is discarded and says `ready` again when shown.
        if (!panel.visible) this.ready = false;
      });
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message));
      panel.webview.html = this.html(panel.webview, view.title);
    } else {
      this.panel.title = view.title;
      this.panel.reveal(vscode.ViewColumn.Active);
    }
    this.post({ type: 'render', view });
  }

  /** Copies the plain-text report (also what the Copy button does). */
  async copy(): Promise<void> {
    if (!this.view) return;
    await vscode.env.clipboard.writeText(plainReport(this.view));
    this.post({ type: 'copied' });
  }

  private html(webview: vscode.Webview, title: string): string {
    return webviewPage({
      ...pageAssets(webview, this.extensionUri, 'diagnose'),
      locale: displayLocale(),
      title,
      body: '<div id="root" aria-live="polite"></div>',
    });
  }

  private post(message: ExtensionToDiagnose): void {
    if (this.ready) void this.panel?.webview.postMessage(message);
  }

  private async receive(message: unknown): Promise<void> {
    if (!isDiagnoseMessage(message)) return;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.view) this.post({ type: 'render', view: this.view });
        break;
      case 'copy':
        await this.copy();
        break;
      case 'rerun':
        this.rerun();
        break;
    }
  }
}
