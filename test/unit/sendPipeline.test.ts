// The one pipeline every paid send goes through (src/core/send/), run for real: the client over loopback against
// the simulator, a history store in a temporary folder. An SMS and a one-time code tell the same story for the
// same outcome, a failed save is said, and a send whose confirmed target changed sends and writes nothing.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { INTERRUPTED_DESCRIPTION } from '../../src/core/attempt';
import { KeccelClient } from '../../src/core/client';
import { HistoryStore } from '../../src/core/history';
import { NO_MESSAGE_ID } from '../../src/core/parse';
import { otpRequest, smsRequest, type DrawnCodes, type PaidRequest } from '../../src/core/send/paidRequest';
import { SendPipeline, type SendResult } from '../../src/core/send/pipeline';
import type { SendTarget } from '../../src/core/send/target';
import { InFlightSends } from '../../src/core/session/inFlight';
import { silentLogger, type HistoryRecord, type SendOutcome } from '../../src/core/types';
import { KeccelSimulator, MAGIC_REJECTED, MAGIC_RESET, MAGIC_SLOW } from '../../src/simulator';

const TOKEN = 'TOK-pipeline-7c1e';
const ACCEPTED_TO = '243812345678';

type Kind = 'sms' | 'otp';

describe('the send pipeline', function () {
  this.timeout(15_000);
  let sim: KeccelSimulator;
  let client: KeccelClient;
  let dir: string;
  let store: HistoryStore;
  let inFlight: InFlightSends;
  let pipeline: SendPipeline;
  let target: SendTarget;
  /** What the session says the target is now; a test changes it to play a switch between confirm and send. */
  let current: SendTarget | undefined;
  let tracked: string[];
  let afterSends: number;
  let notSaved: { request: PaidRequest; outcome: SendOutcome }[];
  let drawn: DrawnCodes | undefined;

  const request = (kind: Kind, to: string, message = kind === 'otp' ? 'Code : %OTP%' : 'Bonjour'): PaidRequest =>
    kind === 'otp' ? otpRequest({ to, from: 'ACME', message, length: 6, lifetime: 300 }, drawn) : smsRequest({ to, from: 'ACME', message });

  const completed = (result: SendResult) => {
    assert.equal(result.kind, 'completed', JSON.stringify(result));
    return result as Extract<SendResult, { kind: 'completed' }>;
  };

  /** What a user reads of a record: its state, its story (the gateway's words differ by endpoint), its marks. */
  const told = (record: HistoryRecord | undefined) => ({
    sendStatus: record?.sendStatus,
    deliveryStatus: record?.deliveryStatus,
    story: (record?.events ?? []).map((e) => e.status),
    untrackedReason: record?.untrackedReason,
    interrupted: record?.interrupted,
    inFlight: record?.inFlight,
  });

  beforeEach(async () => {
    sim = new KeccelSimulator({ token: TOKEN, slowMs: 1_500, deliveryDelayMs: null });
    const baseUrl = await sim.start();
    client = new KeccelClient({ baseUrl, token: TOKEN, timeoutMs: 5_000 });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'keccel-pipeline-'));
    store = await HistoryStore.open({ dir });
    inFlight = new InFlightSends(silentLogger);
    target = { profileId: 'sandbox', baseUrl, sandbox: true };
    current = target;
    tracked = [];
    afterSends = 0;
    notSaved = [];
    drawn = sim;
    pipeline = new SendPipeline({
      currentTarget: async () => current,
      client: async () => client,
      store: async () => store,
      inFlight,
      track: async (record) => void tracked.push(record.id),
      keepText: () => true,
      afterSend: () => void afterSends++,
      notices: { outcomeNotSaved: (req, outcome) => void notSaved.push({ request: req, outcome }) },
      log: silentLogger,
    });
  });

  afterEach(async () => {
    await store.close().catch(() => undefined);
    await client.close();
    await sim.stop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  describe('an SMS and a code tell the same story', () => {
    const both = async (to: string, options: Parameters<SendPipeline['send']>[2] = {}) => {
      const sms = completed(await pipeline.send(request('sms', to), target, options));
      const otp = completed(await pipeline.send(request('otp', to), target, options));
      assert.equal(store.get(otp.record.id)?.kind, 'otp');
      return { sms, otp };
    };

    it('accepted: followed to delivery from "pending", tracked, the balance refreshed', async () => {
      const { sms, otp } = await both(ACCEPTED_TO);
      assert.deepEqual(told(store.get(sms.record.id)).story, ['pending']);
      assert.deepEqual(told(store.get(otp.record.id)), told(store.get(sms.record.id)));
      assert.deepEqual(tracked, [sms.record.id, otp.record.id]);
      assert.equal(afterSends, 2);
      assert.match(store.get(otp.record.id)?.otp ?? '', /^\d{6}$/, 'the sandbox code is on the record');
    });

    it('accepted by a gateway that gives no message ID: "sent", not followed, and says why', async () => {
      drawn = undefined; // the live gateway never tells the code, nor (for a code) a message id
      const otp = completed(await pipeline.send(request('otp', ACCEPTED_TO), target));
      const stored = store.get(otp.record.id);
      assert.deepEqual([stored?.sendStatus, stored?.deliveryStatus, stored?.untrackedReason], ['sent', undefined, NO_MESSAGE_ID]);
      assert.deepEqual(told(stored).story, ['sent']);
      assert.deepEqual(tracked, []);
    });

    it('rejected: one "rejected" step with the gateway\'s words, not followed', async () => {
      const { sms, otp } = await both(MAGIC_REJECTED);
      assert.deepEqual(told(store.get(sms.record.id)).story, ['rejected']);
      assert.deepEqual(told(store.get(otp.record.id)), told(store.get(sms.record.id)));
      assert.deepEqual(tracked, []);
    });

    it('unknown (the connection reset): one "unknown" step, sent once, never retried', async () => {
      const { sms, otp } = await both(MAGIC_RESET);
      assert.deepEqual(told(store.get(sms.record.id)).story, ['unknown']);
      assert.deepEqual(told(store.get(otp.record.id)), told(store.get(sms.record.id)));
      assert.equal(sim.requests.filter((r) => r.method === 'POST').length, 2, 'a paid request was retried');
    });

    it('interrupted (the window closing while the answer is out): the record keeps the interruption', async () => {
      client = new KeccelClient({ baseUrl: target.baseUrl, token: TOKEN, timeoutMs: 500 });
      const { sms, otp } = await both(MAGIC_SLOW, { onRecorded: () => void inFlight.interrupt() });
      for (const result of [sms, otp]) {
        assert.equal(result.owned, false);
        assert.equal(result.saved, false);
        assert.equal(result.outcome.status, 'unknown');
      }
      const smsRecord = store.get(sms.record.id);
      assert.deepEqual([smsRecord?.sendStatus, smsRecord?.interrupted, smsRecord?.description], ['unknown', true, INTERRUPTED_DESCRIPTION]);
      assert.deepEqual(told(store.get(otp.record.id)), told(smsRecord));
      assert.deepEqual(notSaved, [], 'an attempt given up by a closing window is not a failed save');
    });

    it('interrupted, then the gateway answered: the answer completes the record', async () => {
      const { sms, otp } = await both(MAGIC_SLOW, { onRecorded: () => void inFlight.interrupt() });
      assert.deepEqual([sms.owned, sms.saved], [false, true]);
      const smsRecord = store.get(sms.record.id);
      assert.deepEqual([smsRecord?.sendStatus, smsRecord?.interrupted], ['sent', undefined]);
      assert.deepEqual(told(store.get(otp.record.id)), told(smsRecord));
    });

    it('saved or not: an outcome the history cannot take is said once, for an SMS and a code alike', async () => {
      // The history is closed while the request is out (its writes are refused from then on).
      const results = [];
      for (const kind of ['sms', 'otp'] as const) {
        const closing = store;
        results.push(completed(await pipeline.send(request(kind, ACCEPTED_TO), target, { onRecorded: () => void closing.close() })));
        store = await HistoryStore.open({ dir });
      }
      for (const result of results) {
        assert.deepEqual([result.saved, result.owned, result.outcome.status], [false, true, 'sent']);
        assert.equal(result.record.sendStatus, 'sent', 'the result says what the gateway did, for the UI');
        assert.equal(store.get(result.record.id)?.inFlight, true);
      }
      assert.deepEqual(notSaved.map((n) => [n.request.kind ?? 'sms', n.outcome.status]), [['sms', 'sent'], ['otp', 'sent']]);
      assert.deepEqual(tracked, [], 'a record that is not in the history is not followed');
    });
  });

  describe('the confirmed target', () => {
    const posts = () => sim.requests.filter((r) => r.method === 'POST').length;

    for (const kind of ['sms', 'otp'] as const) {
      it(`${kind}: a switch to another profile after the confirmation sends nothing and writes nothing`, async () => {
        current = { profileId: 'live', baseUrl: 'https://api.keccel.com/sms/v2', sandbox: false };
        const result = await pipeline.send(request(kind, ACCEPTED_TO), target);
        assert.deepEqual(result, { kind: 'targetChanged', confirmed: target, current });
        assert.equal(posts(), 0);
        assert.equal(store.size, 0);
        assert.equal(afterSends, 0);
      });
    }

    it('the same profile pointed at another URL is another target; a profile without credentials sends nothing', async () => {
      current = { ...target, baseUrl: 'http://127.0.0.1:1/sms/v2' };
      assert.equal((await pipeline.send(request('sms', ACCEPTED_TO), target)).kind, 'targetChanged');
      current = undefined;
      assert.equal((await pipeline.send(request('sms', ACCEPTED_TO), target)).kind, 'targetChanged');
      assert.equal(posts(), 0);
    });

    it('a switch while the client or the history is being opened is still caught before anything is written', async () => {
      const slowStore = new SendPipeline({
        currentTarget: async () => current,
        client: async () => client,
        store: async () => {
          current = undefined; // the sandbox stopped meanwhile
          return store;
        },
        inFlight, track: async () => undefined, keepText: () => true, afterSend: () => undefined,
        notices: { outcomeNotSaved: () => undefined }, log: silentLogger,
      });
      assert.equal((await slowStore.send(request('otp', ACCEPTED_TO), target)).kind, 'targetChanged');
      assert.equal(posts(), 0);
      assert.equal(store.size, 0);
    });
  });

  it('composes the text (NFC) for an SMS and a code template alike', async () => {
    const decomposed = 've\u0301rifie\u0301';
    for (const kind of ['sms', 'otp'] as const) {
      const req = request(kind, ACCEPTED_TO, kind === 'otp' ? `${decomposed} %OTP%` : decomposed);
      assert.ok(req.message.startsWith(decomposed.normalize('NFC')));
      assert.equal(req.info.encoding, 'GSM-7');
      const result = completed(await pipeline.send(req, target));
      assert.equal(store.get(result.record.id)?.message, req.message);
    }
    const sent = sim.messages.map((m) => m.message);
    assert.ok(sent.every((m) => m.startsWith(decomposed.normalize('NFC'))), JSON.stringify(sent));
  });

  it('a history that cannot be written before the request sends nothing', async () => {
    await store.close();
    const result = await pipeline.send(request('otp', ACCEPTED_TO), target);
    assert.equal(result.kind, 'notRecorded');
    assert.equal(sim.requests.length, 0);
  });
});
