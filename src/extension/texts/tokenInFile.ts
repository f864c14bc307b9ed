// A stored API token (any account's) written in a file open in an editor: an Error diagnostic `token-in-file` that
// never shows the token, a quick fix that moves it to `.env`, and keccel.findTokenInWorkspace. The tokens are read
// from the accounts' token stores when needed and compared in memory; none is put in a diagnostic, a command
// argument or the log. The sandbox's token is in no account's store, so it is never flagged; nor are `.env` files
// and what git ignores.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { labelText } from '../../core/plainText';
import { languageOf } from '../../core/texts/languages';
import {
  environmentRead, findTokens, findTokensInCode, importInsertion, withGitignoreEntry,
} from '../../core/texts/tokenInFile';
import { ENV_NAME, planEnvEntry } from '../../core/texts/envFile';
import { Disposable } from '../platform/lifecycle';
import type { ExtensionLog } from '../platform/log';
import { showError, showInformation } from '../platform/notify';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { gitIgnored, insideGitRepository, workspaceFiles } from './workspaceFiles';
import { readSmallFile } from './readSmallFile';

/** The stored tokens of every account (accounts/accountRegistry.ts). */
export interface StoredTokens {
  allTokens(): Promise<string[]>;
  /** The same tokens with their account's name. */
  accountTokens(): Promise<Array<{ name: string; token: string }>>;
  /** An account's token was set or removed. */
  readonly onDidChangeToken: vscode.Event<unknown>;
  /** An account was added or removed. */
  readonly onDidChange: vscode.Event<void>;
}

export const TOKEN_CODE = 'token-in-file';
const DEBOUNCE_MS = 300;
const MAX_BYTES = 2_000_000;
/** `.env` files hold secrets by design; the templates (`.env.example`, …) are committed and shared, so they are checked. */
const ENV_FILE = /^\.env(?!\.(?:example|sample|template|dist)$)(\..*)?$/;

