// The commands of the accounts: add, switch, remove, look up a message, and the Accounts view's row actions.
// Like every command (commands.ts), a handler never throws at VS Code: a failure is logged and shown.
import * as vscode from 'vscode';
import type { Account } from '../../core/accounts';
import { describeError, type ExtensionLog } from '../platform/log';
import { showError } from '../platform/notify';
import type { Session } from '../session/session';
import { setToken } from '../token/tokenCommands';
import { addAccount, accountName, removeAccount, switchAccount, type AddAccountArg } from './accountCommands';
import type { AccountBalances } from './accountBalances';
import type { AccountRegistry } from './accountRegistry';
import { runLookup } from './lookupCommand';

export interface AccountCommandDeps {
  accounts: AccountRegistry;
  balances: AccountBalances;
  session: Session;
  log: ExtensionLog;
}

export function registerAccountCommands({ accounts, balances, session, log }: AccountCommandDeps): vscode.Disposable[] {
  const register = (id: string, handler: (...args: unknown[]) => unknown): vscode.Disposable =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (error) {
        const message = describeError(error);
        log.error(`${id} failed: ${message}`);
        void showError(vscode.l10n.t('Keccel: {0}', message));
        return undefined;
      }
    });
  /** The account of a view row or `{name}`; says so when there is none by that name. */
  const accountOf = (arg: unknown): Account | undefined => {
    const name = accountName(arg);
    const account = name === undefined ? undefined : accounts.find(name);
    if (!account && name !== undefined) void showError(vscode.l10n.t('There is no Keccel account named "{0}".', name));
    return account;
  };
  return [
    register('keccel.addAccount', (arg) => addAccount(accounts, log, arg && typeof arg === 'object' ? (arg as AddAccountArg) : undefined)),
    register('keccel.switchAccount', (arg) => switchAccount(accounts, balances, arg && typeof arg === 'object' ? (arg as { name?: unknown }) : undefined)),
    register('keccel.removeAccount', (arg) => removeAccount(accounts, balances, log, arg)),
    register('keccel.lookupMessage', (arg) => runLookup(session, accounts, log, arg)),
    register('keccel.account.switch', (arg) => {
      const account = accountOf(arg);
      return account && switchAccount(accounts, balances, { name: account.name });
    }),
    register('keccel.account.setToken', (arg) => {
      const account = accountOf(arg);
      return account && setToken(accounts.tokens(account), account, true, log);
    }),
    register('keccel.account.refresh', (arg) => {
      const account = accountOf(arg);
      return account && balances.refresh(account).then(() => undefined);
    }),
    register('keccel.account.remove', (arg) => removeAccount(accounts, balances, log, arg)),
  ];
}
