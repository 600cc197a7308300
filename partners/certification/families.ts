import type { Partner } from '../../openapi/partners.js';
import { mappingOf, orderingVersionOf, ticketingVersionOf } from '../adapters/index.js';
import { hasExternalId, hubRequest, type TmfVersion } from '../adapters/tmf-common.js';
import { statusUpdateV4, statusUpdateV5, troubleTicketCreateV4, troubleTicketFvoV5 } from '../adapters/tmf621/write.js';
import type { TicketForPartner } from '../adapters/tmf621/types.js';
import {
  cancelProductOrderFvoV5,
  cancelProductOrderV4,
  productOrderCreateV4,
  productOrderFvoV5,
} from '../adapters/tmf622/write.js';
import type { TailOrderForPartner } from '../adapters/tmf622/types.js';
import { tmf621v4SpecFile, tmf621v5SpecFile, tmf622v4SpecFile, tmf622v5SpecFile } from './tmf-spec.js';

/** How the run closes what it created: TMF622's cancel task, or TMF621's PATCH to `cancelled`. */
type Withdrawal = {
  title: string;
  method: 'POST' | 'PATCH';
  /** Path under the API root: `cancelProductOrder`, or the ticket's own path. */
  path(id: string): string;
  body(id: string, href: string | undefined): unknown;
  requestSchema: string;
  responseSchema: string;
  expected: number[];
};

/**
 * One API family at one version, as the run exercises it: where it lives, the official file and schema names its
 * payloads are checked against, and Tailgate's own requests to it (built by the adapter's writers, so the run sends
 * exactly what live orders and tickets will send).
 */
export type ApiFamily = {
  id: 'tmf622' | 'tmf621';
  title: string;
  version: TmfVersion;
  /** Path of the API root under the carrier's base URL. */
  root: string;
  /** The resource's collection, e.g. `productOrder`, and the key an event names it under. */
  resource: string;
  specFile: string;
  schemas: { create: string; resource: string; hubInput: string; hub: string; error: string };
  externalIdFilter: string;
  hasExternalId(resource: Record<string, unknown>, id: string): boolean;
  /** Tailgate's smallest and fullest create requests; `mandatory` is a field the spec requires of a create. */
  createBodies(runId: string): { minimum: unknown; full: unknown; externalIds: { minimum: string; full: string } };
  mandatory: string;
  hubBody(callbackUrl: string): unknown;
  withdraw: Withdrawal;
};

const inThirtyDays = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

const samplePostcodes: Record<string, string> = { GB: 'SW1A 1AA', US: '10001' };

/** The run's order: the smallest or the fullest Tailgate sends, of `productCode` (else the first mapped product). */
export function sampleOrder(
  partner: Partner,
  externalId: string,
  full: boolean,
  productCode = Object.keys(partner.adapter.productCodeMap)[0] ?? 'ETH-100',
): TailOrderForPartner {
  return {
    externalId,
    deskReference: `CERT-${full ? 'FULL' : 'MIN'}`,
    productCode,
    bandwidthMbps: 100,
    requestedCompletionDate: inThirtyDays(),
    site: {
      countryCode: partner.country,
      postcode: samplePostcodes[partner.country] ?? 'SW1A 1AA',
      line1: '1 Certification Street',
      city: partner.country === 'US' ? 'New York' : 'London',
      ...(full ? { line2: 'Floor 2' } : {}),
    },
    contact: {
      name: 'Tailgate Certification',
      email: 'certification@tailgate.example',
      ...(full ? { phone: '+44 20 7946 0000' } : {}),
    },
    ...(full ? { note: 'Tailgate certification run: the fullest order Tailgate sends' } : {}),
  };
}

export function sampleTicket(externalId: string, partnerOrderId: string, full: boolean): TicketForPartner {
  return {
    externalId,
    partnerOrderId,
    orderId: 'ord_certification',
    severity: full ? 'critical' : 'minor',
    priority: full ? 1 : 4,
    impact: full ? 'Total loss of service at the site' : 'None: a certification ticket',
    description: 'Tailgate certification run: a test ticket, please ignore',
    contact: {
      name: 'Tailgate Certification',
      email: 'certification@tailgate.example',
      ...(full ? { phone: '+44 20 7946 0000' } : {}),
    },
  };
}

const ids = (runId: string) => ({ minimum: `${runId}-min`, full: `${runId}-full` });
const withdrawalReason = 'Tailgate certification run: withdrawn by the run';

