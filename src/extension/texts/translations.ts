// The translation calls of open documents (`message: __('sms.welcome')`) with their texts, looked up in the files
// of keccel.smsTexts.files (core/texts/translations.ts). Those files are read once, when a document first holds a
// call, and again after one of them is saved, created, deleted or renamed in VS Code, the setting changes, or
// keccel.checkSmsTexts starts (the check then uses that one index for every file). For a
// call whose key no listed file holds, whereItLives() reads the workspace's usual translation folders once (again
// after a file there changes) and looks the key up in them.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { MAX_FILE_BYTES } from '../../core/texts/fileTexts';
import { matchesAny } from '../../core/texts/glob';
import { languageOf } from '../../core/texts/languages';
import { findTranslationCalls, type TranslationCall } from '../../core/texts/translationCalls';
import {
  TranslationIndex, conventionalGlob, globFor, type ResolvedCall, type TranslationFile,
} from '../../core/texts/translations';
import { Disposable } from '../platform/lifecycle';
import { affectsSmsTexts } from '../settings/smsTextsSettings';
import type { DocumentTexts } from './documentTexts';
import { workspaceFiles } from './workspaceFiles';
import { readSmallFile } from './readSmallFile';

/** At most this many files are read for one index (a project's lang folder holds a few dozen). */
const MAX_FILES = 500;
/** The pause after the last edit before a document's calls are looked for again. */
const RESCAN_DELAY_MS = 150;
/** Where translation files usually are, for the hint of an unresolved call. */
const USUAL_PLACES = '**/{lang,locales,locale,i18n,translations,l10n}/**/*.{php,json}';
const USUAL_FOLDER = /(^|\/)(lang|locales|locale|i18n|translations|l10n)\//;

export type { ResolvedCall };

export interface WhereItLives {
  /** Files of the workspace that hold the key (relative paths). */
  found: string[];
  /** The globs to offer for keccel.smsTexts.files (not already in it). */
  globs: string[];
  /** True when the globs come from convention, not from files found. */
  conventional: boolean;
}

