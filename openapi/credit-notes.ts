import { z } from '@hono/zod-openapi';
import { CurrencyCode, IsoTimestamp } from './common.js';

/** A carrier's credit-note CSV and what matching it against the partner's claims found (reports/credits/match.ts). */

const SignedMinor = z.number().int().openapi({ description: 'Integer minor units' });

const ClaimRef = z.object({
  claimId: z.string(),
  lineId: z.string(),
  claimReference: z.string(),
  amountMinor: SignedMinor,
  currency: CurrencyCode,
});

export const CreditNoteImportSchema = z
  .object({
    id: z.string().openapi({ example: 'cni_Qm2c9vX0aK1pL3nB' }),
    partnerId: z.string(),
    fileName: z.string().nullable(),
    importedBy: z.string(),
    importedAt: IsoTimestamp,
    result: z.object({
      settled: z.array(ClaimRef.extend({ creditNoteReference: z.string(), receivedMinor: SignedMinor })),
      short: z.array(
        z.object({
          row: z.number().int(),
          creditNoteReference: z.string(),
          currency: CurrencyCode,
          creditedMinor: SignedMinor,
          claimedMinor: SignedMinor,
          shortByMinor: SignedMinor,
          claimIds: z.array(z.string()),
        }),
      ),
      unexpected: z.array(
        z.object({
          row: z.number().int(),
          creditNoteReference: z.string(),
          currency: CurrencyCode,
          amountMinor: SignedMinor,
          reason: z.string(),
        }),
      ),
      alreadyApplied: z.array(z.object({ row: z.number().int(), creditNoteReference: z.string() })),
      missing: z.array(ClaimRef),
    }),
  })
  .openapi('CreditNoteImport');

export const CreditNoteCsvBody = z.string().openapi({
  description:
    'CSV with a header naming credit_note_reference, amount (decimal, e.g. 125.00), currency, date (YYYY-MM-DD) and ' +
    'at least one of claim_reference, circuit_reference, order_reference (the carrier order reference); other ' +
    'columns are ignored',
  example:
    'credit_note_reference,claim_reference,amount,currency,date\r\nCN-1001,CLM-2026-10,125.00,GBP,2026-11-20\r\n',
});

export const CreditNoteUploadQuery = z.object({
  fileName: z
    .string()
    .max(200)
    .optional()
    .openapi({ param: { name: 'fileName', in: 'query' }, description: 'The file name, kept with the import' }),
});
