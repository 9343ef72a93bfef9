#!/usr/bin/env node
// The installed `trustbridge` command: the bundled CLI (built by `npm run build`).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'dist', 'cli', 'trustbridge.cjs');
if (!existsSync(bundle)) {
  console.error('trustbridge: the command line is not built yet. Run `npm run build` in the TrustBridge folder first.');
  process.exit(1);
}
require(bundle);
