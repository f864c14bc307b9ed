// A workspace file's text for the SMS-text features that read files nobody opened (the token search, the
// translation files): the open editor's text when there is one (it may be unsaved), else the file on disk;
// undefined for a file over `maxBytes`, a binary file (a NUL byte) or one that cannot be read.
import * as vscode from 'vscode';

export async function readSmallFile(uri: vscode.Uri, maxBytes: number): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > maxBytes) return undefined;
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.includes(0)) return undefined;
    return new TextDecoder().decode(bytes);
  } catch {
    return undefined;
  }
}
