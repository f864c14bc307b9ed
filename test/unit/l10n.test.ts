// French is the working language of most of our users: every string the extension shows must have a French
// form. This reads the sources as text (the way @vscode/l10n-dev extracts them) so a new English string without
// a translation fails here, not in front of a user.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const readJson = (file: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The literal first arguments of every `l10n.t(...)` call in the extension's sources. */
function l10nKeys(): Map<string, string> {
  const keys = new Map<string, string>();
  const call = /\bl10n\.t\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;
  for (const file of sourceFiles(path.join(root, 'src'))) {
    // Comment lines may quote the call form itself; only code counts.
    const text = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line))
      .join('\n');
    for (const match of text.matchAll(call)) {
      const key = match[2].replace(/\\(['"`\\])/g, '$1').replace(/\\n/g, '\n');
      keys.set(key, path.relative(root, file));
    }
  }
  return keys;
}

describe('French localisation', () => {
  it('translates every l10n.t string of the extension', () => {
    const bundle = readJson('l10n/bundle.l10n.fr.json');
    const keys = l10nKeys();
    assert.ok(keys.size > 100, `expected the extension's strings, found ${keys.size}`);
    const missing = [...keys].filter(([key]) => typeof bundle[key] !== 'string' || bundle[key] === '');
    assert.deepEqual(missing, [], 'strings without a French translation (key, file)');
  });

  it('keeps no translation of a string the extension no longer shows', () => {
    const bundle = readJson('l10n/bundle.l10n.fr.json');
    const keys = l10nKeys();
    assert.deepEqual(Object.keys(bundle).filter((key) => !keys.has(key)), [], 'stale French entries');
  });

  it('keeps the placeholders of each string in its translation', () => {
    const bundle = readJson('l10n/bundle.l10n.fr.json') as Record<string, string>;
    const placeholders = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
    const broken = Object.entries(bundle).filter(([en, fr]) => placeholders(en).join() !== placeholders(fr).join());
    assert.deepEqual(broken, []);
  });

  it('gives every %key% of package.json an English and a French text', () => {
    const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const used = new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
    const en = readJson('package.nls.json');
    const fr = readJson('package.nls.fr.json');
    assert.ok(used.size > 20);
    assert.deepEqual([...used].filter((key) => !(key in en)), [], 'missing in package.nls.json');
    assert.deepEqual([...used].filter((key) => !(key in fr)), [], 'missing in package.nls.fr.json');
    assert.deepEqual(Object.keys(en).filter((key) => !(key in fr)), [], 'English texts without French');
  });

  it('has the French command titles of the contract', () => {
    const fr = readJson('package.nls.fr.json');
    for (const key of ['command.setToken', 'command.sendSms', 'command.openComposer', 'command.startSandbox']) {
      assert.equal(typeof fr[key], 'string', key);
      assert.notEqual(fr[key], readJson('package.nls.json')[key], `${key} is not translated`);
    }
  });

  it('says "accusé de réception" for a delivery report, everywhere (one term, never "de remise" or "de livraison")', () => {
    const texts = [
      ...Object.values(readJson('package.nls.fr.json')),
      ...Object.values(readJson('l10n/bundle.l10n.fr.json')),
    ].filter((text): text is string => typeof text === 'string');
    assert.ok(texts.some((text) => /accusés? de réception/.test(text)));
    assert.deepEqual(texts.filter((text) => /accusés? de (remise|livraison)/i.test(text)), []);
  });

  it('tells the two "again" actions apart in French menus: resending the SMS (costs credit) and pushing the report', () => {
    const fr = readJson('package.nls.fr.json');
    const bundle = readJson('l10n/bundle.l10n.fr.json');
    assert.equal(fr['command.message.resend'], 'Renvoyer le SMS…');
    assert.equal(bundle['Send Again…'], 'Renvoyer le SMS…');
    assert.equal(fr['command.message.pushReportAgain'], 'Pousser de nouveau l’accusé');
    assert.equal(bundle['Push Delivery Report Again'], 'Pousser de nouveau l’accusé');
  });
});
