// The balance's rules and words, without the status-bar item: the item's text and the warnings (low credit, near
// expiry, inactive, expired) with their level. Kept apart from the item and the timer so the rules read in one
// place; the tooltip is put together by the item itself (balanceStatusBar.ts), from these warnings.
import * as vscode from 'vscode';
import type { Balance } from '../../core/types';
import { shortDate } from '../wording/strings';

export type BalanceLevel = 'ok' | 'warning' | 'error';

export interface BalanceWarnings {
  level: BalanceLevel;
  reasons: string[];
}

const DAY_MS = 86_400_000;

export function balanceWarnings(
  balance: Balance,
  settings: { lowCreditThreshold: number; expiryWarningDays: number },
  now: number = Date.now(),
): BalanceWarnings {
  const reasons: string[] = [];
  let level: BalanceLevel = 'ok';
  const status = balance.status.toLowerCase();
  const expiresAt = balance.expiration ? Date.parse(balance.expiration) : NaN;
  const expired = status === 'expired' || (Number.isFinite(expiresAt) && expiresAt <= now);
  if (expired) {
    level = 'error';
    reasons.push(vscode.l10n.t('The credits have expired.'));
  } else if (status !== 'active') {
    level = 'warning';
    reasons.push(vscode.l10n.t('The account is not active (status: {0}).', balance.status));
  }
  if (!expired && Number.isFinite(expiresAt) && expiresAt - now <= settings.expiryWarningDays * DAY_MS) {
    if (level === 'ok') level = 'warning';
    const days = Math.max(0, Math.ceil((expiresAt - now) / DAY_MS));
    reasons.push(days <= 1 ? vscode.l10n.t('The credits expire within a day.') : vscode.l10n.t('The credits expire in {0} days.', days));
  }
  if (balance.balance < settings.lowCreditThreshold) {
    if (level === 'ok') level = 'warning';
    reasons.push(vscode.l10n.t('Fewer than {0} SMS left.', settings.lowCreditThreshold));
  }
  return { level, reasons };
}

/** "645 SMS · 31 Dec": the credits as a plain integer (no grouping), then the expiry day when there is one. */
export function balanceText(balance: Balance): string {
  const credits = `${Math.trunc(balance.balance)} SMS`;
  return balance.expiration ? `${credits} · ${shortDate(balance.expiration)}` : credits;
}
