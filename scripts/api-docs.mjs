#!/usr/bin/env node
// `npm run docs:api`: rewrites the generated code blocks of docs/api.md and docs/copy-as-code.md (those under a
// `<!-- snippet: ... -->` marker) from the "Copy as Code" generators, so the pages show exactly what the tests run.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { GENERATED_DOCS, readDocs, renderDocs } = require('../out/test/unit/support/apiDocs.js');

for (const file of GENERATED_DOCS) {
  const before = readDocs(file);
  const after = renderDocs(before);
  const name = path.basename(file);
  if (after === before) {
    console.log(`${name}: the snippets are up to date`);
  } else {
    fs.writeFileSync(file, after);
    console.log(`${name}: snippets rewritten`);
  }
}
