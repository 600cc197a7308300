import type { Hono } from 'hono';
import type { AppEnv } from '../../api/context.js';
import { claimableLines, getCreditClaim, listCreditClaims } from '../../db/repositories/credit-claims.js';
import { getCreditNoteImport } from '../../db/repositories/credit-note-imports.js';
import { listPartners, partnerNames } from '../../db/repositories/partners.js';
import { claimEvidence } from '../../reports/credits/evidence.js';
import type { CreditMatch } from '../../reports/credits/match.js';
import { creditSummary, unsettledStates } from '../../reports/credits/summary.js';
import { isMonth, listPenaltyReports } from '../../reports/index.js';
import { ClaimSteps } from '../components/claim-steps.js';
import { ClaimTable, CreditTotals, LineTable, MatchReport } from '../components/credit-views.js';
import { formatMoney, instantText, span } from '../format.js';
import { Layout } from '../layout.js';
import { render } from '../render.js';
import { guard, notFound } from './guard.js';

const today = (now: Date) => now.toISOString().slice(0, 10);

/**
 * Finance's credits: what carriers owe on final reports and where each claim stands, a final month's lines of one
 * partner with a form to claim them, the open claims, and the credit-note import; each claim has a page with its
 * evidence and its next steps. The same use cases as the API's /api/v1/credit-* operations.
 */
export function registerCredits(web: Hono<AppEnv>): void {
  web.get('/credits', guard('credits'), async (c) => {
    const { db, now } = c.get('deps');
    const q = c.req.query();
    const month = isMonth(q.month ?? '') ? q.month! : undefined;
    const partnerId = q.partnerId || undefined;
    const finalMonths = (await listPenaltyReports(db)).filter((r) => r.state === 'final').map((r) => r.month);
    const partners = await listPartners(db, { limit: 500 });
    const names = new Map(partners.map((p) => [p.id, p.name]));
    const lines = month && partnerId ? await claimableLines(db, month, partnerId) : [];
    const open = await listCreditClaims(db, { states: unsettledStates, limit: 200 });
    const imported = q.import ? await getCreditNoteImport(db, q.import) : undefined;
    return render(
      c,
      <Layout title="Finance: credits" caller={c.get('caller')} current="credits">
        {imported && <MatchReport match={imported.result as CreditMatch} />}
        <CreditTotals summary={await creditSummary(db, now())} names={names} />
        <section aria-labelledby="lines-heading">
          <h2 id="lines-heading">Claim a final month</h2>
          <form method="get" action="/credits" class="action">
            <label for="c-month">Month</label>
            <select id="c-month" name="month">
              {finalMonths.map((m) => (
                <option selected={m === month}>{m}</option>
              ))}
            </select>
            <label for="c-partner">Partner</label>
            <select id="c-partner" name="partnerId">
              {partners.map((p) => (
                <option value={p.id} selected={p.id === partnerId}>
                  {p.name}
                </option>
              ))}
            </select>
            <button type="submit">Show lines</button>
          </form>
          {month &&
            partnerId &&
            (lines.length === 0 ? <p>No lines in that final month.</p> : <LineTable lines={lines} />)}
          {month && partnerId && lines.some((l) => !l.claimId && l.amountMinor > 0) && (
            <form method="post" action="/credits/claim" class="action">
              <input type="hidden" name="month" value={month} />
              <input type="hidden" name="partnerId" value={partnerId} />
              <label for="c-ref">Claim reference</label>
              <input id="c-ref" name="claimReference" required maxlength={200} />
              <label for="c-on">Claimed on</label>
              <input id="c-on" name="claimedOn" type="date" required value={today(now())} />
              <button type="submit">Claim every owed line</button>
            </form>
          )}
        </section>
        <section aria-labelledby="open-heading">
          <h2 id="open-heading">Open claims</h2>
          <ClaimTable claims={open} names={names} />
        </section>
        <section aria-labelledby="import-heading">
          <h2 id="import-heading">Import a credit note</h2>
          <p class="muted">
            CSV with credit_note_reference, amount, currency, date and claim_reference, circuit_reference or
            order_reference (up to 64 KiB here; larger files through the API).
          </p>
          <form method="post" action="/credits/import" enctype="multipart/form-data" class="action">
            <label for="i-partner">Credit note from</label>
            <select id="i-partner" name="partnerId">
              {partners.map((p) => (
                <option value={p.id}>{p.name}</option>
              ))}
            </select>
            <label for="i-file">File</label>
            <input id="i-file" name="file" type="file" accept=".csv,text/csv" required />
            <button type="submit">Import and match</button>
          </form>
        </section>
      </Layout>,
    );
  });

  web.get('/credits/claims/:id', guard('credits'), async (c) => {
    const { db } = c.get('deps');
    const claim = await getCreditClaim(db, c.req.param('id'));
    if (!claim) return notFound(c, 'credit claim');
    const evidence = await claimEvidence(db, claim);
    const partner = (await partnerNames(db, [claim.partnerId])).get(claim.partnerId) ?? claim.partnerId;
    const clock = evidence.clock;
    return render(
      c,
      <Layout title={`Claim ${claim.claimReference}: ${claim.ourReference}`} caller={c.get('caller')} current="credits">
        <dl>
          <dt>State</dt>
          <dd>{claim.state}</dd>
          <dt>Partner</dt>
          <dd>{partner}</dd>
          <dt>Line</dt>
          <dd>
            {claim.lineId} ({claim.month}), <a href={`/${claim.entityType}s/${claim.entityId}`}>{claim.ourReference}</a>
          </dd>
          <dt>Carrier references</dt>
          <dd>
            order {claim.carrierOrderRef ?? '–'}, circuit {claim.carrierCircuitRef ?? '–'}
          </dd>
          <dt>Claimed</dt>
          <dd>
            {formatMoney(claim.amountMinor, claim.currency)} on {claim.claimedOn}
          </dd>
          {claim.disputeReason && (
            <>
              <dt>Disputed on {claim.disputedOn}</dt>
              <dd>{claim.disputeReason}</dd>
            </>
          )}
          {claim.settledOn && (
            <>
              <dt>Settled on {claim.settledOn}</dt>
              <dd>
                {formatMoney(claim.receivedMinor ?? 0, claim.currency)} by credit note {claim.creditNoteReference}
              </dd>
            </>
          )}
          {claim.writtenOffOn && (
            <>
              <dt>Written off on {claim.writtenOffOn}</dt>
              <dd>{claim.writeOffReason}</dd>
            </>
          )}
        </dl>
        <ClaimSteps claim={claim} />
        <section aria-labelledby="evidence-heading">
          <h2 id="evidence-heading">Evidence</h2>
          {clock ? (
            <p>
              {clock.olaId}: started {instantText(clock.startedAt)}, due {instantText(clock.dueAt)}, breached{' '}
              {instantText(clock.breachedAt)}, final {instantText(clock.finalAt)}; {span(clock.elapsedMs)} taken
              {clock.pausedMs > 0 ? ` (${span(clock.pausedMs)} paused)` : ''}. {clock.explanation ?? ''}
            </p>
          ) : (
            <p>The clock's outcome is no longer recorded.</p>
          )}
          <ol>
            {evidence.events.map((e) => (
              <li>
                {instantText(e.occurredAt)} {e.type} ({e.source}
                {e.toState ? `, ${e.fromState ?? '–'} → ${e.toState}` : ''}, {e.outcome})
                {e.detail ? `: ${e.detail}` : ''}
              </li>
            ))}
          </ol>
        </section>
      </Layout>,
    );
  });
}
