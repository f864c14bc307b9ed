// How long the SMS-texts feature kept the extension host busy, per kind of work: the time of each keystroke's
// update and of each publication of diagnostics, read by `npm run bench` through the extension's API.

export interface WorkFigures {
  count: number;
  totalMs: number;
  maxMs: number;
}

export class WorkMeter {
  private readonly figures = new Map<string, WorkFigures>();

  /** Runs `work` and adds its duration to `kind`. */
  time<T>(kind: string, work: () => T): T {
    const started = performance.now();
    try {
      return work();
    } finally {
      const ms = performance.now() - started;
      const figures = this.figures.get(kind) ?? { count: 0, totalMs: 0, maxMs: 0 };
      figures.count++;
      figures.totalMs += ms;
      figures.maxMs = Math.max(figures.maxMs, ms);
      this.figures.set(kind, figures);
    }
  }

  snapshot(): Record<string, WorkFigures> {
    return Object.fromEntries([...this.figures].map(([kind, figures]) => [kind, { ...figures }]));
  }
}
