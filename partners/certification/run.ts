import type { Db } from '../../db/client.js';
import { insertCertification, type CertificationRow } from '../../db/repositories/certifications.js';
import { newId } from '../../db/ids.js';
import type { Partner } from '../../openapi/partners.js';
import { partnerAuth, type CarrierAuth } from '../adapters/credentials.js';
import { defaultCarrierTimeoutMs } from '../adapters/http.js';
import type { OutboundGuard } from '../adapters/outbound.js';
import { orderingFamily, ticketingFamily } from './families.js';
import { checkFamily } from './family-checks.js';
import { checkQualificationApi } from './qualification-checks.js';
import { checkSonataTicketing } from './sonata-ticket-checks.js';
import { checkSonataAddressValidation, checkSonataOrdering, checkSonataQualification } from './sonata-checks.js';
import { adapterFingerprint, hasCarrierApi } from './fingerprint.js';
import { startCertificationListener, type ListenerSettings } from './listener.js';
import { checkRecorder, type CheckResult } from './suite.js';

export type CertificationSettings = {
  /** Where the run's own notification listener listens, and the URL the carrier is given for it. */
  listener: ListenerSettings;
  /** How long a run waits for the carrier's first notification about what it created. */
  notificationWaitMs: number;
};

export const defaultCertificationSettings: CertificationSettings = {
  listener: { host: '127.0.0.1', port: 0 },
  notificationWaitMs: 30_000,
};

export type CertificationDeps = {
  db: Db;
  now: () => Date;
  outbound: OutboundGuard;
  partnerSecrets: ReadonlyMap<string, string>;
  settings: CertificationSettings;
};

/** The report of one run, as stored and as the API answers it. */
export type CertificationReport = {
  id: string;
  partnerId: string;
  partnerName: string;
  outcome: 'passed' | 'failed';
  adapter: { orderingApi: string; troubleTicketApi: string; baseUrl: string | null };
  adapterFingerprint: string;
  startedAt: string;
  finishedAt: string;
  runBy: string;
  summary: { passed: number; failed: number; skipped: number };
  checks: CheckResult[];
};

/**
 * Runs the certification suite against the partner's sandbox API: each API family it has (TMF622 ordering, TMF621
 * trouble tickets) through family-checks.ts, with a notification listener of the run's own, and its TMF679
 * qualification API through qualification-checks.ts. Stores the report (a run passes when every check passed: a
 * skipped check is not a pass) and answers it. What the run created at the
 * carrier (two orders, two tickets) is withdrawn by the run where the API allows it, and named `<run id>-min|full`.
 */
export async function certifyPartner(
  deps: CertificationDeps,
  partner: Partner,
  runBy: string,
): Promise<CertificationReport> {
  if (!hasCarrierApi(partner)) throw new Error(`partner ${partner.id} has no API of its own to certify`);
  const id = newId('cert');
  const startedAt = deps.now().toISOString();
  const rec = checkRecorder();
  let auth: CarrierAuth | undefined;
  const credentials = await rec.run('credentials', 'Credentials configured', async () => {
    auth = partnerAuth(partner, deps.partnerSecrets);
    return true;
  });
  if (credentials) {
    const listener = await startCertificationListener(deps.settings.listener);
    try {
      const run = {
        rec,
        http: { fetch: deps.outbound.fetch, timeoutMs: defaultCarrierTimeoutMs, auth },
        baseUrl: partner.adapter.baseUrl as string,
        listener,
        runId: id,
        notificationWaitMs: deps.settings.notificationWaitMs,
      };
      const sonataOrdering = partner.adapter.orderingApi === 'sonata-v10';
      if (sonataOrdering) await checkSonataOrdering(run, partner);
      const orders =
        partner.adapter.orderingApi === 'none' || sonataOrdering ? [] : await checkFamily(run, orderingFamily(partner));
      const affected = orders.at(-1)?.id ?? `${id}-order`;
      if (partner.adapter.troubleTicketApi === 'sonata-v4') await checkSonataTicketing(run, partner, affected);
      else if (partner.adapter.troubleTicketApi !== 'none') await checkFamily(run, ticketingFamily(partner, affected));
      if (partner.adapter.qualificationApi === 'tmf679-v4') await checkQualificationApi(run, partner);
      if (partner.adapter.qualificationApi === 'sonata-poq-v7') await checkSonataQualification(run, partner);
      if (partner.adapter.addressValidationApi === 'sonata-gav-v7') await checkSonataAddressValidation(run, partner);
    } finally {
      await listener.close();
    }
  }
  const count = (outcome: CheckResult['outcome']) => rec.results.filter((r) => r.outcome === outcome).length;
  const summary = { passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
  const report: CertificationReport = {
    id,
    partnerId: partner.id,
    partnerName: partner.name,
    outcome: summary.failed === 0 && summary.skipped === 0 ? 'passed' : 'failed',
    adapter: {
      orderingApi: partner.adapter.orderingApi,
      troubleTicketApi: partner.adapter.troubleTicketApi,
      baseUrl: partner.adapter.baseUrl ?? null,
    },
    adapterFingerprint: adapterFingerprint(partner),
    startedAt,
    finishedAt: deps.now().toISOString(),
    runBy,
    summary,
    checks: rec.results,
  };
  await insertCertification(deps.db, {
    id,
    partnerId: partner.id,
    adapterFingerprint: report.adapterFingerprint,
    outcome: report.outcome,
    report,
    runBy,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
  });
  return report;
}

/** A stored run's report. */
export const reportOf = (row: CertificationRow) => row.report as unknown as CertificationReport;
