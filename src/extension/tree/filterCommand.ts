// keccel.filterMessages: an input box that filters the Messages view as the user types (core/history/filter.ts:
// number, state or text), and keccel.clearMessageFilter. The filter is shown in the view's description and, with
// the count, in the message above the rows; a context key (keccel.filtered) swaps the filter action for clear.
// A string argument sets the filter without a box (scripts, tests).
import * as vscode from 'vscode';
import { fold, parseFilter, type StateWords } from '../../core/history/filter';
import type { RecordState } from '../../core/types';
import { Disposable } from '../platform/lifecycle';
import type { MessageNode, MessagesProvider } from './messagesProvider';

/** The state names in the display language (plus the English ones the core knows), folded. */
function stateWords(): StateWords {
  const pairs: [string, RecordState][] = [
    [vscode.l10n.t('Pending'), 'pending'],
    [vscode.l10n.t('Delivered'), 'delivered'],
    [vscode.l10n.t('Failed'), 'failed'],
    [vscode.l10n.t('No report'), 'expired'],
    [vscode.l10n.t('Sent'), 'sent'],
    [vscode.l10n.t('Rejected'), 'rejected'],
    [vscode.l10n.t('Unknown'), 'unknown'],
    [vscode.l10n.t('Not sent'), 'notSent'],
  ];
  return new Map(pairs.map(([word, state]) => [fold(word), state]));
}

export class MessageFilter extends Disposable {
  constructor(
    private readonly provider: MessagesProvider,
    private readonly view: vscode.TreeView<MessageNode>,
  ) {
    super();
    this._register(provider.onDidChangeFilter(() => void this.showState()));
    this._register(provider.onDidChangeTreeData(() => provider.currentFilter && void this.showState()));
  }

  /** What the view shows about the filter (for api.ts). */
  snapshot(): { query?: string; description?: string; message?: string } {
    return { query: this.provider.currentFilter?.query, description: this.view.description, message: this.view.message };
  }

  set(query: string): void {
    this.provider.setFilter(parseFilter(query, stateWords()));
  }

  clear(): void {
    this.provider.setFilter(undefined);
  }

  /** The live input box; resolves with the filter in force when it closes. */
  async ask(arg?: unknown): Promise<string | undefined> {
    if (typeof arg === 'string') {
      this.set(arg);
      return this.provider.currentFilter?.query;
    }
    const box = vscode.window.createInputBox();
    // After the box is on screen: the user reads it while every record is read and folded for the search.
    setTimeout(() => void this.provider.warmFilter().catch(() => undefined), 0);
    box.title = vscode.l10n.t('Filter Messages');
    box.placeholder = vscode.l10n.t('A number (0812…), a status (delivered, failed, pending…) or words of the text');
    box.prompt = vscode.l10n.t('The view filters as you type. Enter keeps the filter, Escape puts back the previous one.');
    const before = this.provider.currentFilter?.query ?? '';
    box.value = before;
    let accepted = false;
    box.onDidChangeValue((value) => this.set(value));
    return new Promise((resolve) => {
      box.onDidAccept(() => {
        accepted = true;
        box.hide();
      });
      box.onDidHide(() => {
        if (!accepted) this.set(before);
        box.dispose();
        resolve(this.provider.currentFilter?.query);
      });
      box.show();
    });
  }

  private async showState(): Promise<void> {
    const filter = this.provider.currentFilter;
    void vscode.commands.executeCommand('setContext', 'keccel.filtered', filter !== undefined);
    if (!filter) {
      this.view.description = undefined;
      this.view.message = undefined;
      return;
    }
    // The view's description holds the filter (plain text); the message above the rows gives the count.
    this.view.description = vscode.l10n.t('Filter: {0}', filter.query);
    const { shown, total } = await this.provider.filterCounts();
    if (this.provider.currentFilter !== filter) return;
    this.view.message = vscode.l10n.t('Filter “{0}”: {1} of {2}', filter.query, shown, total);
  }
}
