import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { resolveTemporalBinaries } from '../../workers/temporal-binaries.js';

export const historiesDir = path.join(import.meta.dirname, '..', 'fixtures', 'workflow-histories');

/**
 * With RECORD_WORKFLOW_HISTORIES=1, saves a finished workflow's history (as the Temporal CLI exports it) as a replay
 * fixture. Re-record only after a deliberate, versioned workflow change; test/workflow-replay.test.ts replays every
 * fixture against the current workflow code, so a non-deterministic change fails CI.
 */
export function recordHistoryIfAsked(name: string, workflowId: string, address: string): void {
  if (process.env.RECORD_WORKFLOW_HISTORIES !== '1') return;
  const { cli } = resolveTemporalBinaries({ cliPath: process.env.TEMPORAL_CLI_PATH, pathVar: process.env.PATH });
  if (!cli) throw new Error('no Temporal CLI to export the history with');
  const json = execFileSync(cli, [
    'workflow',
    'show',
    '--workflow-id',
    workflowId,
    '--address',
    address,
    '--output',
    'json',
  ]);
  fs.mkdirSync(historiesDir, { recursive: true });
  fs.writeFileSync(path.join(historiesDir, `${name}.json`), json);
}
