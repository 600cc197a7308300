import { describe, expect, it } from 'vitest';
import { withNullableReferences } from './openapi-config.js';

describe('withNullableReferences', () => {
  it('serves a nullable reference as anyOf with null, keeping what sat beside it, and leaves other allOf alone', () => {
    const ref = { $ref: '#/components/schemas/OrderState' };
    const document = {
      properties: {
        state: { allOf: [ref, { type: ['string', 'null'], description: 'Where it stands' }] },
        both: { allOf: [ref, { $ref: '#/components/schemas/Other' }] },
      },
    };
    expect(withNullableReferences(document)).toEqual({
      properties: {
        state: { description: 'Where it stands', anyOf: [ref, { type: 'null' }] },
        both: { allOf: [ref, { $ref: '#/components/schemas/Other' }] },
      },
    });
    expect(document.properties.state.allOf).toHaveLength(2); // a new document; the input is unchanged
  });
});