export class Translations extends Disposable {
  private listed: { index?: TranslationIndex; building?: Promise<TranslationIndex> } = {};
  private usual: Promise<TranslationIndex> | undefined;
  private readonly calls = new Map<string, { version: number; calls: TranslationCall[] }>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** The texts behind the calls changed (the files were read again, or the setting changed). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly texts: DocumentTexts) {
    super();
    const reset = () => {
      this.listed = {};
      this.usual = undefined;
      this.changed.fire();
    };
    // A saved, created, deleted or renamed file drops only the index it can be part of.
    const touched = (uris: readonly vscode.Uri[]) => {
      const paths = uris.filter((uri) => /\.(php|json)$/i.test(uri.path)).map(relativePath);
      if (paths.some((p) => USUAL_FOLDER.test(p))) this.usual = undefined;
      if (paths.some((p) => matchesAny(p, this.texts.settings().files))) {
        this.listed = {};
        this.changed.fire();
      }
    };
    this._register(vscode.workspace.onDidChangeConfiguration((e) => affectsSmsTexts(e) && reset()));
    this._register(vscode.workspace.onDidSaveTextDocument((d) => touched([d.uri])));
    this._register(vscode.workspace.onDidCreateFiles((e) => touched(e.files)));
    this._register(vscode.workspace.onDidDeleteFiles((e) => touched(e.files)));
    this._register(vscode.workspace.onDidRenameFiles((e) => touched(e.files.flatMap((f) => [f.oldUri, f.newUri]))));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => {
      this.calls.delete(d.uri.toString());
      clearTimeout(this.pending.get(d.uri.toString()));
    }));
    this._register({ dispose: () => this.pending.forEach((timer) => clearTimeout(timer)) });
  }

  /** The calls of a document with what is known of their texts now (the files are read in the background). */
  callsOf(document: vscode.TextDocument): ResolvedCall[] {
    const calls = this.findCalls(document);
    if (calls.length === 0) return [];
    const index = this.listed.index;
    if (index === undefined) void this.listedIndex();
    return calls.map((call) => index?.resolveCall(call) ?? { call, translations: [] });
  }

  /** The call at `offset`, once the listed files are read. */
  async callAt(document: vscode.TextDocument, offset: number): Promise<ResolvedCall | undefined> {
    const call = this.findCalls(document).find((c) => offset >= c.start && offset <= c.end);
    if (!call) return undefined;
    return (await this.listedIndex()).resolveCall(call);
  }

  /**
   * For keccel.checkSmsTexts: the listed files read anew (a change made outside VS Code, a `git checkout`, is seen),
   * once for the whole check; the open documents get the new index too, and keep the one they had meanwhile.
   * Undefined, and nothing read, when keccel.smsTexts.files is empty.
   */
  async indexForCheck(): Promise<TranslationIndex | undefined> {
    if (this.texts.settings().files.length === 0) return undefined;
    const before = this.listed;
    const index = await this.buildIndex(() => this.listedFiles());
    // Unless a save or a setting change dropped the index meanwhile (a newer read is then theirs to start).
    if (this.listed === before) {
      this.listed = { index };
      this.changed.fire();
    }
    return index;
  }

  /** Where the text of a key no listed file holds probably is, and the globs to offer. */
  async whereItLives(document: vscode.TextDocument, call: TranslationCall): Promise<WhereItLives> {
    this.usual ??= this.buildIndex(async () => {
      const source = new vscode.CancellationTokenSource();
      try {
        return await workspaceFiles(USUAL_PLACES, source.token);
      } finally {
        source.dispose();
      }
    });
    const listedGlobs = this.texts.settings().files;
    const found = [...new Set((await this.usual).resolve(call.key).map((t) => t.path))];
    const fromFiles = [...new Set(found.map(globFor))];
    const lang = languageOf(document.languageId, document.uri.path) ?? 'js';
    const globs = (fromFiles.length > 0 ? fromFiles : [conventionalGlob(call.key, lang)]).filter((g) => !listedGlobs.includes(g));
    return { found, globs: globs.slice(0, 3), conventional: fromFiles.length === 0 };
  }

  /**
   * The calls of a document. After an edit, the previous calls are answered until the typing pauses: finding calls
   * scans the whole file, too much for every keystroke in a large one (the texts written in the file are updated
   * per keystroke by DocumentTexts).
   */
  private findCalls(document: vscode.TextDocument): TranslationCall[] {
    const key = document.uri.toString();
    const known = this.calls.get(key);
    if (known && known.version === document.version) return known.calls;
    if (known) {
      clearTimeout(this.pending.get(key));
      this.pending.set(key, setTimeout(() => {
        this.pending.delete(key);
        if (document.isClosed) return;
        // Most edits leave the calls as they were (a file without any stays without): then nothing is redrawn.
        if (!sameCalls(known.calls, this.scanCalls(document))) this.changed.fire();
      }, RESCAN_DELAY_MS));
      return known.calls;
    }
    return this.scanCalls(document);
  }

  private scanCalls(document: vscode.TextDocument): TranslationCall[] {
    const key = document.uri.toString();
    const settings = this.texts.settings();
    const lang = languageOf(document.languageId, document.uri.path);
    const source = this.texts.sourceOf(document);
    const calls = !settings.enabled || lang === undefined || source.length > MAX_FILE_BYTES ? [] : findTranslationCalls(source, lang);
    this.calls.set(key, { version: document.version, calls });
    return calls;
  }

  private listedIndex(): Promise<TranslationIndex> {
    const current = this.listed;
    if (current.index) return Promise.resolve(current.index);
    current.building ??= this.buildIndex(() => this.listedFiles()).then((index) => {
      if (this.listed === current) {
        current.index = index;
        this.changed.fire();
      }
      return index;
    });
    return current.building;
  }

  private async listedFiles(): Promise<vscode.Uri[]> {
    const globs = this.texts.settings().files;
    const uris: vscode.Uri[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const glob of globs) {
        uris.push(...(await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob.replace(/^\.?\//, '')), null, MAX_FILES)));
      }
    }
    return uris;
  }

  private async buildIndex(list: () => Promise<vscode.Uri[]>): Promise<TranslationIndex> {
    const uris = (await list()).slice(0, MAX_FILES);
    const files: TranslationFile[] = [];
    for (const uri of uris) {
      const src = await readSmallFile(uri, MAX_FILE_BYTES);
      if (src !== undefined) files.push({ path: relativePath(uri), src });
    }
    return new TranslationIndex(files, this.texts.settings());
  }
}

/** Relative to its workspace folder, `/` separators: what the globs of keccel.smsTexts.files match. */
function relativePath(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder ? path.posix.relative(folder.uri.path, uri.path) : vscode.workspace.asRelativePath(uri, false);
}

function sameCalls(a: readonly TranslationCall[], b: readonly TranslationCall[]): boolean {
  return a.length === b.length && a.every((call, i) => call.start === b[i].start && call.end === b[i].end && call.fn === b[i].fn &&
    call.key === b[i].key);
}
