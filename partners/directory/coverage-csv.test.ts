import { describe, expect, it } from 'vitest';
import { coverageCsvColumns } from '../../openapi/coverage.js';
import {
  checkCoverageHeader,
  checkCoverageRow,
  describeRowProblems,
  isBlankRecord,
  type ColumnPositions,
} from './coverage-csv.js';

const header = [...coverageCsvColumns];
const columns = (checkCoverageHeader(header) as { ok: true; columns: ColumnPositions }).columns;
const good = {
  location_key: 'sw1a 1aa',
  product_code: 'ETH-FTTP',
  bandwidth_mbps: '1000',
  access_type: 'On-Net',
  install_charge: '450.00',
  monthly_charge: '210.5',
  currency: 'gbp',
  lead_time_days: '20',
};
const record = (overrides: Partial<typeof good> = {}) => header.map((c) => ({ ...good, ...overrides })[c]);

describe('checkCoverageHeader', () => {
  it('accepts the documented columns in any order, ignoring a BOM and spaces', () => {
    const shuffled = ['\uFEFFcurrency', ...header.filter((c) => c !== 'currency').map((c) => ` ${c} `)];
    const check = checkCoverageHeader(shuffled);
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.columns.at.currency).toBe(0);
  });

  it('names unknown, missing and repeated columns', () => {
    const check = checkCoverageHeader([...header.filter((c) => c !== 'lead_time_days'), 'leadtime', 'currency']);
    expect(check).toEqual({
      ok: false,
      problems: [
        { column: 'leadtime', message: 'unknown column' },
        { column: 'currency', message: 'column appears more than once' },
        { column: 'lead_time_days', message: 'required column is missing' },
      ],
    });
  });
});

describe('checkCoverageRow', () => {
  it('reads a row into a canonical entry with integer minor units', () => {
    expect(checkCoverageRow(record(), columns)).toEqual({
      ok: true,
      entry: {
        locationKey: 'GB:SW1A 1AA',
        matchLevel: 'postcode',
        productCode: 'ETH-FTTP',
        bandwidthMbps: 1000,
        accessType: 'onNet',
        installChargeMinor: 45000,
        monthlyChargeMinor: 21050,
        currency: 'GBP',
        leadTimeDays: 20,
      },
    });
  });

  it.each([
    ['SW1A 1', 'GB:SW1A 1', 'sector'],
    ['SW1A', 'GB:SW1A', 'district'],
    ['SW', 'GB:SW', 'area'],
    ['10001', 'US:10001', 'district'],
    ['10001-1234', 'US:10001-1234', 'postcode'],
    ['UPRN:100023336956', 'UPRN:100023336956', 'address'],
  ])('reads location key %j', (raw, key, level) => {
    const check = checkCoverageRow(record({ location_key: raw }), columns);
    expect(check.ok && [check.entry.locationKey, check.entry.matchLevel]).toEqual([key, level]);
  });

  it('reads near-net and zero-decimal currencies', () => {
    const check = checkCoverageRow(
      record({ access_type: 'near-net', currency: 'JPY', install_charge: '50000', monthly_charge: '12000' }),
      columns,
    );
    expect(check.ok && check.entry).toMatchObject({
      accessType: 'nearNet',
      installChargeMinor: 50000,
      monthlyChargeMinor: 12000,
    });
  });

  it('collects every problem of a row, each naming its column', () => {
    const check = checkCoverageRow(
      record({
        location_key: 'nowhere',
        product_code: 'bad code!',
        bandwidth_mbps: '1.5',
        access_type: 'off-net',
        lead_time_days: '-3',
      }),
      columns,
    );
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems.map((p) => p.column)).toEqual([
      'location_key',
      'product_code',
      'bandwidth_mbps',
      'access_type',
      'lead_time_days',
    ]);
    expect(describeRowProblems(check.problems)).toMatch(
      /^location_key: must be a UK postcode.*; access_type: must be on-net or near-net; /,
    );
  });

  it.each([
    [{ install_charge: '450.001' }, 'install_charge', 'GBP amounts take at most 2 decimals'],
    [
      { currency: 'JPY', monthly_charge: '12.5', install_charge: '0' },
      'monthly_charge',
      'JPY amounts take no decimals',
    ],
    [{ monthly_charge: '210,50' }, 'monthly_charge', 'must be a plain decimal amount such as 450.00'],
    [{ bandwidth_mbps: '0' }, 'bandwidth_mbps', 'must be a whole number of Mbps from 1 to 1000000'],
    [{ lead_time_days: '' }, 'lead_time_days', 'must be a whole number of working days from 0 to 1000'],
  ])('rejects %j', (overrides, column, message) => {
    expect(checkCoverageRow(record(overrides), columns)).toEqual({ ok: false, problems: [{ column, message }] });
  });

  it('reports an unknown currency once, not as charge problems too', () => {
    expect(checkCoverageRow(record({ currency: 'XYZ', install_charge: '1.2345' }), columns)).toEqual({
      ok: false,
      problems: [{ column: 'currency', message: 'must be an ISO 4217 currency code such as GBP' }],
    });
  });

  it('rejects a row with the wrong number of fields as a whole', () => {
    expect(checkCoverageRow([...record(), ''], columns)).toEqual({
      ok: false,
      problems: [{ column: null, message: 'expected 8 fields, found 9' }],
    });
  });
});

describe('isBlankRecord', () => {
  it('is true only for an empty line', () => {
    expect(isBlankRecord([''])).toBe(true);
    expect(isBlankRecord(['  '])).toBe(true);
    expect(isBlankRecord(['', ''])).toBe(false);
  });
});
