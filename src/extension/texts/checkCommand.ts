// keccel.checkSmsTexts: every file of the workspace (files.exclude, search.exclude and git-ignored files left
// out; minified files and files above 2 MB skipped) checked one after the other with progress and cancel; the
// problems go to the Problems panel. Returns `{files, texts, problems}`. When keccel.smsTexts.files lists files,
// they are read once before the first file, and the translation calls their keys resolve count as texts; a file not
// open gets their problems worded as the editor words them on the call (translationDiagnosticsOf).
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { LineIndex } from '../../core/texts/finder';
import { TEXT_FILE_EXTENSIONS } from '../../core/texts/languages';
import { MAX_FILE_BYTES } from '../../core/texts/fileTexts';
import { checkFiles } from '../../core/texts/workspaceCheck';
import type { ExtensionLog } from '../platform/log';
import { showInformation } from '../platform/notify';
import type { DocumentTexts } from './documentTexts';
import { diagnosticsOf, type TextDiagnostics } from './diagnostics';
import { translationDiagnosticsOf } from './translationDiagnostics';
import type { Translations } from './translations';
import { workspaceFiles } from './workspaceFiles';

export interface CheckResult {
  files: number;
  texts: number;
  problems: number;
}

export async function checkSmsTexts(texts: DocumentTexts, diagnostics: TextDiagnostics, translations: Translations, log: ExtensionLog):
  Promise<CheckResult> {
  const settings = texts.settings();
  if (!settings.enabled) {
    void showInformation(vscode.l10n.t('SMS texts in code are turned off (keccel.smsTexts.enabled).'));
    return { files: 0, texts: 0, problems: 0 };
  }
  const started = performance.now();
  const batch = new DiagnosticsBatch(diagnostics);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the SMS texts in your code'), cancellable: true },
    async (progress, cancel) => {
      const uris = await workspaceFiles(`**/*.{${TEXT_FILE_EXTENSIONS.join(',')}}`, cancel);
      const index = await translations.indexForCheck();
      let reported = 0;
      return checkFiles(uris, {
        relativePath: (uri) => vscode.workspace.asRelativePath(uri, false),
        read: (uri) => readText(uri),
        settings,
        globs: settings.files,
        translations: index,
        isCancelled: () => cancel.isCancellationRequested,
        onProgress: (done, total) => {
          const percent = Math.floor((done / total) * 100);
          if (percent > reported) {
            progress.report({ increment: percent - reported, message: `${done}/${total}` });
            reported = percent;
          }
        },
        onFile: ({ file, src, texts: found, calls }) => {
          const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file.toString());
          // An open document's calls are published by TranslationDiagnostics, with the index just read.
          if (open) diagnostics.publish(open);
          else {
            const positions = positionsIn(src);
            batch.add(file, [
              ...found.flatMap((text) => diagnosticsOf(positions, text, settings.maxSegments)),
              ...calls.flatMap((call) => translationDiagnosticsOf(positions, call, settings.maxSegments)),
            ]);
          }
        },
      }).finally(() => batch.flush());
    },
  );
  log.info(`SMS texts: ${result.files} files checked (${result.skipped} skipped), ${result.texts} texts, ${result.problems} problems in ${Math.round(performance.now() - started)} ms.`);
  return { files: result.files, texts: result.texts, problems: result.problems };
}

/**
 * The problems of the files checked, handed to VS Code a few times a second rather than once per file: each hand-over
 * is a message to the window, and a workspace has thousands of files, most of them without a text.
 */
class DiagnosticsBatch {
  private entries: Array<[vscode.Uri, vscode.Diagnostic[]]> = [];
  private count = 0;
  private last = performance.now();

  constructor(private readonly diagnostics: TextDiagnostics) {}

  add(uri: vscode.Uri, found: vscode.Diagnostic[]): void {
    this.entries.push([uri, found]);
    this.count += found.length;
    // Also by size: handing VS Code thousands of diagnostics at once would hold the event loop as long.
    if (performance.now() - this.last >= 250 || this.count >= 200) this.flush();
  }

  flush(): void {
    this.diagnostics.setMany(this.entries);
    this.entries = [];
    this.count = 0;
    this.last = performance.now();
  }
}

const decoder = new TextDecoder();

/** An open document's text (unsaved edits included), else the file's, undefined above the size limit. */
async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    // A file on disk is read straight from it: through vscode.workspace.fs, each file costs round trips.
    const local = uri.scheme === 'file';
    const size = local ? (await fs.stat(uri.fsPath)).size : (await vscode.workspace.fs.stat(uri)).size;
    if (size > MAX_FILE_BYTES) return undefined;
    // TextDecoder drops a UTF-8 BOM, as VS Code does: offsets then match the document's.
    return decoder.decode(local ? await fs.readFile(uri.fsPath) : await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** positionAt for a file that is not open, from the text just read; its lines are indexed at the first call only. */
function positionsIn(text: string): { positionAt(offset: number): vscode.Position } {
  let lines: LineIndex | undefined;
  const starts: number[] = [];
  return {
    positionAt(offset: number) {
      lines ??= new LineIndex(text);
      const line = lines.lineOf(offset);
      starts[line] ??= line === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
      return new vscode.Position(line, offset - starts[line]);
    },
  };
}
