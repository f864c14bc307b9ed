// Following a message another app sent (`keccel.lookupMessage`): the user pastes a message ID from the app's logs,
// the gateway is asked for its delivery status, and the answer becomes a history record with `origin: 'lookup'`,
// which the poller then follows to a final status like a message sent from the editor. The record has no recipient
// (`to` is empty) and no text: the gateway's delivery check tells neither. An ID the gateway refuses (the
// simulator answers `Unknown messageid`, as Keccel does with an error status) records nothing: the caller says why.
import { GatewayRejectedError } from './errors';
import { firstEvents } from './history/events';
import type { NewHistoryRecord } from './history/store';
import { redactToken } from './redact';
import type { DeliveryChecker, HistoryRecord } from './types';

/** Message IDs are opaque (digits on v2, a UUID on v1): only what cannot be one is refused. */
export const MAX_MESSAGE_ID_LENGTH = 100;

export type MessageIdProblem = 'empty' | 'tooLong' | 'invalid';

export function checkMessageId(messageId: string): MessageIdProblem | undefined {
  const value = messageId.trim();
  if (value === '') return 'empty';
  if (value.length > MAX_MESSAGE_ID_LENGTH) return 'tooLong';
  // One token of printable text: a space or control character means a log line was pasted, not an ID.
  if (/[\s\p{Cc}]/u.test(value)) return 'invalid';
  return undefined;
}

/** Where the lookup is made and recorded: the active account (or the sandbox). */
export interface LookupTarget {
  /** The account's name, kept on the record. */
  account: string;
  /** The `from` of the delivery check (the gateway asks for one), kept on the record for the poller's checks. */
  sender: string;
  sandbox: boolean;
}

/** The part of the history store a lookup needs. */
export interface LookupStore {
  all(): HistoryRecord[];
  add(record: NewHistoryRecord): Promise<HistoryRecord>;
}

export type LookupResult =
  /** The gateway knows the ID: `record` is new, or the one already in this history for that ID (`existing`). */
  | { found: true; record: HistoryRecord; existing: boolean }
  /** The gateway refused the check (an ID it does not know, most often); `description` is its own words. */
  | { found: false; description: string };

export const LOOKUP_DESCRIPTION_PREFIX = 'Looked up by its message ID';

/**
 * Asks for the delivery status of `messageId` and records it. An ID already in this history is not recorded twice:
 * its record is returned as it is (the caller checks it again if it is still pending). Network and answer errors
 * (not a refusal) reject with the client's typed errors: nothing is recorded then either.
 */
export async function lookupMessage(
  messageId: string,
  deps: { checker: DeliveryChecker; store: LookupStore; target: LookupTarget; now?: () => number; token?: string },
): Promise<LookupResult> {
  const id = messageId.trim();
  const problem = checkMessageId(id);
  if (problem) throw new Error(`Not a message ID (${problem}).`);
  const existing = deps.store.all().find((r) => r.messageId === id);
  if (existing) return { found: true, record: existing, existing: true };
  let answer;
  try {
    answer = await deps.checker.delivery(id, deps.target.sender);
  } catch (error) {
    if (error instanceof GatewayRejectedError) return { found: false, description: error.description };
    throw error;
  }
  const at = new Date((deps.now ?? Date.now)()).toISOString();
  const raw = deps.token ? redactToken(answer.raw, deps.token) : answer.raw;
  const fields = {
    sendStatus: 'sent' as const,
    deliveryStatus: answer.status,
    description: `${LOOKUP_DESCRIPTION_PREFIX}; Keccel said ${raw}.`,
  };
  const record = await deps.store.add({
    messageId: id,
    to: '',
    from: deps.target.sender,
    encoding: 'GSM-7',
    segments: 0,
    ...fields,
    sentAt: at,
    updatedAt: at,
    lastCheckedAt: at,
    checks: 1,
    sandbox: deps.target.sandbox,
    origin: 'lookup',
    account: deps.target.account,
    events: firstEvents(fields, at),
  });
  return { found: true, record, existing: false };
}