export class TokenInFile extends Disposable implements vscode.CodeActionProvider {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('keccel-token'));
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly ignored = new Map<string, Promise<boolean>>();

  constructor(private readonly tokens: StoredTokens) {
    super();
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)));
    this._register(tokens.onDidChangeToken(() => this.checkOpenDocuments()));
    this._register(tokens.onDidChange(() => this.checkOpenDocuments()));
    this._register({ dispose: () => this.pending.forEach((t) => clearTimeout(t)) });
  }

  checkOpenDocuments(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document);
  }

  private schedule(document: vscode.TextDocument): void {
    if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled') return;
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => {
      this.pending.delete(key);
      void this.check(document);
    }, DEBOUNCE_MS));
  }

  private async check(document: vscode.TextDocument): Promise<void> {
    const tokens = await this.tokens.allTokens();
    if (document.isClosed) return;
    if (tokens.length === 0 || (await this.isExempt(document.uri))) {
      this.collection.delete(document.uri);
      return;
    }
    const source = document.getText();
    const hits = source.length > MAX_BYTES ? [] : findTokens(source, tokens);
    const lang = languageOf(document.languageId, document.uri.path);
    const message = lang === 'dart'
      ? vscode.l10n.t('This file holds your Keccel API token, and a Flutter app ships its code to every phone: anyone can extract the token and send SMS at your expense. The token belongs on your server, which the app calls. If this file was ever committed or published, revoke the token in your Keccel account and set a new one.')
      : vscode.l10n.t('This file holds your Keccel API token: anyone who reads the file (a commit, a shared screen, a published package) can send SMS at your expense. Read it from the environment instead (the quick fix moves it to .env). If this file was ever committed, revoke the token in your Keccel account and set a new one.');
    this.collection.set(document.uri, hits.map((hit) => {
      const range = new vscode.Range(document.positionAt(hit.start), document.positionAt(hit.end));
      const diagnostic = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Error);
      diagnostic.source = DIAGNOSTIC_SOURCE;
      diagnostic.code = TOKEN_CODE;
      return diagnostic;
    }));
  }

  /** `.env` files and git-ignored files hold secrets by design. */
  private isExempt(uri: vscode.Uri): Promise<boolean> {
    if (ENV_FILE.test(path.basename(uri.path))) return Promise.resolve(true);
    const folder = uri.scheme === 'file' ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
    if (!folder) return Promise.resolve(false);
    const key = uri.toString();
    let known = this.ignored.get(key);
    if (!known) {
      const relative = vscode.workspace.asRelativePath(uri, false);
      known = gitIgnored(folder.uri.fsPath, [relative]).then((set) => set.has(relative));
      this.ignored.set(key, known);
    }
    return known;
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const lang = languageOf(document.languageId, document.uri.path);
    if (lang === undefined || environmentRead(lang, vscode.workspace.asRelativePath(document.uri, false)) === undefined) return [];
    return context.diagnostics
      .filter((d) => d.source === DIAGNOSTIC_SOURCE && d.code === TOKEN_CODE)
      .slice(0, 1)
      .map((diagnostic) => {
        const action = new vscode.CodeAction(vscode.l10n.t('Move the Token to .env'), vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        // Only the place is passed: the command reads the token from the store itself.
        action.command = { command: MOVE_COMMAND, title: action.title, arguments: [document.uri, document.offsetAt(diagnostic.range.start)] };
        return action;
      });
  }

  /**
   * Writes the token to `.env` (and `.env` to `.gitignore`), then replaces the literal with the environment read.
   * The variable is KECCEL_TOKEN unless .env already gives that name to another token (another account's): then the
   * account's own (core/texts/envFile.ts), so the code moved earlier keeps sending with its own account.
   */
  async moveToEnv(uri: vscode.Uri, offset: number): Promise<boolean> {
    const owners = await this.tokens.accountTokens();
    const tokens = owners.map((owner) => owner.token);
    const document = await vscode.workspace.openTextDocument(uri);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const lang = languageOf(document.languageId, uri.path);
    const relative = vscode.workspace.asRelativePath(uri, false);
    if (tokens.length === 0 || !folder || !lang || environmentRead(lang, relative) === undefined) {
      void showError(vscode.l10n.t('The token cannot be moved to .env from this file: it must be in a file of an open workspace folder, in a language that can read the environment.'));
      return false;
    }
    const source = document.getText();
    const hit = findTokensInCode(source, lang, tokens).find((h) => h.start <= offset && offset <= h.end);
    if (!hit) return false;
    const token = source.slice(hit.start, hit.end);
    if (!hit.literal) {
      // Inside a longer text (a URL, a header): no expression can stand for part of a literal in every language.
      void showError(vscode.l10n.t('The token is part of a longer text here: move it to .env by hand and build the text from the environment.'));
      return false;
    }
    const envUri = vscode.Uri.joinPath(folder.uri, '.env');
    const owner = owners.find((o) => o.token === token)?.name ?? '';
    const plan = planEnvEntry(await readOrEmpty(envUri), token, owner);
    const gitignoreUri = vscode.Uri.joinPath(folder.uri, '.gitignore');
    if ((await isLink(envUri)) || (await isLink(gitignoreUri))) {
      // Written through a link, the token (or the rule) would land in another file, perhaps outside the workspace.
      void showError(vscode.l10n.t('.env or .gitignore in this folder is a link to another file: the token is not written through it. Move it by hand.'));
      return false;
    }
    await updateFile(gitignoreUri, withGitignoreEntry);
    if ((await insideGitRepository(folder.uri.fsPath)) && !(await gitIgnored(folder.uri.fsPath, ['.env'])).has('.env')) {
      // Committed already, or a later rule (`!.env`) brings it back: the token would be committed with it.
      void showError(vscode.l10n.t('Git does not ignore .env in this folder (it is committed, or a rule includes it): the token would be committed with it. Stop tracking .env (git rm --cached .env), then try again.'));
      return false;
    }
    if (plan.written) await vscode.workspace.fs.writeFile(envUri, new TextEncoder().encode(plan.envFile));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(document.positionAt(hit.literal.start), document.positionAt(hit.literal.end)), environmentRead(lang, relative, plan.name)!);
    const imports = importInsertion(lang, source);
    if (imports) edit.insert(uri, document.positionAt(imports.offset), imports.text);
    const applied = await vscode.workspace.applyEdit(edit);
    if (applied) this.ignored.clear();
    if (applied && plan.name !== ENV_NAME) {
      // Names only: the token is in .env and nowhere else.
      void showInformation(vscode.l10n.t('{0} in .env already holds another token, so this one is now {1}, which this file reads.', ENV_NAME, plan.name));
    }
    return applied;
  }
}

