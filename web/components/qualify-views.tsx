import type { Qualification } from '../../openapi/qualification.js';
import { formatMoney } from '../format.js';
import type { FormState } from '../forms.js';
import { Field, FormErrors, Select } from './fields.js';
import { OrderFields } from './order-fields.js';

/**
 * The partner's measured OLA conformance on an offer: the share of clocks met over how many (and whether the offer's
 * product or the partner's products as a whole), or how far it is from being measured.
 */
const MeasuredConformanceCell = ({
  measured,
}: {
  measured: Qualification['offers'][number]['measuredConformance'];
}) => {
  if (!measured) return <span class="muted">not shown for this qualification</span>;
  const clocks = measured.met + measured.breached;
  const title = measured.byMetric.map((m) => `${m.metric}: ${m.met} met, ${m.breached} breached`).join('; ');
  if (measured.share === null) {
    return (
      <span class="muted" title={title || undefined}>
        not yet measured ({clocks} of {measured.minimumSample} clocks in {measured.windowDays} days)
      </span>
    );
  }
  return (
    <span title={title}>
      {(measured.share * 100).toFixed(1)}%{' '}
      <span class="muted">
        of {clocks} clocks{measured.scope === 'partner' ? ', all products' : ''}, {measured.windowDays} days
      </span>
    </span>
  );
};

const deliveryScopeWords = {
  partnerProductAccess: 'this product and access',
  partner: 'all its products',
  product: 'all partners, this product',
  allPartners: 'all partners',
} as const;

/** How long the partner really takes: "80% within N working days", whose orders it comes from and how many. */
const DeliveryEstimateCell = ({ estimate }: { estimate: Qualification['offers'][number]['deliveryEstimate'] }) => {
  if (!estimate) return <span class="muted">not shown for this qualification</span>;
  if (estimate.status === 'notEnoughHistory') {
    return <span class="muted">not enough history ({estimate.completions} delivered)</span>;
  }
  const basis = `${estimate.completions} of ${estimate.observations} orders, ${deliveryScopeWords[estimate.scope]}`;
  return estimate.withinWorkingDays === null ? (
    <span class="muted">80% not yet delivered ({basis})</span>
  ) : (
    <span>
      within {estimate.withinWorkingDays} working days <span class="muted">({basis})</span>
    </span>
  );
};

/** Address and product needs: what the directory ranks offers for. */
export const QualifyForm = ({ form }: { form: FormState }) => (
  <form method="post" action="/qualify" class="card">
    <FormErrors messages={form.general} />
    <fieldset>
      <legend>Site address</legend>
      <Select
        label="Country"
        name="countryCode"
        value={form.values.countryCode ?? 'GB'}
        options={[
          ['GB', 'United Kingdom'],
          ['US', 'United States'],
        ]}
        error={form.errors.countryCode}
      />
      <Field
        label="Postcode or ZIP"
        name="postcode"
        value={form.values.postcode}
        required
        error={form.errors.postcode}
        autocomplete="postal-code"
      />
      <Field
        label="Address line"
        name="line1"
        value={form.values.line1}
        error={form.errors.line1}
        autocomplete="address-line1"
      />
    </fieldset>
    <fieldset>
      <legend>Product needs (a product code, a bandwidth, or both)</legend>
      <Field
        label="Product code"
        name="productCode"
        value={form.values.productCode}
        error={form.errors.productCode}
        placeholder="ETH-100"
      />
      <Field
        label="Minimum bandwidth (Mb/s)"
        name="minBandwidthMbps"
        type="number"
        min={1}
        value={form.values.minBandwidthMbps}
        error={form.errors.minBandwidthMbps}
      />
      <Field
        label="Longest acceptable lead time (days)"
        name="maxLeadTimeDays"
        type="number"
        min={0}
        value={form.values.maxLeadTimeDays}
        error={form.errors.maxLeadTimeDays}
      />
    </fieldset>
    <button type="submit">Find offers</button>
  </form>
);

