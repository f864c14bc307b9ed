// The Messages view: the current mode's history, newest first, one page at a time (50 rows, then a "Show more…"
// row) so 10,000 records stay instant. It refreshes itself when the store changes (sends, delivery updates,
// deletions), and when it comes back into sight so the relative times stay true.
import * as vscode from 'vscode';
import type { HistoryRecord } from '../../core/types';
import { Disposable } from '../lifecycle';
import type { ExtensionLog } from '../log';
import { describeError } from '../log';
import type { Session } from '../session';
import { MessageItem, ShowMoreItem } from './messageItem';
import { showError } from '../notify';

export const PAGE_SIZE = 50;

export type MessageNode = { kind: 'message'; record: HistoryRecord } | { kind: 'more'; remaining: number };

export class MessagesProvider extends Disposable implements vscode.TreeDataProvider<MessageNode> {
  private limit = PAGE_SIZE;
  private readonly changed = this._register(new vscode.EventEmitter<MessageNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  /** The message nodes last handed to the view, by record id (reveal needs the same objects). */
  private nodes = new Map<string, MessageNode>();

  constructor(
    private readonly session: Session,
    private readonly log: ExtensionLog,
  ) {
    super();
    this._register(session.onDidChangeHistory((mode) => mode === session.mode && this.refresh()));
    this._register(
      session.onDidChangeMode(() => {
        this.limit = PAGE_SIZE;
        this.refresh();
      }),
    );
    this._register(vscode.window.onDidChangeWindowState((e) => e.focused && this.refreshTimes()));
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  showMore(): void {
    this.limit += PAGE_SIZE;
    this.refresh();
  }

  /**
   * Brings the relative times up to date when the view comes back into sight or the window regains focus. No
   * timer of its own: with a token and nothing pending, the balance refresh is the only timer (product.md).
   */
  refreshTimes(): void {
    if (this.nodes.size > 0) this.refresh();
  }

  getTreeItem(node: MessageNode): vscode.TreeItem {
    return node.kind === 'message' ? new MessageItem(node.record) : new ShowMoreItem(node.remaining);
  }

  getParent(): undefined {
    return undefined;
  }

  async getChildren(node?: MessageNode): Promise<MessageNode[]> {
    if (node) return [];
    try {
      const store = await this.session.store();
      const records = store.page(0, this.limit);
      const nodes: MessageNode[] = records.map((record) => ({ kind: 'message', record }));
      this.nodes = new Map(records.map((record, i) => [record.id, nodes[i]]));
      if (store.size > records.length) nodes.push({ kind: 'more', remaining: store.size - records.length });
      return nodes;
    } catch (error) {
      this.log.error(`Could not read the history: ${describeError(error)}`);
      void showError(vscode.l10n.t('Could not read the Keccel history: {0}', describeError(error)));
      return [];
    }
  }

  /** The node of a record, paging further if it is not on the current pages. */
  async nodeOf(id: string): Promise<MessageNode | undefined> {
    await this.getChildren();
    let found = this.nodes.get(id);
    if (!found) {
      // Found by position, not by reading all(): that would parse every record of a 10,000-message history.
      const index = (await this.session.store()).positionOf(id);
      if (index < 0) return undefined;
      this.limit = Math.max(this.limit, Math.ceil((index + 1) / PAGE_SIZE) * PAGE_SIZE);
      this.refresh();
      await this.getChildren();
      found = this.nodes.get(id);
    }
    return found;
  }
}
