import type { ClaimableLine, CreditClaimRow } from '../../db/repositories/credit-claims.js';
import type { CreditSummary } from '../../reports/credits/summary.js';
import type { CreditMatch } from '../../reports/credits/match.js';
import { formatMoney } from '../format.js';

/* The finance credits page's tables: totals, ageing, a month's lines, claims and an import's match. */

const money = (minor: number | null, currency: string) => (minor === null ? '–' : formatMoney(minor, currency));

export const CreditTotals = ({ summary, names }: { summary: CreditSummary; names: Map<string, string> }) => (
  <section aria-labelledby="totals-heading">
    <h2 id="totals-heading">Credits per partner</h2>
    {summary.totals.length === 0 ? (
      <p>No month is final yet, so nothing is owed.</p>
    ) : (
      <table>
        <caption class="visually-hidden">Owed, claimed, disputed, received and written off per partner</caption>
        <thead>
          <tr>
            {['Partner', 'Owed', 'Unclaimed', 'Claimed', 'Disputed', 'Received', 'Written off'].map((h) => (
              <th scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {summary.totals.map((t) => (
            <tr>
              <td>{t.partnerName}</td>
              <td>{money(t.owedMinor, t.currency)}</td>
              <td>{money(t.unclaimedMinor, t.currency)}</td>
              <td>{money(t.claimedMinor, t.currency)}</td>
              <td>{money(t.disputedMinor, t.currency)}</td>
              <td>{money(t.receivedMinor, t.currency)}</td>
              <td>{money(t.writtenOffMinor, t.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
    {summary.ageing.length > 0 && (
      <table>
        <caption>Unsettled claims by days since claimed</caption>
        <thead>
          <tr>
            <th scope="col">Partner</th>
            <th scope="col">Age (days)</th>
            <th scope="col">Claims</th>
            <th scope="col">Still to receive</th>
          </tr>
        </thead>
        <tbody>
          {summary.ageing.map((a) => (
            <tr>
              <td>{names.get(a.partnerId) ?? a.partnerId}</td>
              <td>{a.bucket}</td>
              <td>{a.claims}</td>
              <td>{money(a.amountMinor, a.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </section>
);

export const LineTable = ({ lines }: { lines: ClaimableLine[] }) => (
  <table>
    <caption class="visually-hidden">The month's lines and where their claims stand</caption>
    <thead>
      <tr>
        {['Line', 'Our reference', 'Carrier order', 'Circuit', 'OLA', 'Amount', 'Claim'].map((h) => (
          <th scope="col">{h}</th>
        ))}
      </tr>
    </thead>
    <tbody>
      {lines.map((l) => (
        <tr>
          <td>{l.lineId}</td>
          <td>{l.ourReference}</td>
          <td>{l.carrierOrderRef ?? '–'}</td>
          <td>{l.carrierCircuitRef ?? '–'}</td>
          <td>{l.olaId}</td>
          <td>{money(l.amountMinor, l.currency)}</td>
          <td>{l.claimId ? <a href={`/credits/claims/${l.claimId}`}>{l.claimState}</a> : 'owed'}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

export const ClaimTable = ({ claims, names }: { claims: CreditClaimRow[]; names: Map<string, string> }) =>
  claims.length === 0 ? (
    <p>None.</p>
  ) : (
    <table>
      <caption class="visually-hidden">Claims</caption>
      <thead>
        <tr>
          {['Claim', 'Partner', 'Month', 'Our reference', 'Circuit', 'Claimed', 'State', 'Received'].map((h) => (
            <th scope="col">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {claims.map((c) => (
          <tr>
            <td>
              <a href={`/credits/claims/${c.id}`}>{c.claimReference}</a>
            </td>
            <td>{names.get(c.partnerId) ?? c.partnerId}</td>
            <td>{c.month}</td>
            <td>{c.ourReference}</td>
            <td>{c.carrierCircuitRef ?? '–'}</td>
            <td>
              {money(c.amountMinor, c.currency)} on {c.claimedOn}
            </td>
            <td>{c.state}</td>
            <td>{money(c.receivedMinor, c.currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

/** What an import found, as the page shows it right after the upload. */
export const MatchReport = ({ match }: { match: CreditMatch }) => (
  <section aria-labelledby="match-heading">
    <h2 id="match-heading">Credit notes matched</h2>
    <ul>
      <li>{match.settled.length} claim(s) settled in full</li>
      {match.short.map((s) => (
        <li>
          Short: {s.creditNoteReference} (row {s.row}) credits {money(s.creditedMinor, s.currency)} against{' '}
          {money(s.claimedMinor, s.currency)} claimed, {money(s.shortByMinor, s.currency)} short
        </li>
      ))}
      {match.unexpected.map((u) => (
        <li>
          Unexpected: {u.creditNoteReference} (row {u.row}) {money(u.amountMinor, u.currency)}: {u.reason}
        </li>
      ))}
      {match.alreadyApplied.map((a) => (
        <li>
          Already applied: {a.creditNoteReference} (row {a.row})
        </li>
      ))}
      {match.missing.map((m) => (
        <li>
          Missing: no credit for claim {m.claimReference} (line {m.lineId}, {money(m.amountMinor, m.currency)})
        </li>
      ))}
    </ul>
  </section>
);
