// Step `clock`: this machine's clock against the `Date` of the gateway's answer. A clock far off makes valid
// certificates look expired (or not yet valid) and puts wrong times on messages and expiry dates.
import { finding, type DiagnosisContext, type StepOutcome } from './context';

/** Beyond this skew the step fails (the `Date` header has whole seconds; the network adds a little). */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export function checkClock(ctx: DiagnosisContext): StepOutcome {
  const answer = ctx.answer!;
  const server = answer.date ? Date.parse(answer.date) : Number.NaN;
  if (Number.isNaN(server)) return { ok: true, finding: finding('clock.noDate') };
  const skew = server - answer.receivedAt;
  if (Math.abs(skew) <= MAX_CLOCK_SKEW_MS) return { ok: true, finding: finding('clock.ok', Math.round(Math.abs(skew) / 1000)) };
  const minutes = Math.round(Math.abs(skew) / 60_000);
  // The gateway's clock ahead of ours means ours is behind.
  return { ok: false, finding: finding(skew > 0 ? 'clock.behind' : 'clock.ahead', minutes), advice: finding('clock.advice') };
}
