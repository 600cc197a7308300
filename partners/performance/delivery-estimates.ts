import type { StoredDeliveryCurve } from '../../db/repositories/delivery-curves.js';
import type { DeliveryEstimate } from '../../openapi/qualification.js';
import { kaplanMeier, timeToDeliver, type CurvePoints, type Observation } from './kaplan-meier.js';

/** The share of orders an offer's estimate is for: "80% delivered within N working days". */
export const DELIVERY_SHARE = 0.8;
/** Delivered orders a group needs before its curve is used; fewer, and the next wider group is (DELIVERY_RULE). */
export const DELIVERY_MIN_COMPLETIONS = 10;
/** Orders placed this many days back are observed. */
export const DELIVERY_WINDOW_DAYS = 365;

/** How delivery is estimated, as README and the API description say it. */
export const DELIVERY_RULE = [
  `Each offer's deliveryEstimate is the number of working days within which ${DELIVERY_SHARE * 100}% of orders`,
  'were delivered, from a Kaplan–Meier estimate over the orders placed in the last',
  `${DELIVERY_WINDOW_DAYS} days: an order's time runs from the carrier's acceptance of our submission (else its`,
  "placement) to its completion, in working days of its partner's calendar; orders still open count as censored at",
  "now, cancelled or failed ones at their last change. It comes from the partner's orders for the offer's product and",
  `access type when they hold at least ${DELIVERY_MIN_COMPLETIONS} deliveries, else the partner's orders of any`,
  "product, else every partner's orders for the product, else every partner's orders; recomputed with measured",
  'conformance.',
].join(' ');

/** One order's wait, in its group. */
export type DeliveryObservation = Observation & { partnerId: string; productCode: string; accessType: string };

/** The groups one order belongs to, narrowest first: partner × product × access type, partner, product, all. */
const groupsOf = (o: Pick<DeliveryObservation, 'partnerId' | 'productCode' | 'accessType'>) =>
  [
    { partnerId: o.partnerId, productCode: o.productCode, accessType: o.accessType },
    { partnerId: o.partnerId, productCode: '', accessType: '' },
    { partnerId: '', productCode: o.productCode, accessType: '' },
    { partnerId: '', productCode: '', accessType: '' },
  ] as const;
const scopes: DeliveryEstimate['scope'][] = ['partnerProductAccess', 'partner', 'product', 'allPartners'];
const keyOf = (g: { partnerId: string; productCode: string; accessType: string }) =>
  `${g.partnerId}\u0000${g.productCode}\u0000${g.accessType}`;

/** A Kaplan–Meier curve per group that has observations (S kept to 6 decimals, so a stable history stores alike). */
export function deliveryCurves(observations: readonly DeliveryObservation[]): StoredDeliveryCurve[] {
  const groups = new Map<string, { key: ReturnType<typeof groupsOf>[number]; observations: Observation[] }>();
  for (const o of observations) {
    for (const key of groupsOf(o)) {
      const k = keyOf(key);
      let group = groups.get(k);
      if (!group) groups.set(k, (group = { key, observations: [] }));
      group.observations.push({ time: o.time, delivered: o.delivered });
    }
  }
  return [...groups.values()].map(({ key, observations: group }) => {
    const curve = kaplanMeier(group);
    return {
      ...key,
      observations: curve.observations,
      completions: curve.delivered,
      steps: curve.steps.map((s) => [s.time, Math.round(s.survival * 1e6) / 1e6] as [number, number]),
    };
  });
}

/** The curve an estimate comes from: the narrowest group with enough deliveries, and which group that is. */
export type ChosenCurve = {
  scope: DeliveryEstimate['scope'];
  completions: number;
  observations: number;
  curve: CurvePoints;
};

/** Chooses the curve for an order or offer of a partner, product and access type; undefined without enough history. */
export function deliveryCurveChooser(
  curves: readonly StoredDeliveryCurve[],
  minimumCompletions = DELIVERY_MIN_COMPLETIONS,
): (partnerId: string, productCode: string, accessType: string) => ChosenCurve | undefined {
  // Each usable curve read once into the shape the Kaplan–Meier readers take.
  const usable = new Map(
    curves
      .filter((c) => c.completions >= minimumCompletions)
      .map((c) => [keyOf(c), { c, curve: { steps: c.steps.map(([time, survival]) => ({ time, survival })) } }]),
  );
  return (partnerId, productCode, accessType) => {
    for (const [i, group] of groupsOf({ partnerId, productCode, accessType }).entries()) {
      const found = usable.get(keyOf(group));
      if (!found) continue;
      const { c, curve } = found;
      return { scope: scopes[i]!, completions: c.completions, observations: c.observations, curve };
    }
    return undefined;
  };
}

/** An offer's delivery estimate, from the narrowest group with enough deliveries. Shared: never change it. */
export type DeliveryLookup = (partnerId: string, productCode: string, accessType: string) => DeliveryEstimate;

export function deliveryLookup(
  curves: readonly StoredDeliveryCurve[],
  minimumCompletions = DELIVERY_MIN_COMPLETIONS,
): DeliveryLookup {
  const choose = deliveryCurveChooser(curves, minimumCompletions);
  const everyone = curves.find((c) => c.partnerId === '' && c.productCode === '' && c.accessType === '');
  const answers = new Map<string, DeliveryEstimate>();
  return (partnerId, productCode, accessType) => {
    const asked = keyOf({ partnerId, productCode, accessType });
    const known = answers.get(asked);
    if (known) return known;
    const chosen = choose(partnerId, productCode, accessType);
    const estimate: DeliveryEstimate = chosen
      ? {
          status: 'estimated',
          share: DELIVERY_SHARE,
          withinWorkingDays: timeToDeliver(chosen.curve, DELIVERY_SHARE),
          scope: chosen.scope,
          completions: chosen.completions,
          observations: chosen.observations,
          minimumCompletions,
        }
      : {
          status: 'notEnoughHistory',
          share: DELIVERY_SHARE,
          withinWorkingDays: null,
          scope: 'allPartners',
          completions: everyone?.completions ?? 0,
          observations: everyone?.observations ?? 0,
          minimumCompletions,
        };
    answers.set(asked, estimate);
    return estimate;
  };
}
