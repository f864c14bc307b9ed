// A sender name the networks refuse or cut (more than 11 characters, characters outside GSM-7) is refused before
// any confirmation or request, whichever way the send comes: a script's `from`, or a hand-edited keccel.sender.
import * as assert from 'assert';
import type { KeccelSimulator } from '../../../src/simulator';
import { configure, keccelApi, postsTo, sendSms, startGateway, stopGateway } from '../support/harness';

describe('sender name', () => {
  let sim: KeccelSimulator;
  before(async () => { sim = await startGateway(); });
  after(async () => {
    await configure({ sender: undefined });
    await stopGateway(sim);
  });

  async function historySize(): Promise<number> {
    return (await (await keccelApi()).history()).length;
  }

  it('sends nothing and resolves undefined when `from` is longer than 11 characters', async () => {
    const before = await historySize();
    const result = await sendSms('0812349001', 'Mbote', 'KINSHASA-TELECOM');
    assert.strictEqual(result, undefined);
    assert.strictEqual(postsTo(sim, '243812349001'), 0, 'the gateway got the SMS');
    assert.strictEqual(await historySize(), before, 'a refused send left a record');
  });

  it('refuses a too-long keccel.sender setting the same way, and sends once it is fixed', async () => {
    await configure({ sender: 'KINSHASA-TELECOM' });
    assert.strictEqual(await sendSms('0812349002', 'Mbote'), undefined);
    assert.strictEqual(postsTo(sim, '243812349002'), 0, 'the gateway got the SMS');

    await configure({ sender: 'KIN-TEL' });
    const record = await sendSms('0812349002', 'Mbote');
    assert.ok(record, 'a valid sender was refused');
    assert.strictEqual(record.from, 'KIN-TEL');
    assert.strictEqual(postsTo(sim, '243812349002'), 1);
  });

  it('refuses a sender outside GSM-7', async () => {
    assert.strictEqual(await sendSms('0812349003', 'Mbote', 'Kinshasa😀'), undefined);
    assert.strictEqual(postsTo(sim, '243812349003'), 0);
  });
});
