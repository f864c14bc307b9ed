// A send attempt's life in the history: written before its request leaves (write-ahead), then completed from the
// outcome. A reload, a crash or a stopped sandbox while the request is out therefore leaves a record, never
// nothing: an `unknown` one, because the request may have reached the gateway and been charged.
//
// How a window knows that an in-flight record has lost its sender: each record carries `inFlightUntil`, the send
// time plus the longest its request can wait for an answer (http.ts) plus a margin for writing the outcome. A live
// window always records the outcome before then, so a record still in flight after it belongs to a window that
// went away. That needs no process ids or heartbeats, works the same for two windows on one history and for a
// window that reloads, and is never wrong about a live sender. A window that closes normally does better: it
// marks its own attempts interrupted at once (session/inFlight.ts), so nobody waits for the deadline.
import { longestAnswerWaitMs } from './http';
import { NO_MESSAGE_ID } from './parse';
import type { HistoryRecord, SendOutcome } from './types';

/** Time for the sending window to write the outcome once the answer (or the timeout) came. */
export const COMPLETION_MARGIN_MS = 5_000;

/** The description of an attempt whose answer has not come yet. */
export const SENDING_DESCRIPTION = 'Sending…';

/**
 * The description of an attempt whose window went away before the answer came. It ends like the client's other
 * uncertain outcomes, so the views that trim that advice (they say it in their own words) trim it here too.
 */
export const INTERRUPTED_DESCRIPTION =
  'The send was interrupted before Keccel answered (the window was closed or reloaded, or VS Code stopped); ' +
  'the SMS may or may not have been sent. Check the history before sending again.';

/** When no window can still be waiting for the answer of a request sent at `startMs` with this timeout. */
export function inFlightDeadline(startMs: number, timeoutMs: number): string {
  return new Date(startMs + longestAnswerWaitMs(timeoutMs) + COMPLETION_MARGIN_MS).toISOString();
}

/** The fields that make a new record an attempt in flight (`unknown` until its outcome is recorded). */
export function inFlightFields(startMs: number, timeoutMs: number): Pick<HistoryRecord, 'sendStatus' | 'description' | 'inFlight' | 'inFlightUntil'> {
  return { sendStatus: 'unknown', description: SENDING_DESCRIPTION, inFlight: true, inFlightUntil: inFlightDeadline(startMs, timeoutMs) };
}

/** True for an in-flight record whose sender can no longer be waiting for its answer. */
export function isOrphaned(record: HistoryRecord, nowMs: number): boolean {
  if (record.inFlight !== true) return false;
  const until = Date.parse(record.inFlightUntil ?? '');
  // A record without a readable deadline cannot be waited for: treat it as past.
  return !Number.isFinite(until) || nowMs > until;
}

/** The patch that marks an in-flight record interrupted: it stays `unknown`, and says it may have gone through. */
export function interruptedPatch(nowIso: string): Partial<HistoryRecord> {
  return {
    sendStatus: 'unknown',
    description: INTERRUPTED_DESCRIPTION,
    interrupted: true,
    inFlight: undefined,
    inFlightUntil: undefined,
    updatedAt: nowIso,
  };
}

/**
 * The patch that completes an attempt from its outcome (clears the in-flight and interrupted marks). An accepted
 * message without a message id (a code's answer never has one) says why it cannot be followed.
 */
export function completionPatch(outcome: SendOutcome, nowIso: string): Partial<HistoryRecord> {
  const untracked = outcome.status === 'sent' && !outcome.messageId ? (outcome.untrackedReason ?? NO_MESSAGE_ID) : undefined;
  return {
    messageId: outcome.messageId,
    sendStatus: outcome.status,
    description: outcome.description,
    deliveryStatus: outcome.status === 'sent' && outcome.messageId ? 'pending' : undefined,
    untrackedReason: untracked,
    inFlight: undefined,
    inFlightUntil: undefined,
    interrupted: undefined,
    updatedAt: nowIso,
  };
}

/**
 * Whether an outcome may complete the record as it now is. While in flight, always. Once marked interrupted (the
 * window was closing, or the deadline passed), only a gateway's answer (sent, rejected) tells more than
 * "interrupted"; a timeout or reset seen on the way out (the sandbox stopping with the window) does not.
 */
export function mayComplete(current: HistoryRecord, outcome: SendOutcome): boolean {
  if (current.inFlight === true) return true;
  return current.interrupted === true && (outcome.status === 'sent' || outcome.status === 'rejected');
}
