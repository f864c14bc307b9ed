// How each snippet language is offered in the quick pick and opened in an editor.
import * as vscode from 'vscode';
import type { SnippetLanguage } from '../../core/snippets';

export interface LanguageChoice {
  language: SnippetLanguage;
  label: string;
  /** What the snippet needs to run. */
  description: string;
  /** The VS Code language of the untitled editor. */
  languageId: string;
}

export function languageChoices(): LanguageChoice[] {
  return [
    { language: 'curl', label: 'curl', description: vscode.l10n.t('a bash script with curl'), languageId: 'shellscript' },
    { language: 'php', label: 'PHP', description: vscode.l10n.t('PHP 8 with ext-curl (a Laravel variant in a comment)'), languageId: 'php' },
    { language: 'node', label: 'Node.js', description: vscode.l10n.t('Node.js 18+ with the built-in fetch'), languageId: 'javascript' },
    { language: 'python', label: 'Python', description: vscode.l10n.t('Python 3 with requests'), languageId: 'python' },
  ];
}

export function choiceOf(language: SnippetLanguage): LanguageChoice {
  return languageChoices().find((choice) => choice.language === language)!;
}
