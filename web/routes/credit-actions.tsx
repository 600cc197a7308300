import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../api/context.js';
import { getPartner } from '../../db/repositories/partners.js';
import { parseMinorUnits } from '../../openapi/money.js';
import {
  ClaimCreateSchema,
  DisputeSchema,
  SettleSchema,
  WriteOffSchema,
  AcknowledgeSchema,
} from '../../openapi/credits.js';
import { getCreditClaim } from '../../db/repositories/credit-claims.js';
import { changeClaim, claimLines, type ClaimStep } from '../../reports/credits/claims.js';
import { importCreditNotes } from '../../reports/credits/import.js';
import { isRefusal, type Refusal } from '../../reports/index.js';
import { formValues, zodProblems } from '../forms.js';
import { MessagePage } from '../layout.js';
import { render } from '../render.js';
import { guardPost } from './guard.js';

const notDone = (c: Context<AppEnv>, text: string, status: 404 | 409 | 422) =>
  render(c, <MessagePage title="Not done" caller={c.get('caller')} text={text} />, status);

const refused = (c: Context<AppEnv>, r: Refusal) =>
  notDone(c, r.message, r.refused === 'not_found' ? 404 : r.refused === 'conflict' ? 409 : 422);

const problemsText = (problems: { path: string; message: string }[]) =>
  problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ');

const stepSchemas = {
  acknowledge: AcknowledgeSchema,
  dispute: DisputeSchema,
  settle: SettleSchema,
  'write-off': WriteOffSchema,
} as const;
const stepNames = {
  acknowledge: 'acknowledge',
  dispute: 'dispute',
  settle: 'settle',
  'write-off': 'writeOff',
} as const;

/** Finance's credit forms: claim a month's owed lines, record a claim's next step, import a credit-note file. */
export function registerCreditActions(web: Hono<AppEnv>): void {
  web.post('/credits/claim', guardPost('credits'), async (c) => {
    const deps = c.get('deps');
    const parsed = ClaimCreateSchema.safeParse(formValues(await c.req.parseBody()));
    if (!parsed.success) return notDone(c, problemsText(zodProblems(parsed.error.issues)), 422);
    if (!(await getPartner(deps.db, parsed.data.partnerId))) return notDone(c, 'There is no such partner.', 404);
    const claims = await claimLines(deps.db, { ...parsed.data, by: c.get('caller').keyId, now: deps.now() });
    if (isRefusal(claims)) return refused(c, claims);
    const { month, partnerId } = parsed.data;
    return c.redirect(`/credits?month=${month}&partnerId=${encodeURIComponent(partnerId)}`, 303);
  });

  web.post('/credits/claims/:id/:step', guardPost('credits'), async (c) => {
    const deps = c.get('deps');
    const step = c.req.param('step') as keyof typeof stepSchemas;
    if (!(step in stepSchemas)) return notDone(c, 'There is no such step.', 404);
    const id = c.req.param('id');
    const v = formValues(await c.req.parseBody());
    const claim = await getCreditClaim(deps.db, id);
    if (!claim) return notDone(c, 'There is no such claim.', 404);
    let body: Record<string, unknown> = v;
    if (step === 'settle') {
      const received = parseMinorUnits(v.received ?? '', claim.currency);
      if (!received.ok) return notDone(c, `received: ${received.message}`, 422);
      body = { ...v, receivedMinor: received.minor };
    }
    const parsed = stepSchemas[step].safeParse(body);
    if (!parsed.success) return notDone(c, problemsText(zodProblems(parsed.error.issues)), 422);
    const change = { ...parsed.data, step: stepNames[step] } as ClaimStep;
    const changed = await changeClaim(deps.db, { id, change, by: c.get('caller').keyId, now: deps.now() });
    if (isRefusal(changed)) return refused(c, changed);
    return c.redirect(`/credits/claims/${encodeURIComponent(id)}`, 303);
  });

  web.post('/credits/import', guardPost('credits'), async (c) => {
    const deps = c.get('deps');
    const body = await c.req.parseBody();
    const partnerId = typeof body.partnerId === 'string' ? body.partnerId : '';
    const file = body.file;
    if (!(file instanceof File)) return notDone(c, 'Choose a CSV file to import.', 422);
    if (!(await getPartner(deps.db, partnerId))) return notDone(c, 'There is no such partner.', 404);
    const result = await importCreditNotes(deps.db, {
      partnerId,
      csv: await file.text(),
      fileName: file.name || undefined,
      by: c.get('caller').keyId,
      now: deps.now(),
    });
    if ('problems' in result) return notDone(c, `Nothing imported: ${problemsText(result.problems)}`, 422);
    if (isRefusal(result)) return refused(c, result);
    return c.redirect(`/credits?import=${encodeURIComponent(result.id)}`, 303);
  });
}
