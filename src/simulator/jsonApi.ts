// The simulator's own small JSON API under /__sim/, for a test suite (as Mailpit's API is for e-mail): read what
// was sent, decide outcomes, set the account and the failure injection. Not part of the Keccel API, so it answers
// in plain JSON with real HTTP statuses, and its calls stay out of the request log.
//
//   GET    /__sim/messages?to=…            accepted messages, newest first (`to` in any form people type)
//   GET    /__sim/messages/<id>            one message, with the requests about it and its callback pushes
//   POST   /__sim/messages/<id>/delivery   {"status": "DELIVERED" | "FAILED"}: the outcome it reports from now on
//   DELETE /__sim/messages                 forgets every message and request
//   GET    /__sim/requests                 the request log (token masked)
//   GET    /__sim/account  POST /__sim/account  {"balance"?, "status"?, "expiration"?: ISO 8601 | null}
//   GET    /__sim/chaos    POST /__sim/chaos    failure injection (chaos.ts field names)
//
// Writes need `Content-Type: application/json`: a web page cannot send that cross-origin without a CORS
// preflight, which this server never approves, so a page the user visits cannot drive it.
import type * as http from 'node:http';
import { normalizeNumber } from '../core/numbers';
import type { CallbackPush } from '../core/types';
import type { ChaosSettings } from './chaos';
import type { SimRequestEntry } from './requestLog';
import type { SimMessage } from './state';

export const SIM_API_PREFIX = '/__sim/';

export interface SimAccount {
  balance: number;
  /** ISO 8601, or null for the gateway's empty expiration. */
  expiration: string | null;
  status: string;
}

/** What the API needs from the simulator. */
export interface SimControl {
  messages(): (SimMessage & { status: string })[];
  setOutcome(messageId: string, status: 'DELIVERED' | 'FAILED'): boolean;
  clearMessages(): void;
  requests(): readonly SimRequestEntry[];
  pushes(messageId: string): CallbackPush[];
  account(): SimAccount;
  setAccount(account: Partial<SimAccount>): void;
  chaos(): ChaosSettings;
  setChaos(settings: Partial<ChaosSettings>): void;
}

interface Reply {
  status: number;
  body: unknown;
}

/** Answers a /__sim/ request. `body` is the request body already read. */
export function handleSimApi(control: SimControl, req: http.IncomingMessage, url: URL, body: string, res: http.ServerResponse): void {
  let reply: Reply;
  try {
    reply = route(control, req.method ?? 'GET', url, body, req.headers['content-type']);
  } catch (error) {
    reply = { status: 400, body: { error: error instanceof Error ? error.message : String(error) } };
  }
  const text = JSON.stringify(reply.body, null, 2) + '\n';
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

function route(control: SimControl, method: string, url: URL, body: string, contentType: string | undefined): Reply {
  const parts = url.pathname.slice(SIM_API_PREFIX.length).split('/').filter(Boolean).map(decodeURIComponent);
  const write = method === 'POST' || method === 'DELETE';
  if (write && method === 'POST' && !/^application\/json\b/i.test(contentType ?? '')) {
    return { status: 415, body: { error: 'Content-Type must be application/json' } };
  }
  const json = (): Record<string, unknown> => {
    const value = body.trim() ? (JSON.parse(body) as unknown) : {};
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('the body must be a JSON object');
    return value as Record<string, unknown>;
  };
  const [resource, id, sub] = parts;
  if (resource === 'messages' && id === undefined) {
    if (method === 'GET') return { status: 200, body: { messages: listMessages(control, url.searchParams.get('to')) } };
    if (method === 'DELETE') {
      control.clearMessages();
      return { status: 200, body: { deleted: true } };
    }
    return notAllowed();
  }
  if (resource === 'messages' && id !== undefined && sub === undefined) {
    if (method !== 'GET') return notAllowed();
    const message = control.messages().find((m) => m.messageId === id);
    if (!message) return notFound(`no message ${id}`);
    return { status: 200, body: { ...view(control, message), requests: control.requests().filter((r) => r.messageId === id) } };
  }
  if (resource === 'messages' && sub === 'delivery' && parts.length === 3) {
    if (method !== 'POST') return notAllowed();
    const status = String(json().status ?? '').toUpperCase();
    if (status !== 'DELIVERED' && status !== 'FAILED') return { status: 400, body: { error: 'status must be DELIVERED or FAILED' } };
    if (!control.setOutcome(id, status)) return notFound(`no message ${id}`);
    return { status: 200, body: view(control, control.messages().find((m) => m.messageId === id)!) };
  }
  if (resource === 'requests' && parts.length === 1) {
    return method === 'GET' ? { status: 200, body: { requests: control.requests() } } : notAllowed();
  }
  if (resource === 'account' && parts.length === 1) {
    if (method === 'POST') control.setAccount(accountPatch(json()));
    else if (method !== 'GET') return notAllowed();
    return { status: 200, body: control.account() };
  }
  if (resource === 'chaos' && parts.length === 1) {
    if (method === 'POST') control.setChaos(json() as Partial<ChaosSettings>);
    else if (method !== 'GET') return notAllowed();
    return { status: 200, body: control.chaos() };
  }
  return notFound(`unknown path ${url.pathname}`);
}

function listMessages(control: SimControl, to: string | null): unknown[] {
  let messages = control.messages();
  if (to) {
    const number = normalizeNumber(to);
    const wanted = number.ok ? number.msisdn : to.trim();
    messages = messages.filter((m) => m.to === wanted);
  }
  return messages.reverse().map((m) => view(control, m));
}

function view(control: SimControl, m: SimMessage & { status: string }): Record<string, unknown> {
  return {
    messageId: m.messageId, to: m.to, from: m.from, message: m.message, segments: m.segments,
    sentAt: new Date(m.sentAt).toISOString(), status: m.status, pushes: control.pushes(m.messageId),
  };
}

function accountPatch(body: Record<string, unknown>): Partial<SimAccount> {
  const patch: Partial<SimAccount> = {};
  if (body.balance !== undefined) {
    if (typeof body.balance !== 'number' || !Number.isSafeInteger(body.balance) || body.balance < 0) throw new Error('balance must be a whole number >= 0');
    patch.balance = body.balance;
  }
  if (body.status !== undefined) {
    if (typeof body.status !== 'string' || !body.status.trim()) throw new Error('status must be a word such as active or inactive');
    patch.status = body.status.trim();
  }
  if (body.expiration !== undefined) {
    if (body.expiration !== null && (typeof body.expiration !== 'string' || Number.isNaN(Date.parse(body.expiration)))) {
      throw new Error('expiration must be an ISO 8601 date or null');
    }
    patch.expiration = body.expiration;
  }
  return patch;
}

const notFound = (error: string): Reply => ({ status: 404, body: { error } });
const notAllowed = (): Reply => ({ status: 405, body: { error: 'method not allowed' } });
