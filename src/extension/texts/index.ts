// SMS texts in your code and your token in a file: registers the providers and builds the commands. Cheap at activation:
// nothing is read or analysed until a document is opened or changed, or a provider asks (the open documents are
// analysed right after activation returns).
import * as vscode from 'vscode';
import type { ExtensionLog } from '../platform/log';
import { checkSmsTexts } from './checkCommand';
import { TextCodeActions } from './codeActions';
import { TextDiagnostics } from './diagnostics';
import { DocumentTexts } from './documentTexts';
import { TextHover } from './hover';
import { TextInlayHints } from './inlayHints';
import { findTokenInWorkspace, MOVE_COMMAND, TokenInFile, type StoredTokens } from './tokenInFile';
import { addTranslationFiles, ADD_TRANSLATION_FILES_COMMAND } from './addTranslationFiles';
import { TranslationDiagnostics } from './translationDiagnostics';
import { Translations } from './translations';
import type { WorkFigures } from './workMeter';

// By language id, and by file name for languages VS Code does not know without an extension (Kotlin, Dart).
const SELECTOR: vscode.DocumentSelector = [
  ...['javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'php', 'python', 'dart', 'java', 'kotlin', 'json',
    'jsonc', 'vue', 'svelte'].map((language) => ({ language })),
  { pattern: '**/*.{kt,kts,dart}' },
];

/** The feature's commands, registered by the command registry (commands/registerCommands.ts) with its error wrapper. */
export interface SmsTextCommands {
  checkSmsTexts(): Promise<unknown>;
  findTokenInWorkspace(): Promise<unknown>;
  moveTokenToEnv(uri: vscode.Uri, offset: number): Promise<unknown>;
  addTranslationFiles(glob: unknown): Promise<unknown>;
}

export function registerSmsTexts(tokens: StoredTokens, log: ExtensionLog):
  { disposables: vscode.Disposable[]; commands: SmsTextCommands; work: () => Record<string, WorkFigures> } {
  const texts = new DocumentTexts();
  const diagnostics = new TextDiagnostics(texts);
  const translations = new Translations(texts);
  const translationDiagnostics = new TranslationDiagnostics(texts, translations);
  const tokenInFile = new TokenInFile(tokens);
  const hints = new TextInlayHints(texts, translations);
  setTimeout(() => {
    texts.analyseOpenDocuments();
    tokenInFile.checkOpenDocuments();
  }, 0);
  const commands: SmsTextCommands = {
    checkSmsTexts: async () => checkSmsTexts(texts, diagnostics, translations, log),
    findTokenInWorkspace: async () => findTokenInWorkspace(tokens, log),
    moveTokenToEnv: async (uri, offset) => tokenInFile.moveToEnv(uri, offset),
    addTranslationFiles: async (glob) => addTranslationFiles(glob, log),
  };
  const disposables = [
    texts,
    diagnostics,
    translations,
    translationDiagnostics,
    tokenInFile,
    hints,
    vscode.languages.registerHoverProvider(SELECTOR, new TextHover(texts, translations)),
    vscode.languages.registerInlayHintsProvider(SELECTOR, hints),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new TextCodeActions(texts), { providedCodeActionKinds: TextCodeActions.kinds }),
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, tokenInFile, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
  ];
  return { disposables, commands, work: () => texts.work.snapshot() };
}

export { ADD_TRANSLATION_FILES_COMMAND, MOVE_COMMAND };
