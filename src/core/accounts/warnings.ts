// Low credit and near expiry are warned for every account with a token, not only the active one (an agency wants
// to know that a client's credits expire on Friday), but at most once a day for each account and each concern, so
// a balance refreshed every few minutes, in several windows, does not nag. The ledger of when each warning was last
// given is plain data the extension keeps in globalState (shared by the windows of this machine).
import type { Balance } from '../types';

export type BalanceConcern = 'lowCredit' | 'nearExpiry';

/** Account id → concern → ISO 8601 time of the last warning. */
export type WarningLedger = Record<string, Partial<Record<BalanceConcern, string>>>;

export const WARNING_INTERVAL_MS = 24 * 60 * 60 * 1000;
const DAY_MS = 86_400_000;

/**
 * What is worth a warning in a balance: fewer credits than the threshold; credits that expire within the warning
 * days or have expired (expired credits are near expiry too: the user must act before the next send).
 */
export function balanceConcerns(
  balance: Balance,
  settings: { lowCreditThreshold: number; expiryWarningDays: number },
  now: number,
): BalanceConcern[] {
  const concerns: BalanceConcern[] = [];
  if (balance.balance < settings.lowCreditThreshold) concerns.push('lowCredit');
  const expiresAt = balance.expiration ? Date.parse(balance.expiration) : NaN;
  const expiredStatus = balance.status.toLowerCase() === 'expired';
  if (expiredStatus || (Number.isFinite(expiresAt) && expiresAt - now <= settings.expiryWarningDays * DAY_MS)) concerns.push('nearExpiry');
  return concerns;
}

/**
 * Which of `concerns` may be warned now for the account, and the ledger with them marked as warned. A concern that
 * went away is forgotten, so it is warned again as soon as it comes back (credits bought, then spent again).
 */
export function dueWarnings(
  ledger: WarningLedger,
  accountId: string,
  concerns: BalanceConcern[],
  now: number,
): { due: BalanceConcern[]; ledger: WarningLedger } {
  const previous = ledger[accountId] ?? {};
  const next: Partial<Record<BalanceConcern, string>> = {};
  const due: BalanceConcern[] = [];
  for (const concern of concerns) {
    const last = Date.parse(previous[concern] ?? '');
    // A time in the future (a clock set back) does not silence the warning for longer than a day.
    if (Number.isFinite(last) && now - last < WARNING_INTERVAL_MS && last <= now) {
      next[concern] = previous[concern];
    } else {
      due.push(concern);
      next[concern] = new Date(now).toISOString();
    }
  }
  const updated: WarningLedger = { ...ledger };
  if (Object.keys(next).length === 0) delete updated[accountId];
  else updated[accountId] = next;
  return { due, ledger: updated };
}

/** Reads a stored ledger; anything malformed counts as no warning given yet. */
export function readWarningLedger(value: unknown): WarningLedger {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const ledger: WarningLedger = {};
  for (const [id, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null) continue;
    const kept: Partial<Record<BalanceConcern, string>> = {};
    for (const concern of ['lowCredit', 'nearExpiry'] as const) {
      const at = (entry as Record<string, unknown>)[concern];
      if (typeof at === 'string') kept[concern] = at;
    }
    ledger[id] = kept;
  }
  return ledger;
}
