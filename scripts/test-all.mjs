#!/usr/bin/env node
// `npm test`: every stage in order (lint, type-check, provisioning, unit, integration in a real VS Code, end-to-end in headless
// Chromium), stopping at the first that fails. Each stage's output streams through as it comes; at the end a
// table of the stages and one closing line, `tests: N passed, N failed`, which CI reads to know tests really ran.
import { spawn } from 'node:child_process';

const stages = [
  { name: 'lint', script: 'lint' },
  { name: 'type-check', script: 'typecheck' },
  // Before the unit stage: it runs the generated "Copy as Code" snippets with curl, php and python3 (Debian
  // packages), and the later stages need code-server. Finished steps are skipped, so a provisioned machine pays
  // only a few dpkg queries.
  { name: 'provision', script: 'provision' },
  { name: 'unit', script: 'test:unit' },
  { name: 'integration', script: 'test:integration' },
  { name: 'e2e', script: 'test:e2e' },
];

/** Passed and failed counts from mocha's summary ("42 passing", "1 failing") or the journeys' ✔ / ✗ lines. */
function countTests(output) {
  const number = (re) => [...output.matchAll(re)].reduce((sum, m) => sum + Number(m[1]), 0);
  const passing = number(/^\s*(\d+) passing\b/gm);
  const failing = number(/^\s*(\d+) failing\b/gm);
  if (passing || failing) return { passed: passing, failed: failing };
  const steps = (mark) => output.split('\n').filter((line) => new RegExp(`^\\[e2e\\]\\s+${mark} `).test(line)).length;
  return { passed: steps('✔'), failed: steps('✗') };
}

function run(script) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const forward = (stream, target) =>
      stream.on('data', (chunk) => {
        output += chunk;
        target.write(chunk);
      });
    forward(child.stdout, process.stdout);
    forward(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ code: code ?? 1, output, seconds: (Date.now() - started) / 1000 }));
  });
}

const results = [];
let failedStage;
for (const stage of stages) {
  console.log(`\n=== ${stage.name} (npm run ${stage.script}) ===`);
  const { code, output, seconds } = await run(stage.script);
  const counts = countTests(output);
  results.push({ stage: stage.name, result: code === 0 ? 'ok' : `FAILED (exit ${code})`, seconds: seconds.toFixed(1), ...counts });
  if (code !== 0) {
    failedStage = stage.name;
    break;
  }
}

console.log('\n=== summary ===');
console.table(results);
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0) + (failedStage && !results.at(-1).failed ? 1 : 0);
if (failedStage) console.log(`stage "${failedStage}" failed; the stages after it did not run`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exitCode = failedStage ? 1 : 0;
