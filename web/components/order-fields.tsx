import type { Qualification } from '../../openapi/qualification.js';
import type { FormState } from '../forms.js';
import { Field } from './fields.js';

/**
 * The order part of the offers page: what the desk adds to the chosen offer (reference, date, site line, contact,
 * note, the carrier's own fields), the key making a double submit place one order.
 */
export const OrderFields = ({
  form,
  address,
  idempotencyKey,
}: {
  form: FormState;
  address: Qualification['address'];
  idempotencyKey: string;
}) => (
  <fieldset class="card">
    <legend>Place an order for the chosen offer</legend>
    <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
    <Field
      label="Desk reference"
      name="deskReference"
      value={form.values.deskReference}
      required
      error={form.errors.deskReference}
    />
    <Field
      label="Requested completion date"
      name="requestedCompletionDate"
      type="date"
      value={form.values.requestedCompletionDate}
      required
      error={form.errors.requestedCompletionDate}
    />
    <Field
      label="Site address line"
      name="line1"
      value={form.values.line1 ?? address.line1}
      required
      error={form.errors.line1}
      autocomplete="address-line1"
    />
    <Field
      label="City"
      name="city"
      value={form.values.city ?? address.city}
      required
      error={form.errors.city}
      autocomplete="address-level2"
    />
    <p class="muted">
      Postcode {address.postcode} ({address.countryCode}), as qualified.
    </p>
    <Field
      label="Site contact name"
      name="contactName"
      value={form.values.contactName}
      required
      error={form.errors.contactName}
      autocomplete="name"
    />
    <Field
      label="Site contact e-mail"
      name="contactEmail"
      type="email"
      value={form.values.contactEmail}
      required
      error={form.errors.contactEmail}
      autocomplete="email"
    />
    <Field
      label="Site contact phone"
      name="contactPhone"
      type="tel"
      value={form.values.contactPhone}
      error={form.errors.contactPhone}
      autocomplete="tel"
    />
    <Field label="Note for the carrier" name="note" value={form.values.note} error={form.errors.note} />
    <Field
      label="Carrier fields"
      name="carrierFields"
      value={form.values.carrierFields}
      error={form.errors.carrierFields}
      hint="The carrier's own per-order fields, as name=value; name=value (its defaults apply to those left out)"
    />
    <button type="submit">Place order</button>
  </fieldset>
);
