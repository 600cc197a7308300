// Workflow code for the clocks benchmark's baseline: bundled on its own, imports only @temporalio/workflow.
import { sleep } from '@temporalio/workflow';

/**
 * Sleeps to each instant (epoch ms) in turn, as watchClocks does between OLA thresholds, and returns how late the
 * workflow woke for each one: workflow time at the wake-up minus the instant (what sla_facts.detectedAt - at is).
 */
export async function bareTimerWorkflow(instants: number[]): Promise<number[]> {
  const lateness: number[] = [];
  for (const at of instants) {
    await sleep(Math.max(1, at - Date.now()));
    lateness.push(Date.now() - at);
  }
  return lateness;
}
