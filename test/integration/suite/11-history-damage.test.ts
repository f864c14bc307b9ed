// One damaged line in the history file hides one record, never the history: the tree keeps listing the other
// messages, the user is warned (log line and notification) and the damaged bytes are kept next to the history.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { KeccelSimulator } from '../../../src/simulator';
import { keccelApi, recordById, sendSms, startGateway, stopGateway, waitFor } from '../support/harness';

describe('damaged history line', () => {
  let sim: KeccelSimulator;
  before(async () => {
    sim = await startGateway();
  });
  after(async () => {
    await stopGateway(sim);
  });

  it('keeps listing the good records, logs the warning and moves only the damaged line to a side file', async () => {
    const api = await keccelApi();
    const first = await sendSms('0812340021', 'before the damage');
    const second = await sendSms('0812340022', 'after the damage');
    assert.ok(first && second);
    // Let the poller write the delivery reports, so nothing writes while the file is replaced below.
    for (const record of [first, second]) {
      await waitFor('the delivery report', async () => (await recordById(record.id))?.deliveryStatus === 'delivered');
    }
    const file = await api.historyFile();
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const at = lines.findIndex((line) => line.includes(`"id":"${first.id}"`));
    assert.ok(at > 0);
    const damaged = '{"a":{"id":"half-written-by-a-faulty-disk","sentAt":"2026-';
    lines.splice(at + 1, 0, damaged);
    // Replaced whole, as another window's compaction would (a new file, read whole).
    fs.writeFileSync(`${file}.it-tmp`, lines.join('\n'));
    fs.renameSync(`${file}.it-tmp`, file);

    // The next write (a send) catches up with the file first, if the file watcher has not already.
    const third = await sendSms('0812340023', 'after the repair');
    assert.ok(third);
    const warning = await waitFor('the damaged-line warning in the log', () =>
      api.recentLog().find((line) => line.startsWith('warn') && line.includes('damaged and moved to')));
    const sideFile = /moved to (.+\.damaged-[^;]+);/.exec(warning)?.[1];
    assert.ok(sideFile, warning);
    assert.strictEqual(path.dirname(sideFile), path.dirname(file));
    assert.strictEqual(fs.readFileSync(sideFile, 'utf8'), `${damaged}\n`);

    const rows = await api.messageTreeRows();
    const ids = rows.map((row) => row.recordId);
    for (const record of [first, second, third]) assert.ok(ids.includes(record.id), `${record.id} is missing from the tree`);
    assert.ok(!fs.readFileSync(file, 'utf8').includes(damaged), 'the damaged line is still in the history');
  });
});
