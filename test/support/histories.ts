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

type HistoryEvent = {
  activityTaskScheduledEventAttributes?: { activityType?: { name?: string | null } | null } | null;
  markerRecordedEventAttributes?: {
    markerName?: string | null;
    details?: Record<string, { payloads?: { data?: Uint8Array | null }[] | null }> | null;
  } | null;
};

/** The step an event runs: an activity it schedules, or a local activity whose result it records (null otherwise). */
export function stepOf(event: HistoryEvent): string | null {
  const scheduled = event.activityTaskScheduledEventAttributes?.activityType?.name;
  if (scheduled) return scheduled;
  const marker = event.markerRecordedEventAttributes;
  const data = marker?.markerName === 'core_local_activity' ? marker.details?.data?.payloads?.[0]?.data : null;
  return data ? (JSON.parse(Buffer.from(data).toString('utf8')) as { activity_type: string }).activity_type : null;
}
