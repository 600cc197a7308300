import { createRoute, z } from '@hono/zod-openapi';
import { activationsOf, certificationsOf, getCertification } from '../../../db/repositories/certifications.js';
import { IdParam } from '../../../openapi/common.js';
import {
  CertificationParams,
  CertificationReportSchema,
  CertificationSummarySchema,
  PartnerActivationSchema,
} from '../../../openapi/certifications.js';
import { certificationPage } from '../../../partners/certification/report-page.js';
import { reportOf } from '../../../partners/certification/run.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import type { AppEnv } from '../../context.js';
import { ApiError, errorResponses, notFoundResponse } from '../../errors.js';
import { visiblePartner } from '../partners/lookup.js';
import type { Context } from 'hono';

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/partners/{id}/certifications',
  tags: ['Certification'],
  summary: "A partner's certification runs, newest first (the 50 newest)",
  ...access('admin', 'partner'),
  request: { params: IdParam('Partner', 'ptn_3k2VQn7m1cZx') },
  responses: {
    200: { description: 'The runs', content: { 'application/json': { schema: z.array(CertificationSummarySchema) } } },
    ...errorResponses,
    ...notFoundResponse,
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/api/v1/partners/{id}/certifications/{certificationId}',
  tags: ['Certification'],
  summary: "One run's report",
  ...access('admin', 'partner'),
  request: { params: CertificationParams },
  responses: {
    200: { description: 'The report', content: { 'application/json': { schema: CertificationReportSchema } } },
    ...errorResponses,
    ...notFoundResponse,
  },
});

const pageRoute = createRoute({
  method: 'get',
  path: '/api/v1/partners/{id}/certifications/{certificationId}/page',
  tags: ['Certification'],
  summary: "One run's report as a page a carrier can read (HTML)",
  ...access('admin', 'partner'),
  request: { params: CertificationParams },
  responses: {
    200: { description: 'The report page', content: { 'text/html': { schema: z.string() } } },
    ...errorResponses,
    ...notFoundResponse,
  },
});

const activationsRoute = createRoute({
  method: 'get',
  path: '/api/v1/partners/{id}/activations',
  tags: ['Certification'],
  summary: 'Every time the partner was made active for live orders, and on what ground, newest first',
  ...access('admin'),
  request: { params: IdParam('Partner', 'ptn_3k2VQn7m1cZx') },
  responses: {
    200: {
      description: 'The activations',
      content: { 'application/json': { schema: z.array(PartnerActivationSchema) } },
    },
    ...errorResponses,
    ...notFoundResponse,
  },
});

async function visibleReport(c: Context<AppEnv>, params: { id: string; certificationId: string }) {
  const partner = await visiblePartner(c.get('deps'), c.get('caller'), params.id);
  const row = await getCertification(c.get('deps').db, partner.id, params.certificationId);
  if (!row) throw new ApiError('not_found', `No certification run ${params.certificationId} of partner ${params.id}`);
  return reportOf(row);
}

export function registerCertificationReads(app: App) {
  app.openapi(listRoute, async (c) => {
    const partner = await visiblePartner(c.get('deps'), c.get('caller'), c.req.valid('param').id);
    const rows = await certificationsOf(c.get('deps').db, partner.id);
    return c.json(
      rows.map((row) => {
        const { checks: _checks, ...summary } = reportOf(row);
        return summary;
      }),
      200,
    );
  });
  app.openapi(getRoute, async (c) => c.json(await visibleReport(c, c.req.valid('param')), 200));
  app.openapi(pageRoute, async (c) => c.html(certificationPage(await visibleReport(c, c.req.valid('param'))), 200));
  app.openapi(activationsRoute, async (c) => {
    const partner = await visiblePartner(c.get('deps'), c.get('caller'), c.req.valid('param').id);
    return c.json(await activationsOf(c.get('deps').db, partner.id), 200);
  });
}
