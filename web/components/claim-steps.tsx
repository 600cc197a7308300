import type { CreditClaimRow } from '../../db/repositories/credit-claims.js';

/* The next steps a claim allows, each a same-origin form posting to /credits/claims/{id}/{step}. */

const DateField = ({ id }: { id: string }) => (
  <>
    <label for={id}>On</label>
    <input id={id} name="on" type="date" required />
  </>
);

const ReasonField = ({ id }: { id: string }) => (
  <>
    <label for={id}>Reason</label>
    <input id={id} name="reason" type="text" required maxlength={2000} />
  </>
);

export const ClaimSteps = ({ claim }: { claim: CreditClaimRow }) => {
  const open = claim.state === 'claimed' || claim.state === 'acknowledged' || claim.state === 'disputed';
  if (!open) return <></>;
  const action = (step: string) => `/credits/claims/${claim.id}/${step}`;
  return (
    <section aria-labelledby="steps-heading">
      <h2 id="steps-heading">Record the carrier's answer</h2>
      {claim.state === 'claimed' && (
        <form method="post" action={action('acknowledge')} class="action">
          <DateField id="ack-on" />
          <button type="submit">Acknowledged</button>
        </form>
      )}
      {claim.state !== 'disputed' && (
        <form method="post" action={action('dispute')} class="action">
          <ReasonField id="dispute-reason" />
          <DateField id="dispute-on" />
          <button type="submit">Disputed</button>
        </form>
      )}
      <form method="post" action={action('settle')} class="action">
        <label for="settle-ref">Credit note reference</label>
        <input id="settle-ref" name="creditNoteReference" type="text" required maxlength={200} />
        <label for="settle-amount">Received ({claim.currency})</label>
        <input id="settle-amount" name="received" type="text" required inputmode="decimal" />
        <DateField id="settle-on" />
        <button type="submit">Settled</button>
      </form>
      <form method="post" action={action('write-off')} class="action">
        <ReasonField id="writeoff-reason" />
        <DateField id="writeoff-on" />
        <button type="submit">Write off</button>
      </form>
    </section>
  );
};
