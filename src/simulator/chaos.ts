// Failure injection at random, beside the magic numbers' failures by recipient (magic.ts): a share of sends
// rejected, of deliveries failed, of connections reset, of IIS HTML 500 pages, and a delay before each answer.
// Explicit settings, all off by default; `describeChaos` says what is on, for the visible markers.

export interface ChaosSettings {
  /** Share of sends (0-100 %) answered `Rejected`, nothing charged. */
  rejectSendsPercent: number;
  /** Share of accepted messages (0-100 %) whose delivery ends FAILED. */
  failDeliveriesPercent: number;
  /** Share of gateway requests (0-100 %) whose connection is reset without an answer. */
  resetPercent: number;
  /** Share of gateway requests (0-100 %) answered with an IIS HTML 500 page. */
  html500Percent: number;
  /** Wait before every gateway answer, in ms. */
  delayMs: number;
}

export const NO_CHAOS: ChaosSettings = { rejectSendsPercent: 0, failDeliveriesPercent: 0, resetPercent: 0, html500Percent: 0, delayMs: 0 };

/** What the server does first with a request, before the endpoint's own logic. */
export type TransportFailure = 'reset' | 'html500' | undefined;

/** The description of an injected refusal: says where it comes from, so nobody looks for a bug in their app. */
export const INJECTED_REJECTION = 'Message rejected (sandbox failure injection)';

const clampPercent = (n: unknown): number => (typeof n === 'number' && Number.isFinite(n) ? Math.min(100, Math.max(0, n)) : 0);

export class Chaos {
  private settings: ChaosSettings = { ...NO_CHAOS };

  /** `random` returns [0, 1) like Math.random; tests pass a fixed sequence. */
  constructor(
    settings: Partial<ChaosSettings> = {},
    private readonly random: () => number = Math.random,
  ) {
    this.set(settings);
  }

  get current(): ChaosSettings {
    return { ...this.settings };
  }

  /** Replaces the fields given; out-of-range values are clamped (0-100 %, delay 0-120 s). */
  set(settings: Partial<ChaosSettings>): void {
    const next = { ...this.settings, ...settings };
    this.settings = {
      rejectSendsPercent: clampPercent(next.rejectSendsPercent),
      failDeliveriesPercent: clampPercent(next.failDeliveriesPercent),
      resetPercent: clampPercent(next.resetPercent),
      html500Percent: clampPercent(next.html500Percent),
      delayMs: typeof next.delayMs === 'number' && Number.isFinite(next.delayMs) ? Math.min(120_000, Math.max(0, Math.round(next.delayMs))) : 0,
    };
  }

  get active(): boolean {
    return isChaosActive(this.settings);
  }

  /** Draws the transport-level failure of one request, if any. */
  transport(): TransportFailure {
    if (this.roll(this.settings.resetPercent)) return 'reset';
    if (this.roll(this.settings.html500Percent)) return 'html500';
    return undefined;
  }

  rejectSend(): boolean {
    return this.roll(this.settings.rejectSendsPercent);
  }

  failDelivery(): boolean {
    return this.roll(this.settings.failDeliveriesPercent);
  }

  private roll(percent: number): boolean {
    return percent > 0 && this.random() * 100 < percent;
  }
}

export function isChaosActive(settings: ChaosSettings): boolean {
  return settings.rejectSendsPercent > 0 || settings.failDeliveriesPercent > 0 || settings.resetPercent > 0 || settings.html500Percent > 0 || settings.delayMs > 0;
}

/** What is on, in English, for the CLI's banner and logs (`sends rejected 20%, delay 500 ms`); '' when off. */
export function describeChaos(s: ChaosSettings): string {
  const parts: string[] = [];
  if (s.rejectSendsPercent) parts.push(`sends rejected ${s.rejectSendsPercent}%`);
  if (s.failDeliveriesPercent) parts.push(`deliveries failed ${s.failDeliveriesPercent}%`);
  if (s.resetPercent) parts.push(`connections reset ${s.resetPercent}%`);
  if (s.html500Percent) parts.push(`HTML 500 pages ${s.html500Percent}%`);
  if (s.delayMs) parts.push(`delay ${s.delayMs} ms`);
  return parts.join(', ');
}
