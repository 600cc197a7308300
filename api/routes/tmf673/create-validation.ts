import { createRoute } from '@hono/zod-openapi';
import { newId } from '../../../db/ids.js';
import { Tmf673ValidationCreateSchema, Tmf673ValidationSchema } from '../../../openapi/tmf673.js';
import { validateAddress } from '../../../partners/directory/address.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { tmfBodyResponses, tmfErrorResponses } from '../../tmf-errors.js';
import { addressFromTmf, addressValidationAnswer } from '../../../partners/adapters/tmf673/address.js';

const route = createRoute({
  method: 'post',
  path: '/tmf-api/geographicAddressManagement/v4/geographicAddressValidation',
  tags: ['TMF673 Geographic Address'],
  summary: 'Validate and normalise an address (TMF673 v4 GeographicAddressValidation)',
  description:
    "Checks the postcode with the country's rules (UK: `postcode`; US ZIP / ZIP+4: `postcode-validator`) and answers " +
    'synchronously with state `done`. An unusable address is a `fail` result, not an error; only a malformed payload ' +
    'is an error (400, TMF630). Validations are not stored, so the answer carries an id but no href.',
  ...access('admin', 'desk'),
  request: { body: { required: true, content: { 'application/json': { schema: Tmf673ValidationCreateSchema } } } },
  responses: {
    201: { description: 'The validation result', content: { 'application/json': { schema: Tmf673ValidationSchema } } },
    ...tmfErrorResponses,
    ...tmfBodyResponses,
  },
});

export const registerCreateAddressValidation = (app: App) =>
  app.openapi(route, (c) => {
    const body = c.req.valid('json');
    const validation = validateAddress(addressFromTmf(body.submittedGeographicAddress));
    return c.json(addressValidationAnswer(body, validation, { id: newId('gav'), at: c.get('deps').now() }), 201);
  });
