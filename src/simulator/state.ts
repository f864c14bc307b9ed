// The simulated account and its messages: pure logic, no HTTP. Answers are the JSON objects the live gateway
// sends (HTTP 200 for refusals too); the magic recipients return an action for the server to perform.
import { formatKeccelDate } from '../core/parse';
import { analyzeMessage } from '../core/segments';
import { INJECTED_REJECTION, type Chaos } from './chaos';
import { MAGIC_FAILED_DELIVERY, MAGIC_HTML_500, MAGIC_NO_REPORT, MAGIC_REJECTED, MAGIC_RESET, MAGIC_SLOW } from './magic';
import type { PersistedState } from './persistence';
import type { SimDeliveryStatus, SimMessage } from './simMessage';

export type Params = Map<string, string>;
export type Answer = Record<string, string>;

/** What the server should do with a request. */
export type Action =
  | { kind: 'json'; body: Answer }
  | { kind: 'slow'; body: Answer }
  | { kind: 'reset' }
  | { kind: 'html500' };

export type { SimDeliveryStatus, SimMessage } from './simMessage';

/** DRC mobile numbers as the gateway expects them: 243 + 9 digits (libphonenumber territory CD). */
const DRC_MOBILE = /^243(?:8[0-69]|9[016-9])\d{7}$/;

/** Bounds memory when the sandbox runs for days or a benchmark sends thousands of messages. */
const MAX_MESSAGES = 50_000;

export interface AccountOptions {
  token: string;
  balance: number;
  expiration: Date | null;
  accountStatus: string;
  /** null: no automatic outcome, every message waits for setOutcome (Mark as Delivered / Failed). */
  deliveryDelayMs: number | null;
}

export class SimulatorState {
  token: string;
  balance: number;
  expiration: Date | null;
  accountStatus: string;
  deliveryDelayMs: number | null;
  /** Random refusals and failed deliveries (chaos.ts); none when unset. */
  chaos: Chaos | undefined;
  /** Called after a send debited the balance (the server tells its account listeners). */
  onDebit: (() => void) | undefined;
  readonly messages = new Map<string, SimMessage>();
  /** Ids look like the gateway's (digits) and differ between runs, so sandbox histories never collide. */
  private nextId = 1_000_000_000 + (Date.now() % 1_000_000_000);

  constructor(options: AccountOptions) {
    this.token = options.token;
    this.balance = options.balance;
    this.expiration = options.expiration;
    this.accountStatus = options.accountStatus;
    this.deliveryDelayMs = options.deliveryDelayMs;
  }

  /** The part of the state a restart keeps (persistence.ts). */
  snapshot(): PersistedState {
    const { balance, expiration, accountStatus } = this;
    return { balance, expiration, accountStatus, messages: [...this.messages.values()] };
  }

  /** Replaces the account and the messages with saved ones; new ids continue after the highest saved id. */
  restore(saved: PersistedState): void {
    this.balance = saved.balance;
    this.expiration = saved.expiration;
    this.accountStatus = saved.accountStatus;
    this.messages.clear();
    for (const message of saved.messages.slice(-MAX_MESSAGES)) {
      this.messages.set(message.messageId, message);
      const id = Number(message.messageId);
      if (Number.isSafeInteger(id) && id >= this.nextId) this.nextId = id + 1;
    }
  }

