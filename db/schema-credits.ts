import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Credits collected: what finance claimed from carriers for finalized penalty lines, and the carriers' credit notes
 * imported against those claims. Re-exported by schema.ts. Dates are ISO-8601 (days YYYY-MM-DD); money is integer
 * minor units beside an ISO currency.
 */

export const creditClaimStates = ['claimed', 'acknowledged', 'disputed', 'settled', 'writtenOff'] as const;
export type CreditClaimState = (typeof creditClaimStates)[number];

/**
 * One finalized penalty line claimed from its carrier (a line with no row here is still owed, unclaimed). The line's
 * amount and references are copied when it is claimed, so the claim reads alone, as the frozen report does.
 */
export const creditClaims = sqliteTable(
  'credit_claims',
  {
    id: text('id').primaryKey(),
    month: text('month').notNull(),
    lineId: text('line_id').notNull(),
    partnerId: text('partner_id').notNull(),
    entityType: text('entity_type', { enum: ['order', 'ticket'] }).notNull(),
    entityId: text('entity_id').notNull(),
    breachId: text('breach_id').notNull(),
    olaId: text('ola_id').notNull(),
    ourReference: text('our_reference').notNull(),
    /** The carrier's own order reference and circuit reference, as the order holds them when the line is claimed. */
    carrierOrderRef: text('carrier_order_ref'),
    carrierCircuitRef: text('carrier_circuit_ref'),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    state: text('state', { enum: creditClaimStates }).notNull(),
    claimReference: text('claim_reference').notNull(),
    claimedOn: text('claimed_on').notNull(),
    claimedBy: text('claimed_by').notNull(),
    acknowledgedOn: text('acknowledged_on'),
    disputeReason: text('dispute_reason'),
    disputedOn: text('disputed_on'),
    creditNoteReference: text('credit_note_reference'),
    receivedMinor: integer('received_minor'),
    settledOn: text('settled_on'),
    writeOffReason: text('write_off_reason'),
    writtenOffOn: text('written_off_on'),
    /** The credit-note import that settled it, if it was settled by one. */
    importId: text('import_id'),
    updatedBy: text('updated_by').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('credit_claims_line_uq').on(t.month, t.lineId),
    index('credit_claims_partner_state_idx').on(t.partnerId, t.state, t.claimedOn),
    index('credit_claims_circuit_idx').on(t.partnerId, t.carrierCircuitRef),
    index('credit_claims_order_ref_idx').on(t.partnerId, t.carrierOrderRef),
  ],
);

/** One carrier credit-note (or invoice) CSV imported for a partner, and what matching it found. */
export const creditNoteImports = sqliteTable(
  'credit_note_imports',
  {
    id: text('id').primaryKey(),
    partnerId: text('partner_id').notNull(),
    fileName: text('file_name'),
    /** JSON: the match (settled, short, unexpected and missing credits; see reports/credits/match.ts). */
    result: text('result', { mode: 'json' }).notNull(),
    importedBy: text('imported_by').notNull(),
    importedAt: text('imported_at').notNull(),
  },
  (t) => [index('credit_note_imports_partner_idx').on(t.partnerId, t.importedAt)],
);
