import type { Partner } from '../../openapi/partners.js';
import { sonataTicketListenerEvents } from '../../openapi/sonata.js';
import { SONATA_TICKET_PATH } from '../adapters/sonata/ticketing-client.js';
import { sonataNotePatch } from '../adapters/sonata/notes.js';
import { sonataParties } from '../adapters/sonata/parties.js';
import { sonataTroubleTicketCreate } from '../adapters/sonata/trouble-ticket.js';
import { sampleTicket } from './families.js';
import type { FamilyRun } from './family-checks.js';
import {
  checkGet,
  checkListByExternalId,
  checkMissingMandatory,
  checkNote,
  checkNotifications,
  checkUnknownId,
  checkUnsubscribe,
  createBoth,
  reachAndSubscribe,
  sonataUrl,
  type SonataApiRun,
} from './sonata-check-kit.js';
import { asRecord, exchange, expectStatus } from './suite.js';
import { bundledMefSpecsDir, loadTmfSpec, sonataTicketNotificationSpecFile, sonataTicketSpecFile } from './tmf-spec.js';

/**
 * The conformance checks of a carrier's MEF LSO Sonata Trouble Ticket API (MEF 113, v4), as Tailgate uses it: hub
 * subscribed, tickets raised with Tailgate's smallest and fullest faults, read, listed by externalId, an unknown id
 * (404), a create without the mandatory relatedContactInformation (400/422), a buyer's note (PATCH), notifications
 * received and valid per MEF's notification file, cancelled (the cancel task), hub unsubscribed. Every payload both
 * ways is checked against MEF's official files. `affected`: the carrier order the run's tickets name.
 */
export async function checkSonataTicketing(run: FamilyRun, partner: Partner, affected: string): Promise<void> {
  const api: SonataApiRun = {
    ...run,
    spec: loadTmfSpec(sonataTicketSpecFile, bundledMefSpecsDir),
    path: SONATA_TICKET_PATH,
    prefix: 'sonata-ticket',
    resource: 'troubleTicket',
    title: 'Sonata trouble ticket',
    parties: sonataParties(partner.adapter),
  };
  const hubId = await reachAndSubscribe(api, sonataTicketListenerEvents);
  if (hubId === false) return;
  const externalIds = { minimum: `${run.runId}-tt-min`, full: `${run.runId}-tt-full` };
  const ticket = (externalId: string, full: boolean) =>
    sonataTroubleTicketCreate(sampleTicket(externalId, affected, full), partner.adapter);
  const made = await createBoth(api, { create: 'TroubleTicket_Create', resource: 'TroubleTicket' }, 'ticket', (w) =>
    ticket(externalIds[w], w === 'full'),
  );
  await checkGet(api, made.minimum, 'TroubleTicket');
  // MEF's TroubleTicket_Find makes resolutionDate mandatory, though a seller has one only once it resolved the
  // ticket: its absence from a ticket not yet resolved is the file's slip, not held against the carrier.
  const unresolved = (item: unknown) => !['resolved', 'closed'].includes(String(asRecord(item)?.status));
  await checkListByExternalId(
    api,
    made.full,
    externalIds.full,
    'TroubleTicket_Find',
    (item, error) => unresolved(item) && error.includes("'resolutionDate'"),
  );
  await checkUnknownId(api);
  const { relatedContactInformation: _contacts, ...contactless } = ticket(`${run.runId}-tt-bad`, false);
  await checkMissingMandatory(api, 'relatedContactInformation', contactless);
  const note = sonataNotePatch('Tailgate certification run: a note from the buyer', new Date());
  await checkNote(api, made.full, note, ['TroubleTicket_Update', 'TroubleTicket']);
  const created = [made.minimum, made.full].filter((x): x is string => !!x);
  const events = loadTmfSpec(sonataTicketNotificationSpecFile, bundledMefSpecsDir);
  await checkNotifications(api, hubId, created, events, 'TroubleTicketEvent');
  for (const [which, ticketId] of Object.entries(made)) {
    await api.rec.run(`sonata-ticket.withdraw-${which}`, `Cancel the ${which} ticket (the cancel task)`, async () => {
      const target = sonataUrl(api, `troubleTicket/${encodeURIComponent(ticketId)}/cancel`);
      const answer = api.rec.saw(await exchange(api.http, 'POST', target));
      expectStatus(answer, 204);
    });
  }
  await checkUnsubscribe(api, hubId);
}
