import type { SlaFactRow } from '../../db/repositories/sla-facts.js';
import { instantText } from '../format.js';
import { ActionForm } from './action-forms.js';

const what = (f: SlaFactRow) =>
  f.kind === 'breach'
    ? 'Breach'
    : f.kind === 'jeopardy'
      ? `Jeopardy ${f.threshold}%`
      : 'Jeopardy declared by the carrier';

/** For finance and admin: each breach's waiver reason (waived ones), and the page to come back to after waiving. */
export type Waiving = { waivers: ReadonlyMap<string, string>; back: string };

/**
 * The jeopardy and breach facts recorded for an order or ticket (each once per clock and threshold); with `waiving`,
 * each breach shows its waiver or a form to waive it with a reason.
 */
export const SlaFacts = ({ facts, waiving }: { facts: SlaFactRow[]; waiving?: Waiving | undefined }) => (
  <section aria-labelledby="facts-heading">
    <h2 id="facts-heading">Jeopardy and breaches recorded</h2>
    {facts.length === 0 ? (
      <p>None.</p>
    ) : (
      <table>
        <thead>
          <tr>
            <th scope="col">At</th>
            <th scope="col">What</th>
            <th scope="col">Clock</th>
            <th scope="col">Due</th>
            <th scope="col">Detail</th>
            {waiving && <th scope="col">Waiver</th>}
          </tr>
        </thead>
        <tbody>
          {facts.map((f) => (
            <tr class={f.kind === 'breach' ? 'breached' : undefined}>
              <td>
                <time datetime={f.at}>{instantText(f.at)}</time>
              </td>
              <td>{what(f)}</td>
              <td>
                {f.olaId}{' '}
                <span class="muted">
                  ({f.metric}, policy v{f.policyVersion})
                </span>
              </td>
              <td>{instantText(f.dueAt)}</td>
              <td>{f.detail ?? ''}</td>
              {waiving && (
                <td>
                  {f.kind !== 'breach' ? (
                    ''
                  ) : waiving.waivers.has(f.id) ? (
                    `waived: ${waiving.waivers.get(f.id)}`
                  ) : (
                    <ActionForm
                      action={`/breaches/${encodeURIComponent(f.id)}/waive`}
                      label="Waive"
                      reason="Reason to waive"
                      hidden={{ back: waiving.back }}
                    />
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </section>
);
