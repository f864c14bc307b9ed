// The README reads in the order a user acts: a newcomer reaches "my app's SMS in the tree" without scrolling past
// code they do not need, and finds the repository's two commands near the top, the French UI and the callback URL.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const readme = fs.readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
const lines = readme.split('\n');
const lineOf = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));

describe('README: the order a user acts in', () => {
  it('states the two commands of the repository in its first 15 lines', () => {
    assert.ok(lineOf(/^npm ci && npm start\b/) >= 0 && lineOf(/^npm ci && npm start\b/) < 15, 'npm ci && npm start is not near the top');
    assert.ok(lineOf(/^npm ci && npm test\b/) >= 0 && lineOf(/^npm ci && npm test\b/) < 15, 'npm ci && npm test is not near the top');
  });

  it('has the four steps in order: install, sandbox, connect your app, go live', () => {
    const steps = [/^## 1\. Install/, /^## 2\. Try the sandbox/, /^## 3\. Connect your app/, /^## 4\. Go live/].map(lineOf);
    assert.ok(steps.every((line) => line >= 0), `missing steps: ${steps}`);
    assert.deepEqual([...steps].sort((a, b) => a - b), steps, 'the steps are out of order');
    assert.equal(lines.slice(0, steps[0]).filter((line) => /^## /.test(line)).length, 0, 'a section comes before "1. Install"');
  });

  it('reaches "your app\'s SMS is in the tree" with no code block longer than 5 lines on the way', () => {
    const inTree = lineOf(/app's SMS is in the tree/i);
    assert.ok(inTree > 0, 'the step where the app\'s SMS shows in the tree is missing');
    const blocks = readme.split('\n').slice(0, inTree).join('\n').match(/```\w*\n[\s\S]*?```/g) ?? [];
    const long = blocks.filter((block) => block.split('\n').length - 2 > 5);
    assert.deepEqual(long, [], 'long code before the app\'s first SMS');
  });

  it('says how to get the French UI and how a callback URL is set, live and in the sandbox', () => {
    assert.match(readme, /French Language Pack/);
    assert.match(readme, /Configure Display Language/);
    assert.match(readme, /Keccel sets it for you, on\s+request/);
    assert.match(readme, /Keccel: Set Sandbox Callback URL…/);
    assert.match(readme, /keccel\.sandbox\.callbackUrl/);
  });
});
