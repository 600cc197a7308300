import { z } from '@hono/zod-openapi';
import { CurrencyCode, IsoTimestamp, MinorUnits } from './common.js';

export const coverageVersionStatuses = ['importing', 'active', 'superseded', 'failed'] as const;
export const accessTypes = ['onNet', 'nearNet'] as const;
export const coverageMatchLevels = ['address', 'postcode', 'sector', 'district', 'area'] as const;

/** The CSV columns of a coverage upload, in the documented order (any order is accepted; all are required). */
export const coverageCsvColumns = [
  'location_key',
  'product_code',
  'bandwidth_mbps',
  'access_type',
  'install_charge',
  'monthly_charge',
  'currency',
  'lead_time_days',
] as const;
export type CoverageCsvColumn = (typeof coverageCsvColumns)[number];

/** One validated coverage row, as stored: canonical location key, integer minor units. */
export const CoverageEntrySchema = z
  .object({
    locationKey: z
      .string()
      .openapi({ example: 'GB:SW1A 1AA', description: 'Canonical key (`GB:`/`US:` prefix, or UPRN:/ADDR:)' }),
    matchLevel: z.enum(coverageMatchLevels),
    productCode: z.string().openapi({ example: 'ETH-FTTP' }),
    bandwidthMbps: z.number().int().min(1),
    accessType: z.enum(accessTypes),
    installChargeMinor: MinorUnits,
    monthlyChargeMinor: MinorUnits,
    currency: CurrencyCode,
    leadTimeDays: z.number().int().min(0).openapi({ description: 'Working days' }),
  })
  .openapi('CoverageEntry');
export type CoverageEntry = z.infer<typeof CoverageEntrySchema>;

export const CoverageVersionSchema = z
  .object({
    id: z.string().openapi({ example: 'cov_Yb0n2cN4wq1LhM5r' }),
    partnerId: z.string(),
    status: z.enum(coverageVersionStatuses).openapi({
      description:
        "`active` is the partner's current coverage; `failed` uploads are kept as a record and hold no entries",
    }),
    source: z.string().openapi({
      example: 'api:key_d2VsbGtub3du',
      description: 'Who uploaded it: `api:<key id>` or `cli:<file name>`',
    }),
    rowCount: z.number().int().openapi({ description: 'Rows imported (for a failed upload: rows that were valid)' }),
    rejectedCount: z.number().int(),
    createdAt: IsoTimestamp,
    activatedAt: IsoTimestamp.nullable(),
  })
  .openapi('CoverageVersion');
export type CoverageVersion = z.infer<typeof CoverageVersionSchema>;

export const RejectedRowSchema = z
  .object({
    row: z.number().int().openapi({ example: 7, description: 'CSV record number; the header is row 1' }),
    reason: z.string().openapi({ example: 'bandwidth_mbps: must be a whole number of Mbps from 1 to 1000000' }),
  })
  .openapi('RejectedCoverageRow');
export type RejectedRow = z.infer<typeof RejectedRowSchema>;

export const CoverageImportSchema = z
  .object({
    version: CoverageVersionSchema,
    rowsRead: z.number().int().openapi({ description: 'Data rows in the file (blank lines not counted)' }),
    rowsImported: z.number().int(),
    rowsRejected: z.number().int(),
    rejectedRows: z.array(RejectedRowSchema).openapi({ description: 'The first 100 rejected rows, in file order' }),
  })
  .openapi('CoverageImport');
export type CoverageImport = z.infer<typeof CoverageImportSchema>;

export const CoverageUploadQuery = z.object({
  skipInvalid: z
    .enum(['true', 'false'])
    .default('false')
    .openapi({
      param: { name: 'skipInvalid', in: 'query' },
      description: 'Import the valid rows and report the rest; by default one invalid row rejects the whole file',
    }),
});

export const CoverageCsvBody = z.string().openapi({
  description:
    `UTF-8, comma-separated, header row required with exactly these columns: ${coverageCsvColumns.join(', ')}. ` +
    'access_type is on-net or near-net; charges are decimals in the currency (450.00), never more decimals than it has; ' +
    "lead_time_days counts working days. A file replaces the partner's whole coverage.",
  example:
    'location_key,product_code,bandwidth_mbps,access_type,install_charge,monthly_charge,currency,lead_time_days\n' +
    'SW1A 1AA,ETH-FTTP,1000,on-net,450.00,210.00,GBP,20\n',
});
