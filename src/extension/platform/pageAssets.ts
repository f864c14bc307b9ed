// Where a webview page's bundle is served from, and the nonce of one load: what every panel (the composer, the
// details page, the diagnosis report) hands its HTML builder. esbuild writes each page as dist/webview/<name>.js and
// .css (esbuild.js); the panels' localResourceRoots allow that folder only.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export interface PageAssets {
  cspSource: string;
  /** New for every load: a script of an older load (or injected) cannot run. */
  nonce: string;
  scriptUri: string;
  styleUri: string;
  /** The shared codicon stylesheet, for the pages that draw icons. */
  iconsUri?: string;
}

export function pageAssets(webview: vscode.Webview, extensionUri: vscode.Uri, name: 'composer' | 'details' | 'diagnose'): PageAssets {
  const base = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
  return {
    cspSource: webview.cspSource,
    nonce: randomBytes(18).toString('base64'),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(base, `${name}.js`)).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(base, `${name}.css`)).toString(),
    iconsUri: name === 'diagnose' ? undefined : webview.asWebviewUri(vscode.Uri.joinPath(base, 'icons.css')).toString(),
  };
}
