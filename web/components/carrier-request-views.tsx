import type { CarrierRequestRow } from '../../db/repositories/carrier-requests.js';
import type { OrderRow } from '../../db/repositories/orders.js';
import { instantText } from '../format.js';

/* What the desk asks of a carrier about an order or ticket, and the forms that ask it. */

const requestText = (r: CarrierRequestRow) => String(r.body.summary ?? r.body.text ?? r.body.reason ?? '');

/** The requests, oldest first, each with the carrier's answer. */
export const CarrierRequests = ({ requests }: { requests: CarrierRequestRow[] }) =>
  requests.length === 0 ? (
    <></>
  ) : (
    <section aria-labelledby="requests-heading">
      <h2 id="requests-heading">Requests to the carrier</h2>
      <table>
        <caption class="visually-hidden">Requests to the carrier and its answers</caption>
        <thead>
          <tr>
            {['Asked', 'What', 'Status', 'How', 'Carrier answer'].map((h) => (
              <th scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {requests.map((r) => (
            <tr>
              <td>{instantText(r.requestedAt)}</td>
              <td>
                {r.kind}: {requestText(r)}
              </td>
              <td>{r.status}</td>
              <td>{r.method ?? '–'}</td>
              <td>
                {[r.carrierReference, r.answer].filter(Boolean).join(': ') || '–'}
                {r.answeredAt ? <span class="muted"> ({instantText(r.answeredAt)})</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );

/** A same-origin form with one text field: a note, an answer, a reason. */
export const TextRequestForm = ({
  action,
  label,
  field,
  id,
}: {
  action: string;
  label: string;
  field: string;
  id: string;
}) => (
  <form method="post" action={action} class="action">
    <label for={id}>{field}</label>
    <input id={id} name="text" type="text" required maxlength={2000} />
    <button type="submit">{label}</button>
  </form>
);

/** The amendment form, filled with the order as it stands: what the desk changes is what is sent. */
export const AmendOrderForm = ({ order }: { order: OrderRow }) => (
  <form method="post" action={`/orders/${encodeURIComponent(order.id)}/amend`} class="action amend">
    <label for="amend-date">Requested completion</label>
    <input id="amend-date" name="requestedCompletionDate" type="date" value={order.requestedCompletionDate} />
    <label for="amend-bandwidth">Bandwidth (Mb/s)</label>
    <input id="amend-bandwidth" name="bandwidthMbps" type="number" min={1} value={String(order.bandwidthMbps)} />
    <label for="amend-contact">Site contact</label>
    <input id="amend-contact" name="contactName" type="text" value={order.contact.name} />
    <label for="amend-email">Contact e-mail</label>
    <input id="amend-email" name="contactEmail" type="email" value={order.contact.email} />
    <label for="amend-phone">Contact phone</label>
    <input id="amend-phone" name="contactPhone" type="tel" value={order.contact.phone ?? ''} />
    <button type="submit">Amend order</button>
  </form>
);
