import { carrierUrl } from '../http.js';
import { externalIdOwner } from '../tmf-common.js';
import { externalIdType } from './write.js';

/**
 * Our OLA warnings to a TMF622 v5 carrier: a ProductOrderJeopardyAlertEvent POSTed to the carrier's own listener
 * (`/listener/productOrderJeopardyAlertEvent`), the notification v5 defines for "this order is at risk". The event
 * names the order by the carrier's id, as its hub notifications to us do, and carries our id as an externalId.
 */

/** One jeopardy threshold or breach of one OLA clock on one order, as recorded (an SLA fact). */
export type OlaAlert = {
  /** Stable across retries (the notification id), so the carrier can store the event once. */
  eventId: string;
  kind: OlaAlertKind;
  partnerOrderId: string;
  ourOrderId: string;
  olaId: string;
  metric: string;
  /** Percent of the target elapsed (jeopardy), 100 for a breach. */
  threshold: number;
  /** When the clock reached the threshold. */
  at: string;
  dueAt: string | null;
  /** When we noticed: the event time, so every retry sends the same bytes. */
  detectedAt: string;
};

export const jeopardyAlertEventType = 'ProductOrderJeopardyAlertEvent';
export const olaJeopardyTypes = {
  jeopardy: 'OLA at risk',
  predictedJeopardy: 'OLA predicted at risk',
  breach: 'OLA breached',
} as const;
/** Our facts a TMF622 v5 carrier is told of: our clocks' jeopardy and breach, and a predicted jeopardy. */
export type OlaAlertKind = keyof typeof olaJeopardyTypes;
export const isOlaAlertKind = (kind: string): kind is OlaAlertKind => Object.hasOwn(olaJeopardyTypes, kind);

const apiPath = 'productOrderingManagement/v5';

/** Where a v5 carrier listens for the event; `baseUrl` is its API root, as for the ordering adapter. */
export const jeopardyAlertListenerUrl = (baseUrl: string) =>
  carrierUrl(baseUrl, `${apiPath}/listener/productOrderJeopardyAlertEvent`);

const due = (dueAt: string | null) => (dueAt ? `due ${dueAt}` : 'with no due instant');

function describeAlert(alert: OlaAlert): { exception: string; message: string } {
  const ola = `OLA ${alert.olaId} (${alert.metric})`;
  if (alert.kind === 'predictedJeopardy') {
    return {
      exception: `${alert.metric} predicted late`,
      message:
        `${ola} on order ${alert.partnerOrderId}: from delivery history, the chance of delivery ${due(alert.dueAt)} ` +
        `fell below ${alert.threshold}% at ${alert.at}`,
    };
  }
  if (alert.kind === 'breach') {
    return {
      exception: `${alert.metric} target missed`,
      message: `${ola} on order ${alert.partnerOrderId} was breached at ${alert.at}: it was ${due(alert.dueAt)}`,
    };
  }
  return {
    exception: `${alert.metric} at ${alert.threshold}% of its target`,
    message: `${ola} on order ${alert.partnerOrderId} reached ${alert.threshold}% of its target at ${alert.at}, ${due(alert.dueAt)}`,
  };
}

/** The v5 ProductOrderJeopardyAlertEvent for one OLA alert. Pure: the same alert always gives the same body. */
export function toProductOrderJeopardyAlertEventV5(alert: OlaAlert, opts: { baseUrl?: string } = {}) {
  const { exception, message } = describeAlert(alert);
  const jeopardyType = olaJeopardyTypes[alert.kind];
  const href = opts.baseUrl
    ? carrierUrl(opts.baseUrl, `${apiPath}/productOrder/${encodeURIComponent(alert.partnerOrderId)}`)
    : undefined;
  return {
    '@type': jeopardyAlertEventType,
    eventId: alert.eventId,
    eventTime: alert.detectedAt,
    eventType: jeopardyAlertEventType,
    timeOccurred: alert.at,
    correlationId: alert.ourOrderId,
    title: `${jeopardyType}: ${alert.olaId}`,
    event: {
      productOrder: {
        '@type': 'ProductOrder',
        id: alert.partnerOrderId,
        ...(href ? { href } : {}),
        externalId: [
          {
            '@type': 'ExternalIdentifier',
            id: alert.ourOrderId,
            owner: externalIdOwner,
            externalIdentifierType: externalIdType,
          },
        ],
        productOrderJeopardyAlert: [
          {
            '@type': 'ProductOrderJeopardyAlert',
            // One alert per OLA and threshold: a carrier that keeps the list sees each once.
            id: `${alert.olaId}:${alert.kind === 'jeopardy' ? alert.threshold : alert.kind}`,
            name: alert.olaId,
            alertDate: alert.at,
            jeopardyType,
            exception,
            message,
          },
        ],
      },
    },
  };
}
export type ProductOrderJeopardyAlertEventV5 = ReturnType<typeof toProductOrderJeopardyAlertEventV5>;
