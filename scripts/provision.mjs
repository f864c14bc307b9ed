#!/usr/bin/env node
// `npm run provision`: installs (once) what the integration tests, the end-to-end tests and `npm start` need:
// Debian's chromium and libkrb5-dev (as root), Node 24 and code-server from the npm registry, cached under
// ~/.cache/keccel-sms (or $KECCEL_CACHE_DIR). Safe to run again: finished steps are skipped.
import { provision } from './lib/provisioning.mjs';

provision().catch((error) => {
  console.error(`[provision] ${error.message}`);
  process.exit(1);
});
