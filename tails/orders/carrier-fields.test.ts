import { describe, expect, it } from 'vitest';
import { carrierFieldsProblem } from './carrier-fields.js';

describe("the desk's values for a carrier's per-order fields", () => {
  const takes = { category: 'standard', expedite: false, slaHours: 4 };

  it('accepts fields the partner takes, each of the type of its default', () => {
    expect(carrierFieldsProblem(takes, { category: 'express', expedite: true, slaHours: 2 })).toBeUndefined();
    expect(carrierFieldsProblem(takes, {})).toBeUndefined();
  });

  it('names a field the partner does not take, or a value of another type', () => {
    expect(carrierFieldsProblem(takes, { colour: 'red' })).toEqual({
      path: 'carrierFields.colour',
      message: 'the partner takes no field colour; it takes category, expedite, slaHours',
    });
    expect(carrierFieldsProblem({}, { colour: 'red' })).toEqual({
      path: 'carrierFields.colour',
      message: 'the partner takes no fields of its own',
    });
    expect(carrierFieldsProblem(takes, { slaHours: '4' })).toEqual({
      path: 'carrierFields.slaHours',
      message: "must be a number, as the partner's default is",
    });
    // Inherited names are not fields.
    expect(carrierFieldsProblem(takes, { toString: 'x' })?.path).toBe('carrierFields.toString');
  });
});
