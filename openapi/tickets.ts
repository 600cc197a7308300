import { z } from '@hono/zod-openapi';
import { ticketStatuses } from '../sla-rules/ticket-states.js';
import { IsoTimestamp, NonBlank } from './common.js';
import { eventOutcomes } from './events.js';
import { SiteContactSchema, submissionStates } from './orders.js';

export const TicketStatusSchema = z.enum(ticketStatuses).openapi('TicketStatus');
export const ticketSeverities = ['critical', 'major', 'minor'] as const;
export type TicketSeverity = (typeof ticketSeverities)[number];
/** 1 (highest) to 4; OLAs apply per priority as P1..P4. */
export type TicketPriority = 1 | 2 | 3 | 4;

export const TicketCreateSchema = z
  .object({
    orderId: z
      .string()
      .min(1)
      .max(64)
      .openapi({ description: 'The delivered (completed) tail order the fault is on', example: 'ord_Yh2xVd0c9aQ1' }),
    deskReference: NonBlank(100).openapi({ example: 'INC-2026-0042' }),
    severity: z.enum(ticketSeverities).openapi({ description: 'How badly the service is affected' }),
    priority: z
      .number()
      .int()
      .min(1)
      .max(4)
      .openapi({ description: '1 (highest) to 4; OLAs apply per priority as P1..P4', example: 1 }),
    impact: NonBlank(500).openapi({ example: 'Site down: no traffic on the 100 Mbps tail' }),
    description: NonBlank(4000).openapi({ example: 'Loss of light on the NTE since 08:40' }),
    contact: SiteContactSchema,
  })
  .openapi('TicketCreate');
export type TicketCreate = z.infer<typeof TicketCreateSchema>;

export const TicketEventSchema = z
  .object({
    id: z.string(),
    source: z.string().openapi({ description: 'desk, listener, partner-pull, adapter, adapter-poll or workflow' }),
    type: z.string(),
    externalEventId: z.string().nullable(),
    fromState: TicketStatusSchema.nullable(),
    toState: TicketStatusSchema.nullable(),
    outcome: z.enum(eventOutcomes),
    detail: z.string().nullable(),
    occurredAt: IsoTimestamp.openapi({
      description: 'When the sender says it happened; the receipt when that could not be believed (claimNote)',
    }),
    receivedAt: IsoTimestamp,
    claimNote: z.string().nullable().openapi({
      description: "Why the sender's claimed time was not used (in the future beyond 2 min, or before it existed)",
    }),
    ownDelayMs: z.number().int().nullable().openapi({
      description:
        'Of the delay between occurredAt and receivedAt, what Tailgate knows was its own (downtime, polling)',
    }),
  })
  .openapi('TicketEvent');

export const TicketSchema = z
  .object({
    id: z.string().openapi({ example: 'tkt_Q3v9LmR2xA0b' }),
    orderId: z.string(),
    partnerId: z.string(),
    deskReference: z.string(),
    severity: z.enum(ticketSeverities),
    priority: z.number().int(),
    impact: z.string(),
    description: z.string(),
    contact: SiteContactSchema,
    status: TicketStatusSchema,
    submission: z.enum(submissionStates),
    partnerTicketId: z.string().nullable(),
    dates: z.object({ expectedResolution: IsoTimestamp.nullable(), resolved: IsoTimestamp.nullable() }),
    failureReason: z.string().nullable(),
    createdAt: IsoTimestamp,
    updatedAt: IsoTimestamp,
  })
  .openapi('Ticket');
export type Ticket = z.infer<typeof TicketSchema>;

export const TicketDetailSchema = TicketSchema.extend({ timeline: z.array(TicketEventSchema) }).openapi('TicketDetail');

export const TicketCloseSchema = z
  .object({
    reason: NonBlank(500).optional().openapi({ example: 'Service confirmed restored by the site' }),
  })
  .openapi('TicketClose');

export const TicketCancelSchema = z
  .object({ reason: NonBlank(500).openapi({ example: 'Fault was on the customer LAN' }) })
  .openapi('TicketCancel');
