import { createRoute } from '@hono/zod-openapi';
import { newId } from '../../../db/ids.js';
import {
  Tmf673ValidationCreateSchema,
  Tmf673ValidationSchema,
  type Tmf673Validation,
} from '../../../openapi/tmf673.js';
import { validateAddress } from '../../../partners/directory/address.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { errorResponses } from '../../errors.js';
import { addressFromTmf, validTmfAddress } from './map.js';

const route = createRoute({
  method: 'post',
  path: '/tmf-api/geographicAddressManagement/v4/geographicAddressValidation',
  tags: ['TMF673 Geographic Address'],
  summary: 'Validate and normalise an address (TMF673 v4 GeographicAddressValidation)',
  description:
    "Checks the postcode with the country's rules (UK: `postcode`; US ZIP / ZIP+4: `postcode-validator`) and answers " +
    'synchronously with state `done`. An unusable address is a `fail` result, not an error; only a malformed payload ' +
    'is a 422. Validations are not stored, so the answer carries an id but no href.',
  ...access('admin', 'desk'),
  request: { body: { required: true, content: { 'application/json': { schema: Tmf673ValidationCreateSchema } } } },
  responses: {
    201: { description: 'The validation result', content: { 'application/json': { schema: Tmf673ValidationSchema } } },
    ...errorResponses,
  },
});

export const registerCreateAddressValidation = (app: App) =>
  app.openapi(route, (c) => {
    const body = c.req.valid('json');
    const submitted = body.submittedGeographicAddress;
    const validation = validateAddress(addressFromTmf(submitted));
    const valid = validTmfAddress(submitted, validation);
    const answer: Tmf673Validation = {
      id: newId('gav'),
      provideAlternative: body.provideAlternative,
      validationDate: c.get('deps').now().toISOString(),
      validationResult: validation.result,
      state: 'done',
      submittedGeographicAddress: submitted,
      ...(valid ? { validGeographicAddress: valid } : {}),
      // We hold no address register to propose alternatives from; an empty list says so explicitly.
      ...(body.provideAlternative && validation.result !== 'success' ? { alternateGeographicAddress: [] } : {}),
      '@type': 'GeographicAddressValidation',
    };
    return c.json(answer, 201);
  });
