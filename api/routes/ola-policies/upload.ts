import { createRoute } from '@hono/zod-openapi';
import { insertPolicyVersion, latestPolicyVersion } from '../../../db/repositories/ola-policies.js';
import { isUniqueViolation } from '../../../db/execute.js';
import { IdParam } from '../../../openapi/common.js';
import { OlaPolicyJsonBody, OlaPolicyVersionSchema, OlaPolicyYamlBody } from '../../../openapi/ola-policies.js';
import { ProblemSchema } from '../../../openapi/problem.js';
import { readPolicyUpload, type PolicyUploadFormat } from '../../../partners/policies/policy-upload.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError, bodyResponses, conflictResponse, errorResponses, notFoundResponse } from '../../errors.js';
import { isJsonMediaType } from '../../media-types.js';
import { visiblePartner } from '../partners/lookup.js';
import { policyProblem, toOlaPolicyVersion } from './present.js';
import { linksById } from '../../links.js';

const route = createRoute({
  method: 'post',
  path: '/api/v1/partners/{id}/ola-policies',
  tags: ['OLA policies'],
  summary: "Add a version of a partner's OLA policy (YAML or JSON)",
  description:
    "Validates the document and stores it as the partner's next version. Orders and tickets placed from its " +
    '`effectiveFrom` on are measured under it; earlier ones keep the version they were placed under. ' +
    'An invalid document answers 422 with one `errors[]` entry per problem, each naming its field and YAML line.',
  ...access('admin'),
  request: {
    params: IdParam('Partner', 'ptn_3k2VQn7m1cZx'),
    body: {
      required: true,
      content: {
        'application/yaml': { schema: OlaPolicyYamlBody },
        'text/yaml': { schema: OlaPolicyYamlBody },
        'application/json': { schema: OlaPolicyJsonBody },
      },
    },
  },
  responses: {
    201: {
      description: 'Stored as the next version',
      content: { 'application/json': { schema: OlaPolicyVersionSchema } },
      links: linksById(
        { GetOlaPolicyVersion: ['get', '/api/v1/partners/{id}/ola-policies/{version}'] },
        { id: '$request.path.id', version: '$response.body#/version' },
      ),
    },
    ...errorResponses,
    ...bodyResponses,
    ...notFoundResponse,
    ...conflictResponse,
    413: {
      description: 'The document is larger than 1 MiB',
      content: { 'application/problem+json': { schema: ProblemSchema } },
    },
  },
});

const formatOf = (contentType: string | undefined): PolicyUploadFormat =>
  isJsonMediaType(contentType) ? 'json' : 'yaml';

export const registerUploadOlaPolicy = (app: App) =>
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const caller = c.get('caller');
    const partner = await visiblePartner(deps, caller, c.req.valid('param').id);
    // Capped at 1 MiB before it was read (api/body-limits.ts). JSON bodies were parsed by the validator; text()
    // gives them back re-serialised, which parsePolicy reads the same.
    const text = await c.req.text();
    // No await from here on: reading the latest version and inserting the next cannot interleave with another upload.
    const previous = await latestPolicyVersion(deps.db, partner.id);
    let stored;
    try {
      const document = readPolicyUpload(text, formatOf(c.req.header('content-type')), previous);
      stored = await insertPolicyVersion(deps.db, {
        partnerId: partner.id,
        document,
        source: text,
        createdBy: caller.keyId,
        now: deps.now(),
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw new ApiError('conflict', 'Another version was stored at the same moment; send the document again');
      throw policyProblem(err);
    }
    deps.log.info({ partnerId: partner.id, version: stored.version, policyId: stored.id }, 'OLA policy version stored');
    return c.json(toOlaPolicyVersion(stored), 201, {
      location: `/api/v1/partners/${partner.id}/ola-policies/${stored.version}`,
    });
  });
