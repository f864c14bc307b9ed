// docs/api.md, the API reference the README links: its code blocks are the generators' current output, and each
// one, run as written with its interpreter, does against the simulator what the page says.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { KeccelSimulator } from '../../src/simulator';
import { COPY_AS_CODE_DOCS, DOC_EXAMPLE, GENERATED_DOCS, README, docBlocks, readDocs, renderDocs } from './support/apiDocs';
import { runSnippet } from './support/snippetRunner';

const TOKEN = 'doc-test-token';

describe('API reference (docs/api.md)', function () {
  this.timeout(60_000);
  let sim: KeccelSimulator;
  let dir: string;

  before(async () => {
    // The simulator knows the page's example message, delivered, as if the page's send had been made earlier.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keccel-api-docs-'));
    const stateFile = path.join(dir, 'state.json');
    const { messageId, to, from, message } = DOC_EXAMPLE;
    const now = Date.now();
    fs.writeFileSync(stateFile, JSON.stringify({
      version: 1, balance: 645, expiration: '2026-12-31T05:46:17.000Z', accountStatus: 'active',
      messages: [{ messageId, to, from, message, segments: 1, sentAt: now - 60_000, reportAt: now - 30_000, finalStatus: 'DELIVERED' }],
    }));
    sim = new KeccelSimulator({ token: TOKEN, deliveryDelayMs: 0, stateFile });
    await sim.start();
  });

  after(async () => {
    await sim.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows the snippets the generators give today, in the reference and the Copy as Code page (npm run docs:api rewrites them)', () => {
    assert.ok(docBlocks(readDocs()).length >= 7, 'the generated examples of docs/api.md are missing');
    assert.ok(docBlocks(readDocs(COPY_AS_CODE_DOCS)).length >= 1, 'docs/copy-as-code.md shows no generated example');
    for (const file of GENERATED_DOCS) {
      const text = readDocs(file);
      assert.ok(renderDocs(text) === text, `${path.basename(file)} is out of date: run npm run docs:api`);
    }
  });

  it('is linked from the README, as the Copy as Code page is', () => {
    assert.ok(readDocs(README).includes('](docs/api.md)'), 'no link to docs/api.md in the README');
    assert.ok(readDocs(README).includes('](docs/copy-as-code.md'), 'no link to docs/copy-as-code.md in the README');
  });

  it('every example runs as written: one send of exactly the page\'s message, the delivery, the balance', async () => {
    for (const block of GENERATED_DOCS.flatMap((file) => docBlocks(readDocs(file)))) {
      const parts = block.parts ?? ['send', 'delivery', 'balance'];
      const before = sim.messages.length;
      const result = await runSnippet(block.language, block.code, { token: TOKEN, baseUrl: sim.baseUrl });
      const what = `${block.language} ${parts.join(',')}`;
      assert.equal(result.code, 0, `${what}: ${result.stderr}`);
      const arrived = sim.messages.slice(before);
      const lines: string[] = [];
      if (parts.includes('send')) {
        assert.equal(arrived.length, 1, `${what}: ${arrived.length} messages arrived`);
        assert.deepEqual([arrived[0].to, arrived[0].from, arrived[0].message], [DOC_EXAMPLE.to, DOC_EXAMPLE.from, DOC_EXAMPLE.message]);
        lines.push(`Sent: message ID ${arrived[0].messageId}`);
      } else {
        assert.equal(arrived.length, 0, `${what} sent an SMS`);
      }
      if (parts.includes('delivery')) lines.push(`Delivery of ${DOC_EXAMPLE.messageId}: DELIVERED`);
      if (parts.includes('balance')) lines.push(`Balance: ${sim.balance} SMS, expires 31-Dec-2026 06:46:17, account active`);
      assert.equal(result.stdout, `${lines.join('\n')}\n`, what);
    }
  });

  it('the callback example makes the request Keccel pushes', async () => {
    const block = /<!-- example: callback -->\n```sh\n([\s\S]*?)```/.exec(readDocs())?.[1];
    assert.ok(block, 'no callback example');
    const received: string[] = [];
    const server = http.createServer((req, res) => {
      received.push(req.url ?? '');
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/keccel/delivery`;
    try {
      const result = await runSnippet('curl', `CALLBACK_URL=${url}\n${block}`, { token: TOKEN, baseUrl: sim.baseUrl });
      assert.equal(result.code, 0, result.stderr);
    } finally {
      server.close();
    }
    assert.deepEqual(received, ['/keccel/delivery?messageID=123456&status=DELIVERED']);
  });
});
