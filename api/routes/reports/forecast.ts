import { createRoute } from '@hono/zod-openapi';
import { LeakageForecastSchema, MonthParam } from '../../../openapi/reports.js';
import { leakageForecast } from '../../../reports/leakage-forecast.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { errorResponses } from '../../errors.js';
import { financeZone } from './refusal.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/reports/penalties/{month}/forecast',
  tags: ['Reports'],
  summary:
    'Revenue leakage: what the month already owes per partner, beside the penalties expected from open orders and tickets',
  description:
    'Expected: each open order whose delivery clock falls due in the month, with its chance of delivery on time ' +
    "(its SLA view's deliveryRisk) and its clause's price for a delivery at the median of the later deliveries in " +
    'its history: (1 - P(on time)) x that price; and each priced clock of an open ticket falling due in the month, ' +
    "with its chance from the partner's ticket clocks of its metric (the share of their target they took) and its " +
    "clause's price for a restoration at the median late share. Partner caps are not applied to the expectation.",
  ...access('admin', 'finance'),
  request: { params: MonthParam },
  responses: {
    200: { description: 'The forecast', content: { 'application/json': { schema: LeakageForecastSchema } } },
    ...errorResponses,
  },
});

export const registerLeakageForecast = (app: App) =>
  app.openapi(route, async (c) => {
    const { month } = c.req.valid('param');
    const deps = c.get('deps');
    return c.json(await leakageForecast(deps.db, { month, timeZone: financeZone(deps), now: deps.now() }), 200);
  });
