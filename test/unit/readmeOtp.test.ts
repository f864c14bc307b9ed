// The README's "OTP endpoints" example, run as written with bash and curl against the simulator: the commands a
// developer copies must draw a code and check it, as the section says.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { FIXED_OTP_CODE, KeccelSimulator, MAGIC_OTP_FIXED_CODE } from '../../src/simulator';

const README_PATH = path.resolve(__dirname, '../../../README.md');

/** The first sh block of the README's "## OTP endpoints" section. */
function otpExample(): string {
  const readme = fs.readFileSync(README_PATH, 'utf8');
  const section = readme.slice(readme.indexOf('\n## OTP endpoints'));
  const block = /```sh\n([\s\S]*?)```/.exec(section.slice(0, section.indexOf('\n## ', 1)));
  assert.ok(block, 'the OTP endpoints section has no sh example');
  return block[1];
}

describe('README: OTP endpoints example', function () {
  this.timeout(20_000);
  let sim: KeccelSimulator;

  beforeEach(async () => {
    sim = new KeccelSimulator({ port: 0 });
    await sim.start();
  });
  afterEach(() => sim.stop());

  it('sends a code to the fixed-code number, then checks it valid, with the sandbox token', async () => {
    const script = otpExample();
    assert.match(script, /127\.0\.0\.1:8787\/otp\/generate\.asp/);
    const port = new URL(sim.baseUrl).port;
    // Asynchronous: the simulator answers from this very process.
    const { stdout: output } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script.replaceAll('127.0.0.1:8787', `127.0.0.1:${port}`)], {
      encoding: 'utf8',
      timeout: 15_000,
    });
    // Two pretty-printed answers, one after the other.
    const answers = output.trim().split(/\r?\n\}\r?\n?/).filter((part) => part.trim()).map((part) => JSON.parse(`${part}}`) as unknown);
    assert.deepEqual(answers, [{ status: 'SENT', description: 'OTP sent' }, { success: 'True', statusOTP: 'VALID' }]);
    assert.equal(sim.currentOtp(MAGIC_OTP_FIXED_CODE)?.code, FIXED_OTP_CODE.slice(0, 6));
    assert.equal(sim.currentOtp(MAGIC_OTP_FIXED_CODE)?.used, true);
  });
});
