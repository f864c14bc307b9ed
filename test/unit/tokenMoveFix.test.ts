// "Move the Token to .env" as the core computes it: the edited source still compiles in its own language (Python's
// `import os` goes after the module docstring and the `from __future__` imports, which must stay first), and the
// .env entry never takes another account's token away.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyEdits, type SourceEdit } from '../../src/core/texts/rewrite';
import { planEnvEntry } from '../../src/core/texts/envFile';
import { environmentRead, findTokensInCode, importInsertion } from '../../src/core/texts/tokenInFile';
import { interpreterFor } from './support/snippetRunner';

const TOKEN = 'tok_4f8a9c2e7b1d';

/** The source after the quick fix: the literal replaced by the environment read, `import os` added if needed. */
function moved(src: string): string {
  const [hit] = findTokensInCode(src, 'python', [TOKEN]);
  assert.ok(hit?.literal, 'the token literal is found');
  const edits: SourceEdit[] = [{ start: hit.literal.start, end: hit.literal.end, text: environmentRead('python', 'app.py')! }];
  const insertion = importInsertion('python', src);
  if (insertion) edits.push({ start: insertion.offset, end: insertion.offset, text: insertion.text });
  return applyEdits(src, edits);
}

function compiles(src: string): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keccel-token-'));
  const file = path.join(dir, 'app.py');
  fs.writeFileSync(file, src);
  try {
    const result = spawnSync(interpreterFor('python'), ['-m', 'py_compile', file], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(result.status, 0, `py_compile failed:\n${result.stderr}\n--- file ---\n${src}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('Move the Token to .env: the edited Python file still compiles', () => {
  const cases: Array<[string, string]> = [
    ['a plain file', `import requests\nTOKEN = '${TOKEN}'\n`],
    ['a module docstring', `"""Sends our SMS through Keccel."""\nTOKEN = '${TOKEN}'\n`],
    ['a docstring and from __future__ imports', `#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n"""Sends our SMS.\n\nThrough Keccel.\n"""\n\nfrom __future__ import annotations\nfrom __future__ import (\n    division,\n)\nimport requests\n\nTOKEN = '${TOKEN}'\n`],
    ['from __future__ without a docstring, no final newline', `from __future__ import annotations\nTOKEN = '${TOKEN}'`],
    ['only a comment before the code', `# Keccel client\nTOKEN = "${TOKEN}"\n`],
  ];
  for (const [label, src] of cases) {
    it(label, () => {
      const out = moved(src);
      compiles(out);
      assert.match(out, /^import os$/m);
      assert.match(out, /TOKEN = os\.environ\["KECCEL_TOKEN"\]/);
      assert.ok(!out.includes(TOKEN));
    });
  }

  it('keeps a shebang and an encoding line first, and adds nothing when os is imported', () => {
    const out = moved(`#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nTOKEN = '${TOKEN}'\n`);
    assert.ok(out.startsWith('#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n'), out);
    assert.equal(importInsertion('python', `import os\nTOKEN = '${TOKEN}'\n`), undefined);
    assert.equal(importInsertion('python', `import sys, os\n`), undefined);
    assert.ok(importInsertion('python', `from os import environ\n`), 'os.environ needs the module itself');
    assert.equal(importInsertion('js', `const t = '${TOKEN}';\n`), undefined);
  });
});

describe('Move the Token to .env: one variable per account, never another account\'s token overwritten', () => {
  const A = 'tok_account_a_11111';
  const B = 'tok_account_b_22222';

  it('names the variable KECCEL_TOKEN when .env has none, keeping every other line', () => {
    assert.deepEqual(planEnvEntry('', A, 'Acme'), { name: 'KECCEL_TOKEN', envFile: `KECCEL_TOKEN=${A}\n`, written: true });
    assert.deepEqual(planEnvEntry('APP_ENV=local', A, 'Acme'), { name: 'KECCEL_TOKEN', envFile: `APP_ENV=local\nKECCEL_TOKEN=${A}\n`, written: true });
  });

  it('reuses the variable that already holds this token, in any of the usual .env spellings', () => {
    for (const line of [`KECCEL_TOKEN=${A}`, `KECCEL_TOKEN="${A}"`, `export KECCEL_TOKEN='${A}'`, `KECCEL_TOKEN = ${A} # live`]) {
      const env = `APP_ENV=local\n${line}\n`;
      assert.deepEqual(planEnvEntry(env, A, 'Acme'), { name: 'KECCEL_TOKEN', envFile: env, written: false }, line);
    }
    const env = `KECCEL_TOKEN=${A}\nKECCEL_TOKEN_RDC_SHOP=${B}\n`;
    assert.deepEqual(planEnvEntry(env, B, 'RDC Shop'), { name: 'KECCEL_TOKEN_RDC_SHOP', envFile: env, written: false });
  });

  it("gives a second account's token its own variable, named after the account, when KECCEL_TOKEN holds another", () => {
    const env = `KECCEL_TOKEN=${A}\n`;
    const plan = planEnvEntry(env, B, 'Boutique Élégance (prod)');
    assert.equal(plan.name, 'KECCEL_TOKEN_BOUTIQUE_ELEGANCE_PROD');
    assert.equal(plan.envFile, `KECCEL_TOKEN=${A}\nKECCEL_TOKEN_BOUTIQUE_ELEGANCE_PROD=${B}\n`);
    assert.match(plan.envFile, new RegExp(`^KECCEL_TOKEN=${A}$`, 'm'), "A's token is still there");
  });

  it('never overwrites a variable that holds a different value: a numbered name instead', () => {
    const env = `KECCEL_TOKEN=${A}\nKECCEL_TOKEN_SHOP=old-value-123\n`;
    const plan = planEnvEntry(env, B, 'Shop');
    assert.equal(plan.name, 'KECCEL_TOKEN_SHOP_2');
    assert.ok(plan.envFile.startsWith(env));
    assert.equal(planEnvEntry(`KECCEL_TOKEN=${A}\n`, B, '日本').name, 'KECCEL_TOKEN_2', 'a name with no Latin letter');
    assert.deepEqual(planEnvEntry('KECCEL_TOKEN=\n', B, 'Shop'), { name: 'KECCEL_TOKEN', envFile: `KECCEL_TOKEN=${B}\n`, written: true },
      'an empty value (a template copied to .env) is filled: nothing is lost');
  });

  it('quotes a token that a space, # or $ would cut or expand, and still recognises it', () => {
    const odd = 'tok#with $pace';
    const plan = planEnvEntry('', odd, 'Acme');
    assert.equal(plan.envFile, `KECCEL_TOKEN='${odd}'\n`);
    assert.deepEqual(planEnvEntry(plan.envFile, odd, 'Acme'), { name: 'KECCEL_TOKEN', envFile: plan.envFile, written: false });
  });

  it('the environment read names the chosen variable', () => {
    assert.equal(environmentRead('js', 'a.js', 'KECCEL_TOKEN_SHOP'), 'process.env.KECCEL_TOKEN_SHOP');
    assert.equal(environmentRead('php', 'config/services.php', 'KECCEL_TOKEN_SHOP'), "env('KECCEL_TOKEN_SHOP')");
    assert.equal(environmentRead('python', 'a.py', 'KECCEL_TOKEN_SHOP'), 'os.environ["KECCEL_TOKEN_SHOP"]');
    assert.equal(environmentRead('kotlin', 'A.kt', 'KECCEL_TOKEN_SHOP'), 'System.getenv("KECCEL_TOKEN_SHOP")');
  });
});
