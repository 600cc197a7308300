import { z } from '@hono/zod-openapi';
import { IsoTimestamp, PageQuery } from './common.js';

export const ManualTaskSchema = z
  .object({
    id: z.string().openapi({ example: 'tsk_4hQm1nX9cZ2aLp0R' }),
    kind: z.enum(['partner_unreachable', 'ticket_partner_unreachable', 'event_refused']).openapi({
      description:
        'partner_unreachable / ticket_partner_unreachable: the carrier stayed unreachable for the order or ticket; ' +
        'event_refused: the carrier sent an update Tailgate refused (an invalid transition), to take up with it',
    }),
    reason: z.string(),
    status: z.enum(['open', 'closed']),
    orderId: z.string(),
    ticketId: z.string().nullable(),
    deskReference: z.string().openapi({ description: "The ticket's desk reference, else the order's" }),
    partnerId: z.string(),
    partnerName: z.string(),
    createdAt: IsoTimestamp,
    dueAt: IsoTimestamp.openapi({ description: "createdAt + the desk's own OLA (MANUAL_TASK_OLA_MINUTES, 24x7)" }),
    ageMs: z.number().int().openapi({ description: 'To now while open; to its closing once closed' }),
    overdue: z.boolean().openapi({ description: 'Its age passed the due instant' }),
    claimedBy: z.string().nullable().openapi({ description: 'The API key id of whoever took it on' }),
    claimedAt: IsoTimestamp.nullable(),
    closedAt: IsoTimestamp.nullable(),
    resolvedBy: z
      .string()
      .nullable()
      .openapi({ description: 'Who resolved it; null when the platform closed it (the carrier answered after all)' }),
    note: z.string().nullable(),
  })
  .openapi('ManualTask');

export const ManualTaskQuery = PageQuery.extend({
  status: z
    .enum(['open', 'closed'])
    .default('open')
    .openapi({
      param: { name: 'status', in: 'query' },
      description: 'open: oldest first; closed: most recently closed first',
    }),
});

export const ResolveTaskSchema = z
  .object({
    note: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .openapi({ description: 'What was done', example: 'Called the carrier NOC; order re-sent' }),
  })
  .openapi('ManualTaskResolution');
