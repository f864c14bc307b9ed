// The quick picks behind "Sandbox Failure Injection…" and "Sandbox Account…". Failure injection lives in the
// settings (keccel.sandbox.failure.*), so what is on is always visible there and survives a restart; the pick is a
// shortcut that writes them. The account state is the simulator's own (kept in its state file).
import * as vscode from 'vscode';
import type { ChaosSettings } from '../../simulator/chaos';
import { readConfig } from '../settings/config';
import { readSandboxConfig, SANDBOX_SECTION, SandboxSetting } from '../settings/sandboxSettings';
import type { Simulator } from './sandbox';

type ChaosKey = keyof ChaosSettings;

const KEYS: ChaosKey[] = ['rejectSendsPercent', 'failDeliveriesPercent', 'resetPercent', 'html500Percent', 'delayMs'];
/** The value a pick turns on when the setting is off. */
const PRESETS: ChaosSettings = { rejectSendsPercent: 20, failDeliveriesPercent: 20, resetPercent: 10, html500Percent: 10, delayMs: 2000 };

/** What is on, in the user's language (`sends rejected: 20%, delay: 2000 ms`); '' when nothing is. */
export function chaosSummary(s: ChaosSettings): string {
  const parts: string[] = [];
  if (s.rejectSendsPercent) parts.push(vscode.l10n.t('sends rejected: {0}%', s.rejectSendsPercent));
  if (s.failDeliveriesPercent) parts.push(vscode.l10n.t('deliveries failed: {0}%', s.failDeliveriesPercent));
  if (s.resetPercent) parts.push(vscode.l10n.t('connections reset: {0}%', s.resetPercent));
  if (s.html500Percent) parts.push(vscode.l10n.t('HTML 500 pages: {0}%', s.html500Percent));
  if (s.delayMs) parts.push(vscode.l10n.t('delay: {0} ms', s.delayMs));
  return parts.join(', ');
}

function label(key: ChaosKey, value: number): string {
  switch (key) {
    case 'rejectSendsPercent': return vscode.l10n.t('Reject {0}% of sends', value);
    case 'failDeliveriesPercent': return vscode.l10n.t('Fail {0}% of deliveries', value);
    case 'resetPercent': return vscode.l10n.t('Reset {0}% of connections', value);
    case 'html500Percent': return vscode.l10n.t('Answer {0}% of requests with an HTML 500 page', value);
    case 'delayMs': return vscode.l10n.t('Delay every answer by {0} ms', value);
  }
}

/**
 * With an argument (`{rejectSendsPercent: 30, …}`, `{off: true}`) writes those settings without asking; otherwise a
 * multi-select pick. Resolves to the settings now in force, or undefined when cancelled.
 */
export async function chooseFailureInjection(arg: unknown): Promise<ChaosSettings | undefined> {
  const current = readSandboxConfig().chaos;
  let next: ChaosSettings;
  if (arg && typeof arg === 'object') {
    const given = arg as Partial<ChaosSettings> & { off?: boolean };
    next = given.off ? { rejectSendsPercent: 0, failDeliveriesPercent: 0, resetPercent: 0, html500Percent: 0, delayMs: 0 } : { ...current };
    for (const key of KEYS) if (typeof given[key] === 'number') next[key] = given[key];
  } else {
    type Item = vscode.QuickPickItem & { key: ChaosKey };
    const items: Item[] = KEYS.map((key) => ({ key, label: label(key, current[key] || PRESETS[key]), picked: current[key] > 0 }));
    const picked = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      title: vscode.l10n.t('Sandbox Failure Injection'),
      placeHolder: vscode.l10n.t('Checked failures happen at random; the exact values are in the keccel.sandbox.failure settings.'),
    });
    if (!picked) return undefined;
    next = { ...current };
    for (const key of KEYS) next[key] = picked.some((p) => p.key === key) ? current[key] || PRESETS[key] : 0;
  }
  const config = vscode.workspace.getConfiguration(SANDBOX_SECTION);
  const settingOf: Record<ChaosKey, string> = {
    rejectSendsPercent: SandboxSetting.rejectSendsPercent, failDeliveriesPercent: SandboxSetting.failDeliveriesPercent,
    resetPercent: SandboxSetting.resetPercent, html500Percent: SandboxSetting.html500Percent, delayMs: SandboxSetting.delayMs,
  };
  for (const key of KEYS) {
    if (next[key] !== current[key]) await config.update(settingOf[key], next[key] || undefined, vscode.ConfigurationTarget.Global);
  }
  return readSandboxConfig().chaos;
}

interface AccountArg {
  balance?: number;
  status?: string;
  /** Days until the credits expire (0: already expired). */
  expiresInDays?: number;
}

const DAY_MS = 86_400_000;

/**
 * With an argument (`{balance, status, expiresInDays}`) sets those without asking; otherwise a pick of account
 * states. Resolves to true when something changed.
 */
export async function chooseAccountState(simulator: Simulator, arg: unknown): Promise<boolean> {
  let change: AccountArg | undefined;
  if (arg && typeof arg === 'object') change = arg as AccountArg;
  else change = await pickAccountState(simulator);
  if (!change) return false;
  if (typeof change.balance === 'number' && Number.isFinite(change.balance)) simulator.setBalance(Math.max(0, Math.floor(change.balance)));
  if (typeof change.status === 'string' && change.status.trim()) simulator.setAccountStatus(change.status.trim());
  if (typeof change.expiresInDays === 'number') simulator.setExpiration(new Date(Date.now() + change.expiresInDays * DAY_MS));
  return true;
}

async function pickAccountState(simulator: Simulator): Promise<AccountArg | undefined> {
  const { lowCreditThreshold, expiryWarningDays } = readConfig();
  type Item = vscode.QuickPickItem & { change?: AccountArg; askCredit?: boolean };
  const low = Math.max(0, lowCreditThreshold - 1);
  const soon = Math.max(1, Math.min(2, expiryWarningDays));
  const items: Item[] = [
    { label: `$(edit) ${vscode.l10n.t('Set the Credit…')}`, description: vscode.l10n.t('now {0} SMS', simulator.balance), askCredit: true },
    { label: `$(warning) ${vscode.l10n.t('Make the Credit Low')}`, description: vscode.l10n.t('{0} SMS', low), change: { balance: low } },
    { label: `$(circle-slash) ${vscode.l10n.t('No Credit Left')}`, description: vscode.l10n.t('sends are rejected'), change: { balance: 0 } },
    { label: `$(watch) ${vscode.l10n.t('Make the Credits Expire Soon')}`, description: vscode.l10n.t('in {0} days', soon), change: { expiresInDays: soon } },
    { label: `$(error) ${vscode.l10n.t('Make the Account Inactive')}`, change: { status: 'inactive' } },
    { label: `$(check) ${vscode.l10n.t('Back to Normal')}`, description: vscode.l10n.t('1000 SMS, active, 90 days'), change: { balance: 1000, status: 'active', expiresInDays: 90 } },
  ];
  const choice = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Sandbox Account') });
  if (!choice) return undefined;
  if (!choice.askCredit) return choice.change;
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Sandbox Credit'),
    prompt: vscode.l10n.t('Credits (SMS) the sandbox account holds'),
    value: String(simulator.balance),
    validateInput: (v) => (/^\d{1,9}$/.test(v.trim()) ? undefined : vscode.l10n.t('A whole number of SMS, such as 250.')),
  });
  return text === undefined ? undefined : { balance: Number(text.trim()) };
}
