// The README's "OTP endpoints" examples, run as written against the simulator: the sh one with bash and curl, the
// PHP one with php, the JavaScript one with Node. Each must draw a code and check it, as the section says.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { SnippetLanguage } from '../../src/core/snippets';
import { FIXED_OTP_CODE, KeccelSimulator, MAGIC_OTP_FIXED_CODE } from '../../src/simulator';
import { runSnippet } from './support/snippetRunner';

const README_PATH = path.resolve(__dirname, '../../../README.md');

/** The first block of a fence language in the README's "## OTP endpoints" section. */
function otpExample(fence: string): string {
  const readme = fs.readFileSync(README_PATH, 'utf8');
  const section = readme.slice(readme.indexOf('\n## OTP endpoints'));
  const block = new RegExp('```' + fence + '\\n([\\s\\S]*?)```').exec(section.slice(0, section.indexOf('\n## ', 1)));
  assert.ok(block, `the OTP endpoints section has no ${fence} example`);
  return block[1];
}

const EXAMPLES: Array<{ fence: string; language: SnippetLanguage }> = [
  { fence: 'sh', language: 'curl' },
  { fence: 'php', language: 'php' },
  { fence: 'js', language: 'node' },
];

describe('README: OTP endpoints examples', function () {
  this.timeout(20_000);
  let sim: KeccelSimulator;

  beforeEach(async () => {
    sim = new KeccelSimulator({ port: 0 });
    await sim.start();
  });
  afterEach(() => sim.stop());

  for (const { fence, language } of EXAMPLES) {
    it(`${fence}: sends a code to the fixed-code number, then checks it valid, with the sandbox token`, async () => {
      const script = otpExample(fence);
      assert.match(script, /127\.0\.0\.1:8787\/otp/);
      const port = new URL(sim.baseUrl).port;
      const result = await runSnippet(language, script.replaceAll('127.0.0.1:8787', `127.0.0.1:${port}`), { token: '', baseUrl: undefined });
      assert.equal(result.code, 0, result.stderr);
      // Two answers, one after the other (pretty-printed by the gateway for sh, one line each otherwise).
      const answers = result.stdout.trim().split(/\r?\n\}\r?\n?|(?<=\})\n/).filter((part) => part.trim())
        .map((part) => JSON.parse(part.trim().endsWith('}') ? part : `${part}}`) as unknown);
      assert.deepEqual(answers, [{ status: 'SENT', description: 'OTP sent' }, { success: 'True', statusOTP: 'VALID' }]);
      assert.equal(sim.currentOtp(MAGIC_OTP_FIXED_CODE)?.code, FIXED_OTP_CODE.slice(0, 6));
      assert.equal(sim.currentOtp(MAGIC_OTP_FIXED_CODE)?.used, true);
    });
  }
});
