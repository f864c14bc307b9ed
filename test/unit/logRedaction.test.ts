// "Every log line passes the redactor" (src/extension/platform/log.ts) holds only while nothing else can reach the output
// channel: the composer once wrote to it directly, so its lines skipped the redactor. VS Code cannot load in plain
// Node, so this reads the extension's sources: only log.ts may create or touch the channel.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../../src/extension');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return entry.name.endsWith('.ts') ? [file] : [];
  });
}

describe('log redaction', () => {
  it('leaves the output channel to log.ts, so every line (the composer\'s too) goes through the redactor', () => {
    const files = sources(root);
    assert.ok(files.some((f) => f.endsWith(path.join('composer', 'panel.ts'))), `no sources found under ${root}`);
    const offenders = files
      .filter((file) => path.basename(file) !== 'log.ts')
      .filter((file) => /OutputChannel\b|\.channel\b/.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(root, file));
    assert.deepEqual(offenders, []);
  });
});
