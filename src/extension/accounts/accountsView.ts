// The Accounts view (`keccel.accounts`): one row per account, then the sandbox. A row shows the name, credit and
// expiry, a production marker and whether the account can send (a token on this machine); its inline actions are
// switch, set token, refresh and remove (package.json menus, by contextValue).
import * as vscode from 'vscode';
import type { Account } from '../../core/accounts';
import { markdownText } from '../../core/plainText';
import { Disposable } from '../platform/lifecycle';
import type { AccountBalances } from './accountBalances';
import type { AccountRegistry } from './accountRegistry';

export type AccountNode = { kind: 'account'; account: Account } | { kind: 'sandbox' };

export class AccountsProvider extends Disposable implements vscode.TreeDataProvider<AccountNode> {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.changed.event;
  private readonly hasToken = new Map<string, boolean>();

  constructor(
    private readonly registry: AccountRegistry,
    private readonly balances: AccountBalances,
    private readonly sandboxUrl: () => string | undefined,
    onSandboxChange: vscode.Event<unknown>,
  ) {
    super();
    const refresh = () => this.changed.fire();
    this._register(registry.onDidChange(refresh));
    this._register(registry.onDidChangeToken(refresh));
    this._register(balances.onDidChange(refresh));
    this._register(onSandboxChange(refresh));
  }

  /** The view became visible: ask every account's gateway once. */
  shown(): void {
    void this.balances.refreshAll();
  }

  async getChildren(element?: AccountNode): Promise<AccountNode[]> {
    if (element) return [];
    await Promise.all(this.registry.accounts.map(async (a) => this.hasToken.set(a.id, (await this.registry.tokens(a).get()) !== undefined)));
    return [...this.registry.accounts.map((account): AccountNode => ({ kind: 'account', account })), { kind: 'sandbox' }];
  }

  getTreeItem(node: AccountNode): vscode.TreeItem {
    if (node.kind === 'sandbox') {
      const url = this.sandboxUrl();
      const item = new vscode.TreeItem(vscode.l10n.t('Sandbox'));
      item.description = url ? vscode.l10n.t('on · {0}', url) : vscode.l10n.t('off');
      item.iconPath = new vscode.ThemeIcon('beaker');
      item.contextValue = url ? 'keccelSandboxOn' : 'keccelSandboxOff';
      item.tooltip = vscode.l10n.t('The built-in simulator: every feature, no account, nothing really sent.');
      return item;
    }
    const { account } = node;
    const active = account.id === this.registry.active.id;
    const hasToken = this.hasToken.get(account.id) ?? true;
    const item = new vscode.TreeItem(account.name);
    const parts: string[] = [];
    if (account.production) parts.push(vscode.l10n.t('production'));
    parts.push(hasToken ? this.balances.describe(account) : vscode.l10n.t('Set Token'));
    if (active) parts.push(vscode.l10n.t('active'));
    item.description = parts.join(' · ');
    item.iconPath = !hasToken
      ? new vscode.ThemeIcon('key', new vscode.ThemeColor('list.warningForeground'))
      : account.production
        ? new vscode.ThemeIcon('flame', new vscode.ThemeColor('errorForeground'))
        : new vscode.ThemeIcon(active ? 'pass-filled' : 'circle-large-outline');
    item.contextValue = ['keccelAccount', active ? 'active' : 'inactive', hasToken ? 'token' : 'noToken', account.production ? 'production' : 'test'].join('.');
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${markdownText(account.name)}**${account.production ? ` · ${markdownText(vscode.l10n.t('production: paid SMS to real people'))}` : ''}\n\n`);
    md.appendMarkdown(`${markdownText(vscode.l10n.t('Gateway: {0}', account.baseUrl))}  \n`);
    md.appendMarkdown(`${markdownText(vscode.l10n.t('Sender: {0}', account.sender))}  \n`);
    md.appendMarkdown(markdownText(hasToken ? this.balances.describe(account) : vscode.l10n.t('No token on this machine: it cannot send until you set one.')));
    item.tooltip = md;
    if (!hasToken) item.command = { command: 'keccel.account.setToken', title: vscode.l10n.t('Set Token'), arguments: [node] };
    return item;
  }
}
