import { newId } from '../../db/ids.js';
import { checkServed, checkTmf673, checkTmf679, type OwnCaller, type OwnSite } from './own-checks.js';
import { checkRecorder, type CheckResult } from './suite.js';

/** Where Tailgate runs, and who the run calls it as. */
export type OwnEndpointsTarget = {
  /** Tailgate's base URL, e.g. `https://tailgate.example` (the TMF APIs are under `/tmf-api`). */
  baseUrl: string;
  /** An admin or desk key: TMF679 and TMF673 serve the provider's own systems. */
  deskKey: string;
  /**
   * The key of a carrier without an API, which pulls its orders and tickets from our TMF622 and TMF621 servers (it
   * needs at least one of each); without it those two are not checked, and the run cannot pass.
   */
  partnerKey?: string | undefined;
  /** The site and product the TMF679 and TMF673 checks ask about. */
  site: OwnSite;
  fetch?: OwnCaller['fetch'];
  timeoutMs?: number;
};

export type OwnEndpointsReport = {
  id: string;
  baseUrl: string;
  outcome: 'passed' | 'failed';
  startedAt: string;
  finishedAt: string;
  summary: { passed: number; failed: number; skipped: number };
  checks: CheckResult[];
};

/**
 * Runs the certification suite against Tailgate's own TMF server side, as a carrier's engineer or a provider's
 * system would call it: TMF679 and TMF673 with the desk key, TMF622 and TMF621 with the carrier's key. It passes when
 * every check passed (a skipped one is not a pass). Each run stores two TMF679 qualifications and one of two items;
 * nothing else changes.
 */
export async function certifyOwnEndpoints(
  target: OwnEndpointsTarget,
  now = () => new Date(),
): Promise<OwnEndpointsReport> {
  const id = newId('cert');
  const startedAt = now().toISOString();
  const rec = checkRecorder();
  const run = { rec, baseUrl: target.baseUrl, runId: id };
  const caller = (key: string): OwnCaller => ({
    fetch: target.fetch ?? (fetch as OwnCaller['fetch']),
    timeoutMs: target.timeoutMs ?? 10_000,
    auth: { name: 'authorization', value: `Bearer ${key}` },
  });
  const desk = caller(target.deskKey);
  await checkTmf679(run, desk, target.site);
  await checkTmf673(run, desk, target.site);
  if (target.partnerKey) {
    await checkServed(run, caller(target.partnerKey), 'tmf622');
    await checkServed(run, caller(target.partnerKey), 'tmf621');
  } else {
    for (const api of ['tmf622', 'tmf621'])
      rec.skip(`${api}.list`, `The ${api.toUpperCase()} server`, 'no key of a carrier without an API was given');
  }
  const count = (outcome: CheckResult['outcome']) => rec.results.filter((r) => r.outcome === outcome).length;
  const summary = { passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
  return {
    id,
    baseUrl: target.baseUrl,
    outcome: summary.failed === 0 && summary.skipped === 0 ? 'passed' : 'failed',
    startedAt,
    finishedAt: now().toISOString(),
    summary,
    checks: rec.results,
  };
}