  /** `message.asp`. Called with the merged, lower-cased parameters; `otp` marks an SMS sent by otp/generate.asp. */
  send(params: Params, now: number, otp?: { code: string; expiresAt: number }): { action: Action; accepted?: SimMessage; injected?: string } {
    const refusal = this.check(params, ['token', 'to', 'from', 'message']);
    if (refusal) return { action: json(refusal) };
    const to = params.get('to')!.trim();
    if (to === MAGIC_HTML_500) return { action: { kind: 'html500' } };
    if (to === MAGIC_REJECTED || !DRC_MOBILE.test(to)) return { action: json(rejected('Invalid destination number')) };
    const account = this.accountRefusal(now);
    if (account) return { action: json(rejected(account)) };
    const message = params.get('message')!;
    const segments = Math.max(1, analyzeMessage(message).segments);
    if (this.balance < segments) return { action: json(rejected('Insufficient credits')) };
    if (this.chaos?.rejectSend()) return { action: json(rejected(INJECTED_REJECTION)), injected: 'reject' };

    this.balance -= segments;
    this.onDebit?.();
    const accepted: SimMessage = {
      messageId: String(this.nextId++),
      to,
      from: params.get('from')!,
      message,
      segments,
      sentAt: now,
      reportAt: to === MAGIC_NO_REPORT || this.deliveryDelayMs === null ? null : now + this.deliveryDelayMs,
      finalStatus: to === MAGIC_FAILED_DELIVERY ? 'FAILED' : 'DELIVERED',
      ...(otp === undefined ? {} : { otp: otp.code, otpExpiresAt: otp.expiresAt, otpUsed: false, otpWrongTries: 0 }),
    };
    const injectedFailure = accepted.finalStatus === 'DELIVERED' && !!this.chaos?.failDelivery();
    if (injectedFailure) accepted.finalStatus = 'FAILED';
    this.remember(accepted);
    // Casing as in the documentation's example answer.
    const body = { status: 'SENT', messageID: accepted.messageId, description: 'Message submitted to the network' };
    const injected = injectedFailure ? 'failDelivery' : undefined;
    if (to === MAGIC_SLOW) return { action: { kind: 'slow', body }, accepted, injected };
    if (to === MAGIC_RESET) return { action: { kind: 'reset' }, accepted, injected };
    return { action: json(body), accepted, injected };
  }

  /**
   * `delivery.asp`. Before the report the simulator says `PENDING`: the live gateway's word for "no report yet"
   * is not documented (it may be `SENT` or `PENDING`); the client treats every non-final word as pending.
   * An unknown id (including rejected messages, which never get a report) is an `Error` as the docs hint.
   */
  delivery(params: Params, now: number): Action {
    const refusal = this.check(params, ['token', 'from', 'messageid']);
    if (refusal) return json(refusal);
    const id = params.get('messageid')!.trim();
    const message = this.messages.get(id);
    if (!message) return json({ messageid: id, status: 'Error', description: 'Unknown messageid' });
    return json({ messageid: id, status: this.deliveryStatus(message, now) });
  }

  /** `balance.asp`: balance as a string, expiration in Kinshasa time or empty, status as set. */
  balanceAnswer(params: Params): Action {
    const refusal = this.check(params, ['token', 'from']);
    if (refusal) return json(refusal);
    return json({
      balance: String(this.balance),
      expiration: this.expiration ? formatKeccelDate(this.expiration) : '',
      status: this.accountStatus,
    });
  }

  /**
   * Sets the outcome a message reports from now on (Mark as Delivered / Failed), by pull and by push. Resolves to
   * the message, or undefined for an unknown id.
   */
  setOutcome(messageId: string, status: 'DELIVERED' | 'FAILED', now: number): SimMessage | undefined {
    const message = this.messages.get(messageId);
    if (!message) return undefined;
    message.finalStatus = status;
    message.reportAt = now;
    return message;
  }

  deliveryStatus(message: SimMessage, now: number): SimDeliveryStatus {
    return message.reportAt !== null && now >= message.reportAt ? message.finalStatus : 'PENDING';
  }

  /** The refusal of a request missing one of `required` or with a wrong token (for the OTP endpoints, otp.ts). */
  refusal(params: Params, required: string[]): Answer | undefined {
    return this.check(params, required);
  }

  /** Missing, then empty parameters, then the token: the refusals real clients report, all with HTTP 200. */
  private check(params: Params, required: string[]): Answer | undefined {
    for (const name of required) if (!params.has(name)) return rejected(`The ${name} parameter is missing`);
    for (const name of required) if (!params.get(name)!.trim()) return rejected(`The ${name} parameter is empty`);
    if (params.get('token') !== this.token) return rejected('Invalid token');
    return undefined;
  }

  private accountRefusal(now: number): string | undefined {
    if (this.accountStatus.toLowerCase() !== 'active') return `Account is ${this.accountStatus.toLowerCase()}`;
    if (this.expiration && this.expiration.getTime() <= now) return `Account expired on ${formatKeccelDate(this.expiration)}`;
    return undefined;
  }

  private remember(message: SimMessage): void {
    this.messages.set(message.messageId, message);
    if (this.messages.size > MAX_MESSAGES) this.messages.delete(this.messages.keys().next().value!);
  }
}

function rejected(description: string): Answer {
  return { status: 'Rejected', description };
}

function json(body: Answer): Action {
  return { kind: 'json', body };
}
