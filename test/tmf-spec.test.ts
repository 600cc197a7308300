import { describe, expect, it } from 'vitest';
import { loadTmfSpec } from './support/tmf-spec.js';

describe('loadTmfSpec', () => {
  it('validates against Swagger 2 definitions, following references', () => {
    const spec = loadTmfSpec('TMF679-ProductOfferingQualification-v4.0.0.swagger.json');
    expect(
      spec.validate('ProductOfferingQualification_Create', { productOfferingQualificationItem: [{ id: '1' }] }),
    ).toEqual({
      valid: true,
      errors: [],
    });
    const bad = spec.validate('ProductOfferingQualification', {
      expirationDate: 'tomorrow',
      place: [{}],
      productOfferingQualificationItem: [{}],
    });
    expect(bad.valid).toBe(false);
    expect(bad.errors.join('\n')).toMatch(/expirationDate.*date-time/);
    expect(bad.errors.join('\n')).toMatch(/place\/0.*role/);
    expect(bad.errors.join('\n')).toMatch(/productOfferingQualificationItem\/0.*id/);
  });

  it('validates against OAS 3 YAML components/schemas', () => {
    const spec = loadTmfSpec('TMF622-ProductOrdering-v5.0.0.oas.yaml');
    expect(
      spec.validate('ProductOrder_FVO', {
        '@type': 'ProductOrder',
        productOrderItem: [{ '@type': 'ProductOrderItem', id: '1', action: 'add' }],
      }).valid,
    ).toBe(true);
    expect(spec.validate('ProductOrder_FVO', { productOrderItem: 'one' }).valid).toBe(false);
    expect(() => spec.assertValid('ProductOrder_FVO', {})).toThrow(/@type/);
  });
});
