#!/usr/bin/env node
// keccel-sim: runs the Keccel-compatible simulator from the built bundle (npm run build makes dist/simulator.js).
const path = require('node:path');
const fs = require('node:fs');

const bundle = path.join(__dirname, '..', 'dist', 'simulator.js');
if (!fs.existsSync(bundle)) {
  console.error(`keccel-sim: ${bundle} is missing. Run \`npm run build\` first.`);
  process.exit(1);
}
require(bundle).main(process.argv.slice(2));
