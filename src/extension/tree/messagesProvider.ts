// The Messages view: the current mode's history, newest first, one page at a time (50 rows, then a "Show more…" row)
// so 10,000 records stay instant. It refreshes itself when the store changes (sends, delivery updates, deletions),
// and when it comes back into sight. While it is in sight in a focused window, one timer refreshes it when the next
// age it shows would change (core/age.ts), so "3m" never stays on screen for a 5-minute-old message; hidden or in a
// window in the background, there is no timer (docs/performance.md: no timer of our own in the background).
import * as vscode from 'vscode';
import { nextAgeChange } from '../../core/age';
import { filterRecords, warmFilter, type HistoryFilter } from '../../core/history/filter';
import type { HistoryRecord } from '../../core/types';
import { Disposable } from '../platform/lifecycle';
import type { ExtensionLog } from '../platform/log';
import { describeError } from '../platform/log';
import type { Session } from '../session/session';
import { MessageItem, ShowMoreItem } from './messageItem';
import { showError } from '../platform/notify';

export const PAGE_SIZE = 50;

export type MessageNode = { kind: 'message'; record: HistoryRecord } | { kind: 'more'; remaining: number };

export class MessagesProvider extends Disposable implements vscode.TreeDataProvider<MessageNode> {
  private limit = PAGE_SIZE;
  private readonly changed = this._register(new vscode.EventEmitter<MessageNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  /** The message nodes last handed to the view, by record id (reveal needs the same objects). */
  private nodes = new Map<string, MessageNode>();
  private visible = false;
  private filter: HistoryFilter | undefined;
  /** The records matching the filter, newest first; dropped when the history or the filter changes. */
  private matches: HistoryRecord[] | undefined;
  /** Every record, newest first, for the filter; kept across keystrokes, dropped when the history changes. */
  private everything: HistoryRecord[] | undefined;
  private readonly filterChanged = this._register(new vscode.EventEmitter<void>());
  /** The filter was set or cleared (the view's description and the clear action follow it). */
  readonly onDidChangeFilter = this.filterChanged.event;
  private ageTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly session: Session,
    private readonly log: ExtensionLog,
  ) {
    super();
    this._register(
      session.onDidChangeHistory((mode) => {
        if (mode !== session.mode) return;
        this.matches = undefined;
        this.everything = undefined;
        this.refresh();
      }),
    );
    this._register(
      session.onDidChangeMode(() => {
        this.limit = PAGE_SIZE;
        this.matches = undefined;
        this.everything = undefined;
        this.refresh();
      }),
    );
    this._register(
      vscode.window.onDidChangeWindowState((e) => {
        if (e.focused) this.refreshTimes();
        else this.stopAgeTimer();
      }),
    );
    this._register({ dispose: () => this.stopAgeTimer() });
  }

  /** The view came into sight or left it (TreeView.onDidChangeVisibility). */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) this.refreshTimes();
    else this.stopAgeTimer();
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  get currentFilter(): HistoryFilter | undefined {
    return this.filter;
  }

  /** Shows only the records that match (undefined: all of them), from the first page. */
  setFilter(filter: HistoryFilter | undefined): void {
    if (this.filter?.query === filter?.query) return;
    this.filter = filter;
    this.matches = undefined;
    this.limit = PAGE_SIZE;
    this.filterChanged.fire();
    this.refresh();
  }

  /** Reads and folds every record now, so the first keystroke of a search does not pay for it. */
  async warmFilter(): Promise<void> {
    this.everything = (await this.session.store()).all();
    warmFilter(this.everything);
  }

  /** How many records the filter lets through, and out of how many (for the view's message). */
  async filterCounts(): Promise<{ shown: number; total: number }> {
    const store = await this.session.store();
    return { shown: this.filter ? this.filtered(store).length : store.size, total: store.size };
  }

  private filtered(store: { all(): HistoryRecord[] }): HistoryRecord[] {
    if (!this.filter) return [];
    this.everything ??= store.all();
    this.matches ??= filterRecords(this.everything, this.filter);
    return this.matches;
  }

  showMore(): void {
    this.limit += PAGE_SIZE;
    this.refresh();
  }

  /**
   * Brings the relative times up to date when the view comes back into sight or the window regains focus: the age
   * timer (scheduleAgeRefresh) stops while the view is hidden or the window is in the background, so the ages on
   * screen may be stale at that moment.
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
      // Unfiltered, a page is read straight from the store (no other record is parsed); filtered, from the matches.
      const all = this.filter ? this.filtered(store) : undefined;
      const records = all ? all.slice(0, this.limit) : store.page(0, this.limit);
      const total = all ? all.length : store.size;
      const nodes: MessageNode[] = records.map((record) => ({ kind: 'message', record }));
      this.nodes = new Map(records.map((record, i) => [record.id, nodes[i]]));
      this.scheduleAgeRefresh(records);
      if (total > records.length) nodes.push({ kind: 'more', remaining: total - records.length });
      return nodes;
    } catch (error) {
      this.log.error(`Could not read the history: ${describeError(error)}`);
      void showError(vscode.l10n.t('Could not read the Keccel history: {0}', describeError(error)));
      return [];
    }
  }

  /** One timer, to the first moment an age on screen changes; only while the view is seen in a focused window. */
  private scheduleAgeRefresh(records: readonly HistoryRecord[]): void {
    this.stopAgeTimer();
    if (!this.visible || !vscode.window.state.focused) return;
    const now = Date.now();
    let wait: number | undefined;
    for (const record of records) {
      const next = nextAgeChange(Date.parse(record.sentAt), now);
      if (next !== undefined && (wait === undefined || next < wait)) wait = next;
    }
    // +50 ms: wake just after the boundary, so the new age is the one computed.
    if (wait !== undefined) this.ageTimer = setTimeout(() => this.refresh(), wait + 50);
  }

  private stopAgeTimer(): void {
    clearTimeout(this.ageTimer);
    this.ageTimer = undefined;
  }

  /** The node of a record, paging further if it is not on the current pages. */
  async nodeOf(id: string): Promise<MessageNode | undefined> {
    await this.getChildren();
    let found = this.nodes.get(id);
    if (!found && this.filter) {
      // Revealing a record the filter hides: show everything again rather than fail to show it.
      this.setFilter(undefined);
      await this.getChildren();
      found = this.nodes.get(id);
    }
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
