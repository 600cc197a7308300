import { createRoute } from '@hono/zod-openapi';
import { IdParam } from '../../../openapi/common.js';
import { CertificationReportSchema } from '../../../openapi/certifications.js';
import { hasCarrierApi } from '../../../partners/certification/fingerprint.js';
import {
  certifyPartner,
  defaultCertificationSettings,
  type CertificationDeps,
} from '../../../partners/certification/run.js';
import type { Deps } from '../../context.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError, conflictResponse, errorResponses, notFoundResponse } from '../../errors.js';
import { visiblePartner } from '../partners/lookup.js';

/** What a certification run needs from the running platform (the API's run and the dashboard's). */
export const certificationDepsOf = (deps: Deps): CertificationDeps => ({
  db: deps.db,
  now: deps.now,
  outbound: deps.outbound,
  partnerSecrets: deps.partnerSecrets ?? new Map(),
  settings: deps.certification ?? defaultCertificationSettings,
});

const route = createRoute({
  method: 'post',
  path: '/api/v1/partners/{id}/certifications',
  tags: ['Certification'],
  summary: "Run the certification suite against the partner's API (its sandbox) and store the report",
  description:
    'For each API family the partner has (TMF622 ordering, TMF621 trouble tickets, v4 or v5): hub subscribe, ' +
    "create with Tailgate's smallest and fullest requests, read, list with an attribute filter and with `fields=`, " +
    'an unknown id (404), a create missing a mandatory field (400 or 422), notifications received, cancel, hub ' +
    'unsubscribe. Every payload both ways is checked against the official TM Forum file. Answers when the run ends ' +
    '(it waits up to CERTIFICATION_NOTIFICATION_WAIT_SECONDS for notifications). A run that passes lets the partner ' +
    'be activated with these adapter settings. The MEF LSO Sonata families are not built.',
  ...access('admin'),
  request: { params: IdParam('Partner', 'ptn_3k2VQn7m1cZx') },
  responses: {
    201: { description: 'The report', content: { 'application/json': { schema: CertificationReportSchema } } },
    ...errorResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});

export const registerRunCertification = (app: App) =>
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const partner = await visiblePartner(deps, c.get('caller'), c.req.valid('param').id);
    if (!hasCarrierApi(partner))
      throw new ApiError('conflict', 'This partner has no API of its own to certify: it pulls from our TMF servers');
    const report = await certifyPartner(certificationDepsOf(deps), partner, c.get('caller').keyId);
    return c.json(report, 201, { location: `/api/v1/partners/${partner.id}/certifications/${report.id}` });
  });
