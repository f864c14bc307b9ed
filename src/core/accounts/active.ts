// Which account this window uses. The choice is the window's: remembered per workspace (an agency's client
// repository opens on the client's account), the last one chosen anywhere for a window without a folder, and a
// workspace may name its account in the window-scoped setting `keccel.account` (a name only). A production account
// named by a workspace is used only once the user agreed to it for that workspace: a cloned repository must not
// quietly point the user's sends at a paid account. Pure logic; the extension keeps the state and asks.
import { sameName, type Account } from './account';

export interface ActiveChoiceInput {
  accounts: Account[];
  /** `keccel.account` as this workspace sets it (undefined in Restricted Mode: VS Code withholds it). */
  workspaceSetting?: string;
  /** The account the user picked in this workspace (workspaceState), by name. */
  workspaceChoice?: string;
  /** The account last picked in any window (globalState), by name. */
  lastChosen?: string;
  /** Whether the window has a folder or workspace (else there is no per-workspace memory). */
  hasFolder: boolean;
  /** Ids of the production accounts this workspace was allowed to use through its setting. */
  consented: readonly string[];
}

export type ActiveSource = 'setting' | 'workspace' | 'lastChosen' | 'first';

export interface ActiveChoice {
  account: Account;
  source: ActiveSource;
  /** The production account the workspace setting names, not yet agreed to: ask, then use it. */
  askConsentFor?: Account;
  /** The workspace setting names no account: say so (the window uses `account` meanwhile). */
  unknownSetting?: string;
}

export function findAccount(accounts: Account[], name: string | undefined): Account | undefined {
  if (name === undefined || name.trim() === '') return undefined;
  return accounts.find((a) => sameName(a.name, name));
}

/**
 * The account to use. A user's own pick in this workspace wins (the extension forgets it when `keccel.account`
 * changes, so a new value of the setting applies at once); then the setting; then the last pick anywhere; then the
 * first account.
 */
export function chooseActive(input: ActiveChoiceInput): ActiveChoice {
  if (input.accounts.length === 0) throw new Error('There is always at least one account (the implicit Keccel).');
  const fallback = (): ActiveChoice => {
    const last = findAccount(input.accounts, input.lastChosen);
    return last ? { account: last, source: 'lastChosen' } : { account: input.accounts[0], source: 'first' };
  };
  const picked = input.hasFolder ? findAccount(input.accounts, input.workspaceChoice) : undefined;
  if (picked) return { account: picked, source: 'workspace' };
  const setting = input.workspaceSetting?.trim();
  if (setting) {
    const named = findAccount(input.accounts, setting);
    if (!named) return { ...fallback(), unknownSetting: setting };
    if (!named.production || input.consented.includes(named.id)) return { account: named, source: 'setting' };
    return { ...fallback(), askConsentFor: named };
  }
  return fallback();
}