const liveOutcomeWords = {
  answered: 'answered',
  cached: 'answered earlier (kept answer)',
  timedOut: 'did not answer in time: its coverage offers stand',
  failed: 'failed: its coverage offers stand',
} as const;

/** The carriers asked in real time for this qualification, and what each did. */
const LiveChecks = ({ checks }: { checks: Qualification['liveChecks'] }) =>
  checks.length === 0 ? null : (
    <ul class="live-checks" aria-label="Carriers asked live">
      {checks.map((check) => (
        <li>
          {check.partnerName} (asked live): {liveOutcomeWords[check.outcome]}
          {check.outcome === 'answered' || check.outcome === 'cached'
            ? `, ${check.offers} offer${check.offers === 1 ? '' : 's'}`
            : ''}
          {check.detail ? <span class="muted"> — {check.detail}</span> : null}
        </li>
      ))}
    </ul>
  );

/** The ranked offers, and the order form that places one of them (an idempotency key rides along in the form). */
export function OffersAndOrder({
  qualification,
  form,
  idempotencyKey,
}: {
  qualification: Qualification;
  form: FormState;
  idempotencyKey: string;
}) {
  const { address, offers } = qualification;
  if (offers.length === 0)
    return (
      <>
        <LiveChecks checks={qualification.liveChecks} />
        <p>
          No partner covers {address.postcode} for these needs. <a href="/qualify">Try other needs</a>.
        </p>
      </>
    );
  const chosen = form.values.offerId ?? offers[0]!.id;
  return (
    <form method="post" action={`/qualify/${encodeURIComponent(qualification.id)}/order`}>
      <FormErrors messages={form.general} />
      <LiveChecks checks={qualification.liveChecks} />
      <table>
        <caption>
          Offers for {address.postcode} ({address.countryCode}), best first; valid until{' '}
          {qualification.expiresAt.slice(0, 10)}
        </caption>
        <thead>
          <tr>
            <th scope="col">Choose</th>
            <th scope="col">Rank</th>
            <th scope="col">Partner</th>
            <th scope="col">Product</th>
            <th scope="col">Access</th>
            <th scope="col">Match</th>
            <th scope="col">OLAs met</th>
            <th scope="col">Install</th>
            <th scope="col">Monthly</th>
            <th scope="col">Lead time</th>
            <th scope="col">Delivered (80%)</th>
          </tr>
        </thead>
        <tbody>
          {offers.map((o) => (
            <tr>
              <td>
                <input
                  type="radio"
                  name="offerId"
                  value={o.id}
                  id={`offer-${o.rank}`}
                  checked={o.id === chosen}
                  required
                />
                <label for={`offer-${o.rank}`} class="visually-hidden">{`Offer ${o.rank} from ${o.partnerName}`}</label>
              </td>
              <td>{o.rank}</td>
              <td>{o.partnerName}</td>
              <td>
                {o.productCode} <span class="muted">{o.bandwidthMbps} Mb/s</span>
              </td>
              <td>{o.accessType}</td>
              <td>
                {o.matchLevel} <span class={`badge confidence-${o.confidence}`}>{o.confidence}</span>
                {o.source === 'live' ? (
                  <span class="badge" title={`The carrier's own answer, valid until ${o.validUntil ?? ''}`}>
                    live
                  </span>
                ) : null}
              </td>
              <td>
                <MeasuredConformanceCell measured={o.measuredConformance} />
              </td>
              <td>{formatMoney(o.installCharge.amountMinor, o.installCharge.currency)}</td>
              <td>{formatMoney(o.monthlyCharge.amountMinor, o.monthlyCharge.currency)}</td>
              <td>{o.leadTimeDays} days</td>
              <td>
                <DeliveryEstimateCell estimate={o.deliveryEstimate} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <OrderFields form={form} address={address} idempotencyKey={idempotencyKey} />
    </form>
  );
}
