// The session's parts put together (src/core/session/), in plain Node: two profiles, each a real simulator over
// loopback and a history file in a temporary folder. What the orchestration promises: a send goes to the confirmed
// profile's gateway and history and is followed there; closing a profile, or the whole session (once), marks its
// attempts in flight interrupted before its history closes.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { INTERRUPTED_DESCRIPTION } from '../../src/core/attempt';
import { HistoryStore } from '../../src/core/history';
import { smsRequest } from '../../src/core/send/paidRequest';
import { SendPipeline } from '../../src/core/send/pipeline';
import type { SendTarget } from '../../src/core/send/target';
import { ProfileSession } from '../../src/core/session/profileSession';
import { Profiles, type Endpoint } from '../../src/core/session/profiles';
import { silentLogger, type HistoryRecord } from '../../src/core/types';
import { KeccelSimulator, MAGIC_SLOW } from '../../src/simulator';

const TOKEN = 'TOK-session-93ad';
const TO = '243812345678';

describe('the session parts, orchestrated', function () {
  this.timeout(15_000);
  let dir: string;
  let live: KeccelSimulator;
  let sandbox: KeccelSimulator;
  let sandboxEndpoint: Endpoint | undefined;
  let session: ProfileSession;
  let pipeline: SendPipeline;
  let notSaved: number;
  let finals: HistoryRecord[];

  const fileOf = (id: string) => path.join(dir, id === 'live' ? 'history.jsonl' : 'sandbox-history.jsonl');
  /** The history as another window would read it from disk. */
  async function onDisk(id: string): Promise<HistoryRecord[]> {
    const store = await HistoryStore.open({ dir, fileName: path.basename(fileOf(id)) });
    try {
      return store.all();
    } finally {
      await store.close();
    }
  }

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'keccel-session-'));
    live = new KeccelSimulator({ token: TOKEN, deliveryDelayMs: 0, slowMs: 1_500 });
    sandbox = new KeccelSimulator({ token: TOKEN, deliveryDelayMs: 0, slowMs: 1_500 });
    const liveUrl = await live.start();
    sandboxEndpoint = { baseUrl: await sandbox.start(), token: TOKEN };
    const profiles = new Profiles(
      [
        { id: 'live', historyFile: 'history.jsonl', sandbox: false, endpoint: async () => ({ baseUrl: liveUrl, token: TOKEN }) },
        { id: 'sandbox', historyFile: 'sandbox-history.jsonl', sandbox: true, endpoint: async () => sandboxEndpoint },
      ],
      'live',
    );
    notSaved = 0;
    finals = [];
    session = new ProfileSession({
      dir,
      profiles,
      clientOptions: (endpoint) => ({ ...endpoint, timeoutMs: 5_000, retryBaseDelayMs: 5 }),
      settings: () => ({ maxMessages: 1000, intervalSeconds: 3600, giveUpAfterHours: 24 }),
      notices: { corrupted: () => undefined, damaged: () => undefined },
      onFinal: (record) => finals.push(record),
      log: silentLogger,
    });
    pipeline = new SendPipeline({
      ...session.sendParts(),
      keepText: () => true,
      afterSend: () => undefined,
      notices: { outcomeNotSaved: () => void notSaved++ },
      log: silentLogger,
    });
  });

  afterEach(async () => {
    await session.close();
    await Promise.all([live.stop(), sandbox.stop()]);
    await fs.rm(dir, { recursive: true, force: true });
  });

  let liveTarget: SendTarget;
  beforeEach(async () => {
    liveTarget = (await session.target())!;
  });

  it('send: the confirmed profile\'s gateway and history, then followed there to delivery', async () => {
    const target = await session.target();
    assert.deepEqual(target && [target.profileId, target.sandbox], ['live', false]);
    const result = await pipeline.send(smsRequest({ to: TO, from: 'ACME', message: 'Bonjour' }), target!);
    assert.equal(result.kind, 'completed');
    assert.equal(live.messages.length, 1);
    assert.equal(sandbox.messages.length, 0);
    const summary = await session.checkNow();
    assert.deepEqual([summary.checked, summary.failed], [1, []]);
    assert.deepEqual((await onDisk('live')).map((r) => [r.sendStatus, r.deliveryStatus]), [['sent', 'delivered']]);
    assert.deepEqual(finals.map((r) => r.deliveryStatus), ['delivered']);
    assert.deepEqual(await onDisk('sandbox'), []);
  });

  it('send: a profile switch between the confirmation and the send sends nothing', async () => {
    const target = (await session.target())!;
    session.profiles.use('sandbox');
    const result = await pipeline.send(smsRequest({ to: TO, from: 'ACME', message: 'Bonjour' }), target);
    assert.equal(result.kind, 'targetChanged');
    assert.equal(live.requests.length + sandbox.requests.length, 0);
  });

  it('interrupt: closing a profile marks its attempt in flight interrupted before its history closes', async () => {
    session.profiles.use('sandbox');
    const target = (await session.target())!;
    let closing: Promise<void> | undefined;
    const result = await pipeline.send(smsRequest({ to: MAGIC_SLOW, from: 'ACME', message: 'Bonjour' }), target, {
      // The sandbox stops while the request is out.
      onRecorded: () => {
        sandboxEndpoint = undefined;
        closing = session.closeProfile('sandbox');
      },
    });
    await closing;
    assert.equal(result.kind, 'completed');
    assert.equal(result.kind === 'completed' && result.owned, false);
    const [record] = await onDisk('sandbox');
    assert.deepEqual([record.sendStatus, record.interrupted, record.inFlight], ['unknown', true, undefined]);
    assert.equal(record.description, INTERRUPTED_DESCRIPTION);
    assert.equal(notSaved, 0, 'an attempt given up by a closing profile is not a failed save');
    // The profile opens again on next need, empty of attempts and with its old history.
    sandboxEndpoint = { baseUrl: sandbox.baseUrl, token: TOKEN };
    assert.equal((await session.store('sandbox')).get(record.id)?.interrupted, true);
  });

  it('shutdown: every profile\'s attempts in flight are marked interrupted before its history closes; once', async () => {
    const slow = () => smsRequest({ to: MAGIC_SLOW, from: 'ACME', message: 'Bonjour' });
    const sends: Promise<unknown>[] = [];
    // One attempt out on each profile, then the window closes while both wait for their answer.
    const closed = new Promise<Promise<void>>((resolve) => {
      sends.push(pipeline.send(slow(), liveTarget, {
        onRecorded: () => {
          session.profiles.use('sandbox');
          sends.push(session.target().then((target) => pipeline.send(slow(), target!, {
            onRecorded: () => {
              const first = session.close();
              assert.equal(session.close(), first, 'a second close is not another shutdown');
              resolve(first);
            },
          })));
        },
      }));
    });
    await (await closed);
    for (const id of ['live', 'sandbox']) {
      const records = await onDisk(id);
      assert.deepEqual(records.map((r) => [r.sendStatus, r.interrupted, r.inFlight]), [['unknown', true, undefined]], id);
    }
    await Promise.all(sends);
    assert.equal(notSaved, 0);
  });
});

