import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { workflowsPath } from '../workers/worker.js';
import { historiesDir } from './support/histories.js';

const fixtures = fs.readdirSync(historiesDir).filter((f) => f.endsWith('.json'));

describe('recorded workflow histories replay against the current workflow code', () => {
  it('has fixtures to replay', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  it.each(fixtures)(
    '%s replays deterministically',
    async (file) => {
      const history = JSON.parse(fs.readFileSync(path.join(historiesDir, file), 'utf8'));
      await expect(Worker.runReplayHistory({ workflowsPath }, history, file)).resolves.toBeUndefined();
    },
    120_000,
  );
});
