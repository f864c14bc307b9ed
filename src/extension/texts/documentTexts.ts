// The SMS texts of the documents open in editors, kept current as the user types: a keystroke inside one text
// updates that text only (core/texts/fileTexts.ts) and the diagnostics follow once the typing pauses; anything else
// re-reads the file after a short pause. Nothing runs at activation: a document is read when it is opened, changed
// or asked about by a provider.
import * as vscode from 'vscode';
import { EditedSource } from '../../core/texts/editedSource';
import { analyseFile, looksMinified, MAX_FILE_BYTES, updateAfterChange, type FileTexts, type PreviousRead, type SmsText } from '../../core/texts/fileTexts';
import { matchesAny } from '../../core/texts/glob';
import { languageOf } from '../../core/texts/languages';
import { Disposable } from '../platform/lifecycle';
import { affectsSmsTexts, readSmsTextsConfig, type SmsTextsConfig } from '../settings/smsTextsSettings';
import { WorkMeter } from './workMeter';

/** The pause after the last keystroke before a full re-read (the contract allows 250 ms until hints are current). */
const DEBOUNCE_MS = 120;
/**
 * The pause after the last keystroke inside a text before its diagnostics are published and the window told to ask
 * for hints again: the update itself is immediate and proportional to the change (a provider asked meanwhile gets
 * the current texts), while a publication goes over every text of the file (a thousand in a large file) and sends
 * VS Code the slices that changed, so a burst of keys publishes once.
 */
const PUBLISH_DELAY_MS = 50;

interface Entry {
  version: number;
  /** The text the entry was computed from, with the keystrokes applied since: the next change's "before". */
  source: EditedSource;
  texts: FileTexts;
}

export class DocumentTexts extends Disposable {
  private readonly entries = new Map<string, Entry>();
  /** A document's last read while it waits to be read again (its analyses are reused where texts are unchanged). */
  private readonly previous = new Map<string, PreviousRead>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly publishing = new Map<string, ReturnType<typeof setTimeout>>();
  /** The time of each keystroke's update (`keystroke`), full re-read (`reread`) and publication (`publish`), for the bench. */
  readonly work = new WorkMeter();
  private config: SmsTextsConfig | undefined;
  private readonly changed = this._register(new vscode.EventEmitter<vscode.TextDocument | undefined>());
  /** Fires when a document's texts changed (undefined: all of them, e.g. a setting changed). */
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.documentChanged(e)));
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!affectsSmsTexts(e)) return;
        this.config = undefined;
        this.entries.clear();
        this.previous.clear();
        this.changed.fire(undefined);
      }),
    );
    this._register({
      dispose: () => {
        this.pending.forEach((timer) => clearTimeout(timer));
        this.publishing.forEach((timer) => clearTimeout(timer));
      },
    });
  }

  settings(): SmsTextsConfig {
    this.config ??= readSmsTextsConfig();
    return this.config;
  }

  /** The texts of a document, analysed now if they are not current. Empty when the feature is off. */
  textsOf(document: vscode.TextDocument): SmsText[] {
    const key = document.uri.toString();
    const entry = this.entries.get(key);
    if (entry && entry.version === document.version) return entry.texts.texts;
    return this.analyse(document)?.texts ?? [];
  }

  /** The document's text, as last read or kept up to date by the keystroke updates (no join of every line again). */
  sourceOf(document: vscode.TextDocument): string {
    const entry = this.entries.get(document.uri.toString());
    return entry && entry.version === document.version ? entry.source.text() : document.getText();
  }

  /** The text whose range holds `offset`. */
  textAt(document: vscode.TextDocument, offset: number): SmsText | undefined {
    return this.textsOf(document).find((t) => offset >= t.start && offset <= t.end);
  }

  /** Documents open now, analysed after activation returns (never during it). */
  analyseOpenDocuments(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document);
  }

  private analyse(document: vscode.TextDocument): FileTexts | undefined {
    const settings = this.settings();
    const lang = languageOf(document.languageId, document.uri.path);
    if (!settings.enabled || lang === undefined || document.uri.scheme === 'output') return undefined;
    const source = document.getText();
    if (source.length > MAX_FILE_BYTES || looksMinified(source)) return undefined;
    const key = document.uri.toString();
    const texts = analyseFile(source, lang, settings, this.isListed(document, settings), this.previous.get(key));
    this.previous.delete(key);
    this.entries.set(key, { version: document.version, source: new EditedSource(source), texts });
    return texts;
  }

  private isListed(document: vscode.TextDocument, settings: SmsTextsConfig): boolean {
    if (settings.files.length === 0) return false;
    const relative = vscode.workspace.asRelativePath(document.uri, false);
    return matchesAny(relative, settings.files);
  }

  private documentChanged(e: vscode.TextDocumentChangeEvent): void {
    // No change to the text (the document became dirty or clean): nothing to read again.
    if (e.contentChanges.length === 0) return;
    const key = e.document.uri.toString();
    const entry = this.entries.get(key);
    if (entry === undefined) {
      if (languageOf(e.document.languageId, e.document.uri.path) !== undefined) this.schedule(e.document);
      return;
    }
    if (entry.version >= e.document.version) return; // a provider already read this version
    // One change inside one text: update it now (that text only; the others shift) and publish after the burst.
    let texts = entry.texts;
    if (e.contentChanges.length === 1) {
      const updated = this.work.time('keystroke', () => {
        const change = e.contentChanges[0];
        const start = change.rangeOffset;
        const next = updateAfterChange(entry.texts, entry.source, { start, end: start + change.rangeLength, text: change.text }, this.settings());
        if (next === undefined) return false;
        texts = next; // applied to entry.source
        // The length is checked against the document's, in case a change went unseen.
        const document = e.document;
        if (entry.source.length !== document.offsetAt(document.lineAt(document.lineCount - 1).range.end)) return false;
        this.entries.set(key, { version: document.version, source: entry.source, texts });
        return true;
      });
      if (updated) {
        this.publishLater(e.document);
        return;
      }
    }
    // Read again after a pause; the texts written as before keep their analyses (and so their diagnostics).
    this.entries.delete(key);
    this.previous.set(key, { src: entry.source.text(), texts: texts.texts });
    this.schedule(e.document);
  }

  private publishLater(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.publishing.get(key));
    this.publishing.set(key, setTimeout(() => {
      this.publishing.delete(key);
      if (!document.isClosed) this.changed.fire(document);
    }, PUBLISH_DELAY_MS));
  }

  private schedule(document: vscode.TextDocument): void {
    if (languageOf(document.languageId, document.uri.path) === undefined) return;
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => {
      this.pending.delete(key);
      if (document.isClosed) return;
      this.work.time('reread', () => this.analyse(document));
      this.changed.fire(document);
    }, DEBOUNCE_MS));
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.entries.delete(key);
    this.previous.delete(key);
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    clearTimeout(this.publishing.get(key));
    this.publishing.delete(key);
  }
}
