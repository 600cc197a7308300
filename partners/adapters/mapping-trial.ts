import type { Partner } from '../../openapi/partners.js';
import { mappingOf } from './index.js';
import { carrierTroubleTicketSchema, ticketUpdateOf } from './tmf621/read.js';
import type { CarrierTicketUpdate } from './tmf621/types.js';
import { carrierProductOrderSchema, orderUpdateOf } from './tmf622/read.js';
import type { CarrierOrderUpdate, TailOrderForPartner } from './tmf622/types.js';
import { productOrderCreateV4, productOrderFvoV5 } from './tmf622/write.js';
import { sonataProductOrder } from './sonata/order-write.js';
import { productSchemaProblems } from './sonata/product-schemas.js';
import { sonataTicketSnapshotOf, sonataTroubleTicketSchema } from './sonata/trouble-ticket.js';
import { sonataOrderSchema, sonataSnapshotOf } from './sonata/ordering-client.js';

/*
 * Tries a partner's adapter settings (stored, or a candidate not saved yet) against sample payloads, without calling
 * the carrier or storing anything: how Tailgate would read a ProductOrder or TroubleTicket the carrier sends, and the
 * ProductOrder it would send the carrier for an order. The readers are the ones the adapters and listeners use.
 */

export type TrialRead<T> = { ok: true; read: T } | { ok: false; problem: string };

export type MappingTrial = {
  productOrder?: TrialRead<CarrierOrderUpdate>;
  troubleTicket?: TrialRead<CarrierTicketUpdate>;
  /**
   * What Tailgate sends the carrier for the sample order (TMF622 v4 or v5, or MEF LSO Sonata, as its API speaks; v4
   * when it pulls), or why it cannot be sent (`problem`, naming the setting).
   */
  outbound: {
    version: 'v4' | 'v5' | 'sonata-v10';
    productOrder: Record<string, unknown>;
    problem?: string;
    /** Sonata: where each item's productConfiguration departs from the MEF product schema its `@type` names. */
    productSchemaWarnings?: string[];
  };
};

/** The order an outbound trial renders when none is given. */
export const sampleOrder: TailOrderForPartner = {
  externalId: 'ord_sample',
  deskReference: 'DESK-SAMPLE',
  productCode: 'ETH-100',
  bandwidthMbps: 100,
  requestedCompletionDate: '2027-01-15',
  site: { countryCode: 'GB', postcode: 'SW1A 2AA', line1: '10 Downing Street', city: 'London' },
  contact: { name: 'Sam Patel', email: 'sam.patel@customer.example' },
};

/** An item's productConfiguration against its MEF product schema, as warnings (MEF's own examples do not all pass). */
function schemaWarnings(item: { id: string; product: Record<string, unknown> }): string[] {
  const configuration = item.product.productConfiguration as Record<string, unknown> | undefined;
  if (!configuration) return [];
  const type = String(configuration['@type']);
  const problems = productSchemaProblems(configuration);
  if (problems === undefined) return [`item ${item.id}: ${type} is not among MEF's product schemas Tailgate has`];
  return problems.map((p) => `item ${item.id} (${type}): ${p}`);
}

function readWith<T>(read: () => T): TrialRead<T> {
  try {
    return { ok: true, read: read() };
  } catch (err) {
    return { ok: false, problem: (err as Error).message };
  }
}

export function tryMapping(
  adapter: Partner['adapter'],
  samples: { productOrder?: unknown; troubleTicket?: unknown; order?: TailOrderForPartner | undefined },
): MappingTrial {
  const settings = { adapter };
  const orderRead = (body: unknown): CarrierOrderUpdate => {
    if (adapter.orderingApi === 'sonata-v10') {
      const parsed = sonataOrderSchema.safeParse(body);
      if (!parsed.success)
        throw new Error(`not a Sonata ProductOrder Tailgate can read: ${parsed.error.issues[0]?.message}`);
      const {
        partnerOrderId: _id,
        externalId: _ext,
        ...update
      } = sonataSnapshotOf(parsed.data, adapter.stateMap?.order);
      return update;
    }
    const parsed = carrierProductOrderSchema.safeParse(body);
    if (!parsed.success) throw new Error(`not a ProductOrder Tailgate can read: ${parsed.error.issues[0]?.message}`);
    return orderUpdateOf(parsed.data, adapter.stateMap?.order);
  };
  const ticketRead = (body: unknown): CarrierTicketUpdate => {
    if (adapter.troubleTicketApi === 'sonata-v4') {
      const parsed = sonataTroubleTicketSchema.safeParse(body);
      if (!parsed.success)
        throw new Error(`not a Sonata TroubleTicket Tailgate can read: ${parsed.error.issues[0]?.message}`);
      const {
        partnerTicketId: _id,
        externalId: _ext,
        ...update
      } = sonataTicketSnapshotOf(parsed.data, adapter.stateMap?.ticket);
      return update;
    }
    const parsed = carrierTroubleTicketSchema.safeParse(body);
    if (!parsed.success) throw new Error(`not a TroubleTicket Tailgate can read: ${parsed.error.issues[0]?.message}`);
    return ticketUpdateOf(parsed.data, adapter.stateMap?.ticket);
  };
  const order = samples.order ?? sampleOrder;
  const mapping = mappingOf(settings);
  return {
    ...(samples.productOrder !== undefined && { productOrder: readWith(() => orderRead(samples.productOrder)) }),
    ...(samples.troubleTicket !== undefined && { troubleTicket: readWith(() => ticketRead(samples.troubleTicket)) }),
    outbound: outboundTrial(adapter, order, mapping),
  };
}

function outboundTrial(
  adapter: Partner['adapter'],
  order: TailOrderForPartner,
  mapping: ReturnType<typeof mappingOf>,
): MappingTrial['outbound'] {
  if (adapter.orderingApi === 'sonata-v10') {
    const built = readWith(() => sonataProductOrder(order, adapter));
    return built.ok
      ? {
          version: 'sonata-v10',
          productOrder: built.read,
          productSchemaWarnings: built.read.productOrderItem.flatMap((item) => schemaWarnings(item)),
        }
      : { version: 'sonata-v10', productOrder: {}, problem: built.problem };
  }
  const version = adapter.orderingApi === 'tmf622-v5' ? 'v5' : 'v4';
  return {
    version,
    productOrder: version === 'v5' ? productOrderFvoV5(order, mapping) : productOrderCreateV4(order, mapping),
  };
}
