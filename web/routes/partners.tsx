import type { Hono } from 'hono';
import type { AppEnv } from '../../api/context.js';
import { activationsOf, getCertification, newestCertifications } from '../../db/repositories/certifications.js';
import { getPartner, listPartners } from '../../db/repositories/partners.js';
import { hasCarrierApi } from '../../partners/certification/fingerprint.js';
import { reportOf } from '../../partners/certification/run.js';
import { CertificationChecks, RunLink } from '../components/certification-views.js';
import { instantText } from '../format.js';
import { Layout } from '../layout.js';
import { render } from '../render.js';
import { guard, notFound } from './guard.js';

const apiText = (adapter: { orderingApi: string; troubleTicketApi: string }) =>
  adapter.orderingApi === 'none' && adapter.troubleTicketApi === 'none'
    ? 'pulls from our TMF servers'
    : [adapter.orderingApi, adapter.troubleTicketApi].filter((a) => a !== 'none').join(', ');

/**
 * The admin's partners: each carrier's API, status and newest certification run, with forms to run the certification
 * against its sandbox and to activate it (refused, saying why, without a passing run unless overridden with a
 * reason). The same use cases as POST /api/v1/partners/{id}/certifications and PATCH /api/v1/partners/{id}.
 */
export function registerPartners(web: Hono<AppEnv>): void {
  web.get('/partners', guard('partners'), async (c) => {
    const { db } = c.get('deps');
    const partners = await listPartners(db, { limit: 500 });
    const newest = new Map((await newestCertifications(db)).map((row) => [row.partnerId, reportOf(row)]));
    return render(
      c,
      <Layout title="Partners" caller={c.get('caller')} current="partners">
        <p>
          <a href="/onboard-carrier">Onboard a carrier</a>
        </p>
        <table>
          <thead>
            <tr>
              <th scope="col">Partner</th>
              <th scope="col">API</th>
              <th scope="col">Status</th>
              <th scope="col">Newest certification</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {partners.map((p) => (
              <tr>
                <td>{p.name}</td>
                <td>{apiText(p.adapter)}</td>
                <td>{p.status}</td>
                <td>
                  {hasCarrierApi(p) ? <RunLink partnerId={p.id} report={newest.get(p.id)} /> : 'nothing to certify'}
                </td>
                <td>
                  {hasCarrierApi(p) && (
                    <form method="post" action={`/partners/${p.id}/certify`} class="action">
                      <button type="submit">{`Certify ${p.name}`}</button>
                    </form>
                  )}
                  {p.status !== 'active' && (
                    <form method="post" action={`/partners/${p.id}/activate`} class="action">
                      <label for={`override-${p.id}`}>Override reason (only without a passing run)</label>
                      <input id={`override-${p.id}`} name="overrideReason" maxlength={1000} />
                      <button type="submit">{`Activate ${p.name}`}</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>,
    );
  });

  web.get('/partners/:id/certifications/:runId', guard('partners'), async (c) => {
    const { db } = c.get('deps');
    const partner = await getPartner(db, c.req.param('id'));
    const row = partner && (await getCertification(db, partner.id, c.req.param('runId')));
    if (!partner || !row) return notFound(c, 'certification run');
    const report = reportOf(row);
    const activations = await activationsOf(db, partner.id);
    return render(
      c,
      <Layout title={`Certification of ${partner.name}: ${report.outcome}`} caller={c.get('caller')} current="partners">
        <p>
          {`Run ${report.id} against ${report.adapter.baseUrl ?? ''} (${apiText(report.adapter)}), ` +
            `${instantText(report.startedAt)} to ${instantText(report.finishedAt)}. `}
          <a href={`/api/v1/partners/${partner.id}/certifications/${report.id}/page`}>The carrier's page</a>
          {' (for its API key)'}
        </p>
        <CertificationChecks report={report} />
        <h2>Activations</h2>
        {activations.length === 0 ? (
          <p>Never activated.</p>
        ) : (
          <ul>
            {activations.map((a) => (
              <li>{`${instantText(a.activatedAt)}: ${a.ground}${a.overrideReason ? ` (${a.overrideReason})` : ''}`}</li>
            ))}
          </ul>
        )}
        <p>
          <a href="/partners">All partners</a>
        </p>
      </Layout>,
    );
  });
}
