import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { carrierRequestMethods } from '../openapi/carrier-requests.js';

/**
 * What the desk asks of a carrier about an order or ticket in flight, each tracked as its own request with the
 * carrier's answer: an amendment (new requested date, bandwidth, site contact), an answer to a carrier waiting on us,
 * a note, a reopened ticket. Re-exported by schema.ts. The order's or ticket's workflow sends them, in order.
 */
export const carrierRequestKinds = ['amend', 'answer', 'note', 'reopen'] as const;
export type CarrierRequestKind = (typeof carrierRequestKinds)[number];

/**
 * pending: not sent yet; accepted / rejected: the carrier's answer; published: a carrier without an API reads it on
 * our TMF server; failed: it could not be sent (the carrier stayed unreachable, or the order ended first).
 */
export const carrierRequestStatuses = ['pending', 'accepted', 'rejected', 'published', 'failed'] as const;
export type CarrierRequestStatus = (typeof carrierRequestStatuses)[number];

export const carrierRequests = sqliteTable(
  'carrier_requests',
  {
    id: text('id').primaryKey(),
    entityType: text('entity_type', { enum: ['order', 'ticket'] }).notNull(),
    entityId: text('entity_id').notNull(),
    partnerId: text('partner_id').notNull(),
    kind: text('kind', { enum: carrierRequestKinds }).notNull(),
    /** JSON: what is asked (an amendment's changes, the note or answer text, a reopening's reason). */
    body: text('body', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: carrierRequestStatuses }).notNull(),
    method: text('method', { enum: carrierRequestMethods }),
    /** The carrier's own reference for the request (a modification order's id). */
    carrierReference: text('carrier_reference'),
    /** The carrier's answer in its words (an error's reason), or why it could not be sent. */
    answer: text('answer'),
    requestedBy: text('requested_by').notNull(),
    requestedAt: text('requested_at').notNull(),
    answeredAt: text('answered_at'),
  },
  (t) => [index('carrier_requests_entity_idx').on(t.entityId, t.requestedAt)],
);
