import { bundleWorkflowCode } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { workflowsPath } from '../workers/worker.js';

describe('workflow code', () => {
  it('bundles for the Temporal sandbox (a Node or I/O import inside workflows fails here)', async () => {
    const bundle = await bundleWorkflowCode({
      workflowsPath,
      logger: {
        log: () => {},
        info: () => {},
        warn: () => {},
        error: () => {},
        debug: () => {},
        trace: () => {},
      } as never,
    });
    expect(bundle.code).toContain('tailOrderWorkflow');
    // Every module in the bundle is instantiated once per cached workflow: keep the schemas and data out.
    const packages = new Set([...bundle.code.matchAll(/node_modules\/((?:@[^/"]+\/)?[^/"]+)\//g)].map((m) => m[1]));
    for (const heavy of ['zod', 'date-holidays', 'yaml', 'luxon', 'pino']) expect(packages).not.toContain(heavy);
  }, 120_000);
});