export const MOVE_COMMAND = 'keccel.texts.moveTokenToEnv';

async function readOrEmpty(uri: vscode.Uri): Promise<string> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return ''; // A missing file starts empty.
  }
}

/** True for a symbolic link, dangling ones included (a write would create its target). */
async function isLink(uri: vscode.Uri): Promise<boolean> {
  if (uri.scheme !== 'file') return false;
  try {
    return (await fs.lstat(uri.fsPath)).isSymbolicLink();
  } catch {
    return false; // A missing file is no link.
  }
}

async function updateFile(uri: vscode.Uri, change: (text: string) => string): Promise<void> {
  const text = await readOrEmpty(uri);
  const next = change(text);
  if (next !== text) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(next));
}

/** keccel.findTokenInWorkspace: `[{uri, line}]` (1-based) of every place a stored token (any account's) is written. */
export async function findTokenInWorkspace(stored: StoredTokens, log: ExtensionLog): Promise<Array<{ uri: vscode.Uri; line: number }>> {
  const tokens = await stored.allTokens();
  if (tokens.length === 0) {
    void showInformation(vscode.l10n.t('No Keccel API token is stored: there is nothing to look for.'));
    return [];
  }
  const places = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Looking for your Keccel API token in the workspace'), cancellable: true },
    async (progress, cancel) => {
      const uris = await workspaceFiles('**/*', cancel);
      const found: Array<{ uri: vscode.Uri; line: number }> = [];
      for (let i = 0; i < uris.length && !cancel.isCancellationRequested; i++) {
        const uri = uris[i];
        if (ENV_FILE.test(path.basename(uri.path))) continue;
        const text = await readSmallFile(uri, MAX_BYTES);
        if (text !== undefined) {
          for (const hit of findTokens(text, tokens)) {
            let line = 1;
            for (let k = text.indexOf('\n'); k >= 0 && k < hit.start; k = text.indexOf('\n', k + 1)) line++;
            found.push({ uri, line });
          }
        }
        if (i % 50 === 0) progress.report({ message: `${i}/${uris.length}` });
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return found;
    },
  );
  log.info(`Token search: ${places.length} place(s) found.`);
  if (places.length === 0) {
    void showInformation(vscode.l10n.t('Your Keccel API token is not written in any file of this workspace.'));
  } else {
    const open = vscode.l10n.t('Open');
    void showError(vscode.l10n.t('Your Keccel API token is written in {0} place(s) of this workspace.', places.length), open).then(async (choice) => {
      if (choice !== open) return;
      const picked = await vscode.window.showQuickPick(
        places.map((p) => ({ label: labelText(`${vscode.workspace.asRelativePath(p.uri)}:${p.line}`), place: p })),
        { placeHolder: vscode.l10n.t('Open a place where the token is written') },
      );
      if (picked) {
        const line = picked.place.line - 1;
        await vscode.window.showTextDocument(picked.place.uri, { selection: new vscode.Range(line, 0, line, 0) });
      }
    });
  }
  return places;
}
