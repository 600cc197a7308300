import { createRoute } from '@hono/zod-openapi';
import { OnboardingOutcomeSchema, OnboardingRequestSchema } from '../../../openapi/onboarding.js';
import { onboardCarrier } from '../../../partners/certification/onboarding.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { bodyResponses, errorResponses } from '../../errors.js';
import { partnerUrls, refuseForbiddenUrls } from '../outbound-urls.js';
import { certificationDepsOf } from './run.js';

const route = createRoute({
  method: 'post',
  path: '/api/v1/partner-onboardings',
  tags: ['Certification'],
  summary: 'Onboard a carrier in one request: register, coverage, OLA policy, certification, activation',
  description:
    'Runs the steps of POST /api/v1/partners (as `onboarding`), POST …/coverage, POST …/ola-policies, POST ' +
    '…/certifications and the activation in order, and stops at the first that fails, leaving the partner ' +
    '`onboarding` to be fixed and continued step by step. Answers 201 once the partner is registered, with each ' +
    "step's outcome and time; `activated` says whether it ended active. The coverage file travels inside the JSON " +
    'body (1 MiB at most); a larger one goes to POST /api/v1/partners/{id}/coverage, which streams.',
  ...access('admin'),
  request: { body: { required: true, content: { 'application/json': { schema: OnboardingRequestSchema } } } },
  responses: {
    201: {
      description: 'The partner was registered; the steps say how far it went',
      content: { 'application/json': { schema: OnboardingOutcomeSchema } },
    },
    ...errorResponses,
    ...bodyResponses,
  },
});

export const registerOnboarding = (app: App) =>
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const input = c.req.valid('json');
    const urls = partnerUrls(input.partner).map((u) => ({ ...u, path: `partner.${u.path}` }));
    await refuseForbiddenUrls(deps, urls);
    const outcome = await onboardCarrier(
      certificationDepsOf(deps),
      {
        partner: input.partner,
        coverage: { csv: [input.coverageCsv], source: 'api:onboarding' },
        policy: { text: input.olaPolicy, format: input.olaPolicyFormat },
        activationOverride: input.activationOverride,
      },
      c.get('caller').keyId,
    );
    // Registering fails only when the store does (the body was validated): that is the server's fault.
    if (!outcome.partnerId) throw new Error(`onboarding could not register the partner: ${outcome.steps[0]?.detail}`);
    const body = { ...outcome, partnerId: outcome.partnerId, certificationId: outcome.certificationId ?? null };
    return c.json(body, 201, { location: `/api/v1/partners/${outcome.partnerId}` });
  });
