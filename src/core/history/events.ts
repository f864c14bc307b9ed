// A record's story: each change of its state is appended to `events` when it happens (the send's outcome, the
// delivery report, giving up), so the details page can show every step with its time, not only the last one.
import type { HistoryRecord, RecordState, StatusEvent } from '../types';

/** The one-word state of a record (see RecordState). */
export function recordState(record: Pick<HistoryRecord, 'sendStatus' | 'deliveryStatus'>): RecordState {
  if (record.sendStatus === 'sent') return record.deliveryStatus ?? 'sent';
  if (record.sendStatus === 'failed') return 'notSent';
  return record.sendStatus;
}

/** The events of a new record: its first state. */
export function firstEvents(record: Pick<HistoryRecord, 'sendStatus' | 'deliveryStatus' | 'description'>, at: string): StatusEvent[] {
  return [event(recordState(record), at, record.description)];
}

/**
 * The `events` to write with `patch` when it changes the record's state, or undefined when the state stays (a
 * check that found no report is not a change). A record from before events existed gets its first state first.
 */
export function eventsAfter(record: HistoryRecord, patch: Partial<HistoryRecord>, at: string, description?: string): StatusEvent[] | undefined {
  const before = recordState(record);
  const after = recordState({ ...record, ...patch });
  if (before === after) return undefined;
  const past = record.events ?? [event(before, record.sentAt, record.description)];
  return [...past, event(after, at, description)];
}

/**
 * The events to show: the stored ones, or, for a record written before they existed, what its fields still tell
 * (its state at sentAt, and its current state at updatedAt when that differs).
 */
export function storyOf(record: HistoryRecord): StatusEvent[] {
  if (record.events && record.events.length > 0) return record.events;
  const state = recordState(record);
  if (record.sendStatus === 'sent' && state !== 'sent' && state !== 'pending') {
    return [event('pending', record.sentAt, record.description), event(state, record.updatedAt)];
  }
  return [event(state, record.sentAt, record.description)];
}

function event(status: RecordState, at: string, description?: string): StatusEvent {
  return description ? { at, status, description } : { at, status };
}
