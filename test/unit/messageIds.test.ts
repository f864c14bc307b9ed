// Message IDs are opaque strings (the v2 examples are numeric, the v1 API answers UUIDs, docs/api.md): the
// poller, the simulator and the client must carry one through unchanged, never as a number.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HistoryStore } from '../../src/core/history';
import { DeliveryPoller } from '../../src/core/poller';
import type { DeliveryAnswer } from '../../src/core/types';
import { SimulatorState } from '../../src/simulator/state';
import { FakeClock } from './support/fakeClock';

const UUID = '16620c03-e7f4-4b40-8c1e-e6ba98da253e';

describe('message IDs are opaque strings', () => {
  it('the poller asks about a UUID as it was given and records the report', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'keccel-ids-'));
    const store = await HistoryStore.open({ dir });
    const clock = new FakeClock();
    const asked: string[] = [];
    const poller = new DeliveryPoller({
      store, clock, intervalSeconds: 10, giveUpAfterHours: 48,
      checker: { delivery: async (messageId): Promise<DeliveryAnswer> => (asked.push(messageId), { messageId, status: 'delivered', raw: 'DELIVERED' }) },
    });
    try {
      const at = new Date(clock.now()).toISOString();
      const record = await store.add({
        messageId: UUID, to: '243812345678', from: 'ACME', message: 'x', encoding: 'GSM-7', segments: 1, sendStatus: 'sent',
        description: 'Sent', deliveryStatus: 'pending', sentAt: at, updatedAt: at, sandbox: false,
      });
      poller.start();
      await clock.advance(10_000, () => poller.whenIdle());
      assert.deepEqual(asked, [UUID]);
      assert.equal(store.get(record.id)?.deliveryStatus, 'delivered');
      assert.equal(store.get(record.id)?.messageId, UUID);
    } finally {
      poller.dispose();
      await poller.whenIdle();
      await store.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('the simulator answers for a restored message with a UUID, and keeps numbering its own ids', () => {
    const now = Date.now();
    const state = new SimulatorState({ token: 't', balance: 10, expiration: null, accountStatus: 'active', deliveryDelayMs: 0 });
    state.restore({
      balance: 10, expiration: null, accountStatus: 'active',
      messages: [{ messageId: UUID, to: '243812345678', from: 'ACME', message: 'x', segments: 1, sentAt: now - 1000, reportAt: now - 500, finalStatus: 'DELIVERED' }],
    });
    const check = state.delivery(new Map([['token', 't'], ['from', 'ACME'], ['messageid', UUID]]), now);
    assert.deepEqual(check, { kind: 'json', body: { messageid: UUID, status: 'DELIVERED' } });
    const { accepted } = state.send(new Map([['token', 't'], ['to', '243812345678'], ['from', 'ACME'], ['message', 'y']]), now);
    assert.match(accepted?.messageId ?? '', /^\d+$/, `a new id after a UUID is not NaN: ${accepted?.messageId}`);
  });
});
