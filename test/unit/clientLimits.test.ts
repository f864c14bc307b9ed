// No answer is endless and none is read whole when it cannot be Keccel's: against raw servers that trickle an
// answer one byte at a time, or send 50 MB, the client gives up by an overall deadline derived from its timeout
// (the one the write-ahead record's in-flight deadline counts on), cuts an oversized answer without reading it,
// reports it as a transport error and never retries it.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { COMPLETION_MARGIN_MS, inFlightDeadline } from '../../src/core/attempt';
import { KeccelClient } from '../../src/core/client';
import { NetworkError, TimeoutError } from '../../src/core/errors';
import { MAX_ANSWER_BYTES } from '../../src/core/http';

const TOKEN = 'TOK-limits-5e7f';
const TO = '243812345678';
const TIMEOUT_MS = 500;

interface RawServer {
  baseUrl: string;
  requests: number;
  /** Bytes of answer bodies the server got onto the wire (into the socket) before the client went away. */
  bodyBytesWritten: number;
  close(): Promise<void>;
}

async function rawServer(answer: (res: http.ServerResponse, server: RawServer) => void): Promise<RawServer> {
  const server = http.createServer((req, res) => {
    state.requests++;
    req.resume();
    req.on('end', () => answer(res, state));
  });
  const state: RawServer = {
    baseUrl: '',
    requests: 0,
    bodyBytesWritten: 0,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms/v2`;
  return state;
}

/** Headers at once, then one byte of a valid answer every 100 ms (a fifth of the timeout: never idle long enough). */
function trickle(res: http.ServerResponse): void {
  const text = JSON.stringify({ status: 'SENT', messageID: '123', description: 'x'.repeat(200) });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  let i = 0;
  const timer = setInterval(() => {
    if (res.destroyed || i >= text.length) return clearInterval(timer);
    res.write(text[i++]);
  }, 100);
  res.on('close', () => clearInterval(timer));
}

/** `status` with a 50 MB body, written as fast as the client reads it, stopping when the connection goes. */
function huge(status: number) {
  return (res: http.ServerResponse, server: RawServer) => {
    const total = 50 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    res.writeHead(status, { 'content-type': 'text/html', 'content-length': total });
    let sent = 0;
    const pump = () => {
      while (sent < total && !res.destroyed) {
        sent += chunk.length;
        server.bodyBytesWritten += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end();
    };
    pump();
  };
}

/** Fails clearly instead of hanging until mocha's timeout. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} still running after ${ms} ms`)), ms))),
  ]);
}

describe('KeccelClient limits', function () {
  this.timeout(20_000);
  let server: RawServer | undefined;
  afterEach(async () => server?.close());

  it('ends a send whose answer trickles one byte at a time by its overall deadline, before its in-flight deadline', async () => {
    server = await rawServer((res) => trickle(res));
    const client = new KeccelClient({ baseUrl: server.baseUrl, token: TOKEN, timeoutMs: TIMEOUT_MS });
    const started = Date.now();
    const outcome = await within(client.send({ to: TO, from: 'APP', message: 'hi' }), 8_000, 'the send');
    assert.equal(outcome.status, 'unknown');
    assert.match(outcome.description, /may or may not have been sent/);
    // Another window marks the write-ahead record interrupted after this: the sender must have its outcome first.
    assert.ok(Date.now() <= Date.parse(inFlightDeadline(started, TIMEOUT_MS)) - COMPLETION_MARGIN_MS, 'the send outlived its in-flight deadline');
    assert.equal(server.requests, 1);
    await client.close();
  });

  it('ends a delivery check whose answer trickles by the same deadline, with a timeout error', async () => {
    server = await rawServer((res) => trickle(res));
    const client = new KeccelClient({ baseUrl: server.baseUrl, token: TOKEN, timeoutMs: TIMEOUT_MS, maxRetries: 0 });
    const error = await within(client.delivery('123', 'APP').then(() => undefined, (e: unknown) => e), 8_000, 'the check');
    assert.ok(error instanceof TimeoutError, String(error));
    await client.close();
  });

  it('cuts a 50 MB answer to a GET with HTTP 500 unread, reports a transport error and does not retry it', async () => {
    server = await rawServer(huge(500));
    const client = new KeccelClient({ baseUrl: server.baseUrl, token: TOKEN, timeoutMs: 5_000, retryBaseDelayMs: 1 });
    const error = await within(client.balance('APP').then(() => undefined, (e: unknown) => e), 15_000, 'the balance');
    assert.ok(error instanceof NetworkError, String(error));
    assert.match(error.message, /larger than/);
    assert.equal(server.requests, 1, 'an oversized answer was asked for again');
    // Whatever sat in the socket buffers when the client hung up; far from the 50 MB.
    assert.ok(server.bodyBytesWritten < 16 * 1024 * 1024, `${server.bodyBytesWritten} bytes went out`);
    await client.close();
  });

  it('cuts a 50 MB answer with HTTP 200 to a send: outcome unknown, sent once', async () => {
    server = await rawServer(huge(200));
    const client = new KeccelClient({ baseUrl: server.baseUrl, token: TOKEN, timeoutMs: 5_000 });
    const outcome = await within(client.send({ to: TO, from: 'APP', message: 'hi' }), 15_000, 'the send');
    assert.equal(outcome.status, 'unknown');
    assert.match(outcome.description, /larger than/);
    assert.equal(server.requests, 1);
    assert.ok(MAX_ANSWER_BYTES >= 64 * 1024 && MAX_ANSWER_BYTES <= 1024 * 1024);
    await client.close();
  });
});
