import { bundleWorkflowCode } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { workflowsPath } from '../workers/worker.js';

describe('workflow code', () => {
  it('bundles for the Temporal sandbox (a Node or I/O import inside workflows fails here)', async () => {
    const bundle = await bundleWorkflowCode({ workflowsPath, logger: { log: () => {}, info: () => {}, warn: () => {}, error: () => {}, debug: () => {}, trace: () => {} } as never });
    expect(bundle.code).toContain('tailOrderWorkflow');
  }, 120_000);
});
