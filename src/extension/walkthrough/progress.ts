// The context keys the Getting Started walkthrough's steps complete on (package.json, `onContext:`): a first SMS
// sent, a delivery report arrived, and the first SMS of the user's own app caught by the sandbox (`origin: 'app'`).
// Each is read from the history as it changes, so the step completes on the real event whichever way it happened
// (palette, composer, script, the user's app). Once all are on, nothing more is watched. Each key turning on, and
// the sandbox starting, also ticks its step directly (ticks.ts says why).
import * as vscode from 'vscode';
import type { HistoryRecord } from '../../core/types';
import { Disposable } from '../platform/lifecycle';
import type { Mode, Session } from '../session/session';
import type { StepTicks } from './ticks';

export const WALKTHROUGH_KEYS = {
  sent: 'keccel.walkthrough.sent',
  deliveryReport: 'keccel.walkthrough.deliveryReport',
  appMessage: 'keccel.walkthrough.appMessage',
} as const;

type Milestone = keyof typeof WALKTHROUGH_KEYS;

/** The newest records looked at after a change: the record that changed is among them in practice. */
const SCAN_DEPTH = 20;

function reached(record: HistoryRecord): Milestone[] {
  const found: Milestone[] = [];
  if (record.origin === 'app') found.push('appMessage');
  else if (record.sendStatus === 'sent') found.push('sent');
  if (record.deliveryStatus === 'delivered' || record.deliveryStatus === 'failed') found.push('deliveryReport');
  return found;
}

export class WalkthroughProgress extends Disposable {
  private readonly done = new Set<Milestone>();
  private readonly watching: vscode.Disposable;

  constructor(private readonly session: Session, private readonly ticks: StepTicks) {
    super();
    this.watching = this._register(session.onDidChangeHistory((mode) => void this.check(mode)));
    // The key sandbox.ts sets from the same event (`keccel.sandbox` is on while the sandbox runs).
    this._register(session.onDidChangeMode((mode) => mode === 'sandbox' && ticks.happened('onContext:keccel.sandbox')));
  }

  /** Which keys this window has turned on (tests read it through api.ts). */
  snapshot(): Record<Milestone, boolean> {
    return { sent: this.done.has('sent'), deliveryReport: this.done.has('deliveryReport'), appMessage: this.done.has('appMessage') };
  }

  private async check(mode: Mode): Promise<void> {
    const store = await this.session.store(mode).catch(() => undefined);
    if (!store) return;
    for (const record of store.page(0, SCAN_DEPTH)) {
      for (const milestone of reached(record)) {
        if (this.done.has(milestone)) continue;
        this.done.add(milestone);
        void vscode.commands.executeCommand('setContext', WALKTHROUGH_KEYS[milestone], true);
        this.ticks.happened(`onContext:${WALKTHROUGH_KEYS[milestone]}`);
      }
    }
    if (this.done.size === Object.keys(WALKTHROUGH_KEYS).length) this.watching.dispose();
  }
}