/** The partner's TMF622 Product Ordering API as the run exercises it. */
export function orderingFamily(partner: Partner): ApiFamily {
  const version = orderingVersionOf(partner);
  const mapping = mappingOf(partner);
  const create = version === 'v4' ? productOrderCreateV4 : productOrderFvoV5;
  const cancel = version === 'v4' ? cancelProductOrderV4 : cancelProductOrderFvoV5;
  return {
    id: 'tmf622',
    title: `TMF622 Product Ordering ${version}`,
    version,
    root: `productOrderingManagement/${version}`,
    resource: 'productOrder',
    specFile: version === 'v4' ? tmf622v4SpecFile : tmf622v5SpecFile,
    schemas: {
      create: version === 'v4' ? 'ProductOrder_Create' : 'ProductOrder_FVO',
      resource: 'ProductOrder',
      hubInput: version === 'v4' ? 'EventSubscriptionInput' : 'Hub_FVO',
      hub: version === 'v4' ? 'EventSubscription' : 'Hub',
      error: 'Error',
    },
    externalIdFilter: version === 'v4' ? 'externalId' : 'externalId.id',
    hasExternalId: (po, id) => hasExternalId(po.externalId as never, id),
    createBodies(runId) {
      const externalIds = ids(runId);
      return {
        minimum: create(sampleOrder(partner, externalIds.minimum, false), mapping),
        full: create(sampleOrder(partner, externalIds.full, true), mapping),
        externalIds,
      };
    },
    mandatory: 'productOrderItem',
    hubBody: (callbackUrl) => hubRequest(version, callbackUrl),
    withdraw: {
      title: 'Cancel an order (cancelProductOrder)',
      method: 'POST',
      path: () => 'cancelProductOrder',
      body: (id, href) => cancel(id, withdrawalReason, href),
      requestSchema: version === 'v4' ? 'CancelProductOrder_Create' : 'CancelProductOrder_FVO',
      responseSchema: 'CancelProductOrder',
      expected: [201],
    },
  };
}

/** The partner's TMF621 Trouble Ticket API as the run exercises it; tickets name `partnerOrderId` as affected. */
export function ticketingFamily(partner: Partner, partnerOrderId: string): ApiFamily {
  const version = ticketingVersionOf(partner);
  const buyer = partner.adapter.buyerAccountId;
  const create = version === 'v4' ? troubleTicketCreateV4 : troubleTicketFvoV5;
  const statusUpdate = version === 'v4' ? statusUpdateV4 : statusUpdateV5;
  return {
    id: 'tmf621',
    title: `TMF621 Trouble Ticket ${version}`,
    version,
    root: `troubleTicket/${version}`,
    resource: 'troubleTicket',
    specFile: version === 'v4' ? tmf621v4SpecFile : tmf621v5SpecFile,
    schemas: {
      create: version === 'v4' ? 'TroubleTicket_Create' : 'TroubleTicket_FVO',
      resource: 'TroubleTicket',
      hubInput: version === 'v4' ? 'EventSubscriptionInput' : 'Hub_FVO',
      hub: version === 'v4' ? 'EventSubscription' : 'Hub',
      error: 'Error',
    },
    externalIdFilter: version === 'v4' ? 'externalId' : 'externalIdentifier.id',
    hasExternalId: (tt, id) => hasExternalId((tt.externalId ?? tt.externalIdentifier) as never, id),
    createBodies(runId) {
      const externalIds = ids(runId);
      return {
        minimum: create(sampleTicket(externalIds.minimum, partnerOrderId, false), buyer, partner.adapter.valueMaps),
        full: create(sampleTicket(externalIds.full, partnerOrderId, true), buyer, partner.adapter.valueMaps),
        externalIds,
      };
    },
    mandatory: 'description',
    hubBody: (callbackUrl) => hubRequest(version, callbackUrl),
    withdraw: {
      title: 'Cancel a ticket (PATCH status cancelled)',
      method: 'PATCH',
      path: (id) => `troubleTicket/${encodeURIComponent(id)}`,
      body: () => statusUpdate('cancelled', withdrawalReason),
      requestSchema: version === 'v4' ? 'TroubleTicket_Update' : 'TroubleTicket_MVO',
      responseSchema: 'TroubleTicket',
      expected: [200],
    },
  };
}
