// The object `activate()` returns (`vscode.extensions.getExtension('keccel-tools.keccel-sms').exports`).
// Scripts and the integration tests read the extension's visible state through it, so tests assert what the
// user sees (status-bar text, tree rows) without reaching into private fields. It never exposes the token.
import type { HistoryRecord } from '../core/types';
import type { PollerActivity } from '../core/poller';
import type { DiagnoseView } from '../common/diagnoseProtocol';
import type { DetailsSnapshot } from './details/panel';

export const EXTENSION_ID = 'keccel-tools.keccel-sms';

export interface BalanceItemSnapshot {
  text: string;
  /** Plain-text form of the tooltip (Markdown source when it is Markdown). */
  tooltip: string;
  /** The tooltip's Markdown source as VS Code renders it (to check that nothing in it becomes a link). */
  tooltipMarkdown?: string;
  /** Theme colour id of the background (`statusBarItem.warningBackground`, `statusBarItem.errorBackground`), if any. */
  backgroundColor?: string;
  /** The command a click runs. */
  command?: string;
}

export interface TreeRowSnapshot {
  label: string;
  description?: string;
  tooltip: string;
  /** The tooltip's Markdown source as VS Code renders it (to check that nothing in it becomes a link). */
  tooltipMarkdown?: string;
  contextValue?: string;
  /** Codicon id of the row's icon (`check`, `error`, `clock`...). */
  iconId?: string;
  /** History record id for message rows. */
  recordId?: string;
  /** The command a click on the row runs. */
  command?: string;
}

export interface KeccelApi {
  /** Milliseconds `activate()` took, measured inside it (for `npm run bench`). */
  readonly activationTimeMs: number;
  balanceItem(): BalanceItemSnapshot;
  /** The top-level rows of the `keccel.messages` tree, as the view would render them. */
  messageTreeRows(): Promise<TreeRowSnapshot[]>;
  /** History of the current mode (this window's account, or the sandbox), newest first. */
  history(): Promise<HistoryRecord[]>;
  /** This window's account. */
  activeAccount(): { name: string; production: boolean };
  /** The rows of the Accounts view (`keccel.accounts`), as the view would render them. */
  accountRows(): Promise<TreeRowSnapshot[]>;
  /**
   * Everything the extension keeps in VS Code's globalState and workspaceState, as JSON (under code-server these
   * live in the browser, out of reach of a scan of the profile folder; a test checks that no token is there).
   */
  storedState(): string;
  /** Base URL of the running sandbox, or undefined when the sandbox is off. */
  sandboxUrl(): string | undefined;
  /** The file of the current mode's history (side files of damaged lines are written next to it). */
  historyFile(): Promise<string>;
  /** The last lines of the "Keccel SMS" log, redacted as written, oldest first: `<level> <text>`. */
  recentLog(): string[];
  /** The open details page (HTML shell and the view it was last sent), or undefined when none is open. */
  detailsPage(): DetailsSnapshot | undefined;
  /** The Messages view's filter as the view shows it (query, view description, message above the rows). */
  messageFilter(): { query?: string; description?: string; message?: string };
  /**
   * What could call the current mode's gateway without a user action, as it stands now: its delivery poller
   * (`stopped` when it has none, as without a token; `idle` with nothing pending; `scheduled` with the next check
   * armed; `checking` with a check out) and whether the balance item's periodic refresh is armed. A test reads it
   * to see that nothing is left to make a request, instead of waiting to see that none comes.
   */
  backgroundRequests(): { deliveryPoller: PollerActivity; balanceRefresh: boolean };
  /** How many times the Messages view was told to refresh since activation (`npm run bench`: coalescing). */
  treeRefreshes(): number;
  /**
   * What the open composer's page was last told about where a send goes (the account its badge names, when it must
   * be named: a production one, or one of several; the sandbox), or undefined when no composer page is loaded.
   */
  composerState(): { account?: { name: string; production: boolean }; sandbox: boolean } | undefined;
  /**
   * The time the SMS texts of open documents kept the extension host busy (`npm run bench`), by kind: `keystroke`
   * (the update after one change inside a text), `reread` (a whole document), `publish` (its diagnostics).
   */
  smsTextsWork(): Record<string, { count: number; totalMs: number; maxMs: number }>;
  /** The open "Diagnose Connection" report as its page shows it, or undefined when none is open. */
  diagnosisReport(): DiagnoseView | undefined;
  /**
   * The Getting Started walkthrough: whether it was shown once, which of its context keys this window set, and the
   * steps (full ids) VS Code confirmed ticking when the extension asked (walkthrough/ticks.ts).
   */
  walkthrough(): { shown: boolean; progress: { sent: boolean; deliveryReport: boolean; appMessage: boolean }; ticked: string[] };
}
