import type { CarrierCharge } from '../../partners/adapters/tmf622/types.js';
import type { ChargesOutcome } from '../../tails/orders/charges.js';
import { moneyText } from '../format.js';
import { ActionForm } from './action-forms.js';

/**
 * The charges a Sonata carrier raised on the order, as its API says now; a charge awaiting the desk gets accept and
 * decline buttons. Nothing for a carrier that raises no charges.
 */
export function SellerCharges({ orderId, charges }: { orderId: string; charges: ChargesOutcome<CarrierCharge[]> }) {
  if (!charges.ok && (charges.reason === 'noCharges' || charges.reason === 'notFound')) return null;
  const base = `/orders/${encodeURIComponent(orderId)}/charges`;
  return (
    <section aria-labelledby="charges-heading">
      <h2 id="charges-heading">Charges from the carrier</h2>
      {!charges.ok ? (
        <p class="muted">The carrier's charges could not be read: {charges.message}</p>
      ) : charges.value.length === 0 ? (
        <p class="muted">The carrier has raised no charges on this order.</p>
      ) : (
        <ul>
          {charges.value.map((charge) => (
            <li>
              {charge.items
                .map(
                  (i) =>
                    `${i.category} (${i.priceType}${i.blocking ? ', blocking' : ''}): ` +
                    `${moneyText(i.amountMinor, i.currency)}, ${i.state}`,
                )
                .join('; ')}{' '}
              <span class="muted">
                — {charge.state}
                {charge.responseDueDate ? `, answer due ${charge.responseDueDate.slice(0, 10)}` : ''}
              </span>
              {charge.state === 'awaitingResponse' && (
                <>
                  <ActionForm action={`${base}/${encodeURIComponent(charge.id)}/accept`} label="Accept charge" />
                  <ActionForm action={`${base}/${encodeURIComponent(charge.id)}/decline`} label="Decline charge" />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
