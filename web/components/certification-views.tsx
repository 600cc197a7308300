import type { CertificationReport } from '../../partners/certification/run.js';
import { instantText } from '../format.js';

const outcomeText = { passed: 'passed', failed: 'FAILED', skipped: 'skipped' } as const;

/** A run's checks: what each asked, what the carrier answered, and why one failed (the spec's words included). */
export function CertificationChecks({ report }: { report: CertificationReport }) {
  return (
    <table>
      <caption>
        {`${report.summary.passed} passed, ${report.summary.failed} failed, ${report.summary.skipped} skipped`}
      </caption>
      <thead>
        <tr>
          <th scope="col">Check</th>
          <th scope="col">Outcome</th>
          <th scope="col">Request</th>
          <th scope="col">Problems</th>
        </tr>
      </thead>
      <tbody>
        {report.checks.map((check) => (
          <tr class={check.outcome === 'passed' ? undefined : 'breached'}>
            <td>
              {check.title} <code>{check.id}</code>
            </td>
            <td>{outcomeText[check.outcome]}</td>
            <td>
              {check.request && <code>{check.request}</code>}
              {check.status !== undefined && ` → ${check.status}`}
            </td>
            <td>
              {(check.detail || check.specErrors) && (
                <ul>
                  {[check.detail, ...(check.specErrors ?? [])]
                    .filter((x): x is string => !!x)
                    .map((problem) => (
                      <li>{problem}</li>
                    ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One line about a run: its outcome and when, linking to its page. */
export const RunLink = ({ partnerId, report }: { partnerId: string; report: CertificationReport | undefined }) =>
  report ? (
    <a href={`/partners/${partnerId}/certifications/${report.id}`}>
      {`${report.outcome} ${instantText(report.finishedAt)}`}
    </a>
  ) : (
    <span>never run</span>
  );
