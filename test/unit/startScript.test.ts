// `node scripts/start.mjs --help`: a contributor asking how to use `npm start` gets its usage, and nothing is
// started (no provisioning, no second code-server).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const START = path.resolve(__dirname, '../../../scripts/start.mjs');

async function start(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [START, ...args], { encoding: 'utf8', timeout: 8_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('scripts/start.mjs', function () {
  this.timeout(15_000);

  for (const flag of ['--help', '-h']) {
    it(`${flag} prints the usage and exits without starting anything`, async () => {
      const result = await start([flag]);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^Usage: /m);
      assert.match(result.stdout, /PORT=/);
      assert.doesNotMatch(result.stdout + result.stderr, /\[start\]/, 'it did something besides printing its usage');
    });
  }

  it('refuses an argument it does not know, with the usage, instead of starting', async () => {
    const result = await start(['--port', '9000']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown argument "--port"/);
    assert.match(result.stderr, /Usage: /);
  });
});
