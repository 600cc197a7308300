import type { CertificationReport } from './run.js';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const mark = { passed: '✔ passed', failed: '✘ failed', skipped: '– skipped' } as const;

/**
 * The report as a page a carrier's engineer can read on its own (no dashboard, no script): which checks ran against
 * which endpoint, what each asked, what the carrier answered, and what the official TM Forum file said about it.
 */
export function certificationPage(report: CertificationReport): string {
  const e = escapeHtml;
  const rows = report.checks
    .map((check) => {
      const problems = [check.detail, ...(check.specErrors ?? [])].filter((x): x is string => !!x);
      return `<tr class="${check.outcome}">
  <td><code>${e(check.id)}</code></td>
  <td>${e(check.title)}</td>
  <td>${mark[check.outcome]}</td>
  <td>${check.request ? `<code>${e(check.request)}</code>` : ''}${check.status ? ` → ${check.status}` : ''}</td>
  <td>${problems.length ? `<ul>${problems.map((p) => `<li>${e(p)}</li>`).join('')}</ul>` : ''}</td>
</tr>`;
    })
    .join('\n');
  const { summary } = report;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Certification ${e(report.id)}: ${e(report.partnerName)} ${report.outcome}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #1b1f24; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #d0d7de; padding: .4rem .6rem; text-align: left; vertical-align: top; }
tr.failed td { background: #ffebe9; } tr.skipped td { background: #fff8c5; }
code { font-size: .85em; word-break: break-all; }
</style>
</head>
<body>
<h1>Certification of ${e(report.partnerName)}: ${report.outcome}</h1>
<p>Run <code>${e(report.id)}</code> from ${e(report.startedAt)} to ${e(report.finishedAt)} against
<code>${e(report.adapter.baseUrl ?? '')}</code> (ordering: ${e(report.adapter.orderingApi)}, trouble tickets:
${e(report.adapter.troubleTicketApi)}). ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped.</p>
<p>Every request Tailgate sent and every answer the carrier gave was checked against TM Forum's official OpenAPI
files (TMF622 Product Ordering, TMF621 Trouble Ticket). A run passes only when every check passes.</p>
<table>
<thead><tr><th>Check</th><th>What</th><th>Outcome</th><th>Request</th><th>Problems</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body>
</html>
`;
}
