// The handlers of the accounts' commands: add, switch, remove, look up a message, and the Accounts view's row
// actions. The command registry (commands/registerCommands.ts) registers them with its error wrapper, like every
// other command.
import * as vscode from 'vscode';
import type { Account } from '../../core/accounts';
import type { ExtensionLog } from '../platform/log';
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

/** The accounts' commands by id; a handler may throw (the registry's wrapper logs and shows the failure). */
export function accountCommandHandlers({ accounts, balances, session, log }: AccountCommandDeps): Record<string, (...args: unknown[]) => unknown> {
  /** The account of a view row or `{name}`; says so when there is none by that name. */
  const accountOf = (arg: unknown): Account | undefined => {
    const name = accountName(arg);
    const account = name === undefined ? undefined : accounts.find(name);
    if (!account && name !== undefined) void showError(vscode.l10n.t('There is no Keccel account named "{0}".', name));
    return account;
  };
  return {
    'keccel.addAccount': (arg) => addAccount(accounts, log, arg && typeof arg === 'object' ? (arg as AddAccountArg) : undefined),
    'keccel.switchAccount': (arg) => switchAccount(accounts, balances, arg && typeof arg === 'object' ? (arg as { name?: unknown }) : undefined),
    'keccel.removeAccount': (arg) => removeAccount(accounts, balances, session, log, arg),
    'keccel.lookupMessage': (arg) => runLookup(session, accounts, log, arg),
    'keccel.account.switch': (arg) => {
      const account = accountOf(arg);
      return account && switchAccount(accounts, balances, { name: account.name });
    },
    'keccel.account.setToken': (arg) => {
      const account = accountOf(arg);
      return account && setToken(accounts.tokens(account), account, true, log);
    },
    'keccel.account.refresh': (arg) => {
      const account = accountOf(arg);
      return account && balances.refresh(account).then(() => undefined);
    },
    'keccel.account.remove': (arg) => removeAccount(accounts, balances, session, log, arg),
  };
}
