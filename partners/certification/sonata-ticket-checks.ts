import type { Partner } from '../../openapi/partners.js';
import { sonataTicketListenerEvents } from '../../openapi/sonata.js';
import { carrierUrl } from '../adapters/http.js';
import { SONATA_TICKET_PATH } from '../adapters/sonata/ticketing-client.js';
import { sonataNotePatch } from '../adapters/sonata/notes.js';
import { sonataTroubleTicketCreate } from '../adapters/sonata/trouble-ticket.js';
import { sampleTicket } from './families.js';
import type { FamilyRun } from './family-checks.js';
import type { ReceivedEvent } from './listener.js';
import { asRecord, errorBody } from './sonata-checks.js';
import { CheckFailed, exchange, expectStatus, expectValid } from './suite.js';
import { bundledMefSpecsDir, loadTmfSpec, sonataTicketNotificationSpecFile, sonataTicketSpecFile } from './tmf-spec.js';

/**
 * The conformance checks of a carrier's MEF LSO Sonata Trouble Ticket API (MEF 113, v4), as Tailgate uses it: hub
 * subscribed, tickets raised with Tailgate's smallest and fullest faults, read, listed by externalId, an unknown id
 * (404), a create without the mandatory relatedContactInformation (400/422), a buyer's note (PATCH), notifications
 * received and valid per MEF's notification file, cancelled (the cancel task), hub unsubscribed. Every payload both
 * ways is checked against MEF's official files. `affected`: the carrier order the run's tickets name.
 */
export async function checkSonataTicketing(run: FamilyRun, partner: Partner, affected: string): Promise<void> {
  const { rec, http } = run;
  const spec = loadTmfSpec(sonataTicketSpecFile, bundledMefSpecsDir);
  const events = loadTmfSpec(sonataTicketNotificationSpecFile, bundledMefSpecsDir);
  const url = (path: string, query?: Record<string, string>) =>
    carrierUrl(run.baseUrl, `${SONATA_TICKET_PATH}/${path}`, query);
  const ticketUrl = (ticketId: string, task = '') => url(`troubleTicket/${encodeURIComponent(ticketId)}${task}`);
  const id = (name: string) => `sonata-ticket.${name}`;
  /**
   * MEF's TroubleTicket_Find makes resolutionDate mandatory, though a seller has one only once it resolved the
   * ticket: its absence from a ticket not yet resolved is the file's slip, not held against the carrier.
   */
  const unresolved = (item: unknown) => !['resolved', 'closed'].includes(String(asRecord(item)?.status));

  const reachable = await rec.run(id('reachable'), 'The API answers (GET troubleTicket)', async () => {
    rec.saw(await exchange(http, 'GET', url('troubleTicket', { limit: '1' })));
    return true;
  });
  if (!reachable) {
    rec.skip(id('checks'), 'Every other Sonata trouble ticket check', 'the API did not answer');
    return;
  }

  const hubId = await rec.run(id('hub-subscribe'), 'Subscribe to notifications (POST hub)', async () => {
    const body = { callback: run.listener.callbackUrl, query: `eventType=${sonataTicketListenerEvents.join(',')}` };
    expectValid(spec, 'EventSubscriptionInput', body, "Tailgate's hub request");
    const answer = rec.saw(await exchange(http, 'POST', url('hub'), body));
    expectStatus(answer, 201);
    expectValid(spec, 'EventSubscription', answer.body, "The carrier's hub", answer);
    return String(asRecord(answer.body)?.id);
  });

  const externalIds = { minimum: `${run.runId}-tt-min`, full: `${run.runId}-tt-full` };
  const made: { minimum?: string; full?: string } = {};
  for (const which of ['minimum', 'full'] as const) {
    await rec.run(id(`create-${which}`), `Raise Tailgate's ${which} fault`, async () => {
      const body = sonataTroubleTicketCreate(
        sampleTicket(externalIds[which], affected, which === 'full'),
        partner.adapter,
      );
      expectValid(spec, 'TroubleTicket_Create', body, `Tailgate's ${which} ticket`);
      const answer = rec.saw(await exchange(http, 'POST', url('troubleTicket'), body));
      expectStatus(answer, 201);
      const created = asRecord(answer.body)?.id;
      if (typeof created !== 'string') throw new CheckFailed('the answer names no id', [], answer);
      made[which] = created;
      expectValid(spec, 'TroubleTicket', answer.body, 'The created TroubleTicket', answer);
    });
  }
  const created = [made.minimum, made.full].filter((x): x is string => !!x);
  const needs = (ticketId: string | undefined, check: string, title: string, work: (t: string) => Promise<void>) =>
    ticketId ? rec.run(id(check), title, () => work(ticketId)) : rec.skip(id(check), title, 'nothing was created');

  await needs(made.minimum, 'get', 'Read one by id', async (ticketId) => {
    const answer = rec.saw(await exchange(http, 'GET', ticketUrl(ticketId)));
    expectStatus(answer, 200);
    expectValid(spec, 'TroubleTicket', answer.body, 'The TroubleTicket', answer);
    if (asRecord(answer.body)?.id !== ticketId) throw new CheckFailed(`the answer is not ${ticketId}`, [], answer);
  });

  await needs(made.full, 'list-filter', 'List by externalId', async (ticketId) => {
    const answer = rec.saw(await exchange(http, 'GET', url('troubleTicket', { externalId: externalIds.full })));
    expectStatus(answer, 200);
    if (!Array.isArray(answer.body)) throw new CheckFailed('the answer is not a JSON array', [], answer);
    for (const [i, item] of answer.body.entries()) {
      const errors = spec
        .validate('TroubleTicket_Find', item)
        .errors.filter((e) => !(unresolved(item) && e.includes("'resolutionDate'")));
      if (errors.length > 0)
        throw new CheckFailed(`item ${i} of the list is not a valid TroubleTicket_Find`, errors.slice(0, 20), answer);
      if (asRecord(item)?.externalId !== externalIds.full)
        throw new CheckFailed(`item ${i} does not match the filter`, [], answer);
    }
    if (!answer.body.some((item) => asRecord(item)?.id === ticketId))
      throw new CheckFailed(`${ticketId} is not listed`, [], answer);
  });

  await rec.run(id('unknown-id'), 'Read an id that does not exist (404)', async () => {
    const answer = rec.saw(await exchange(http, 'GET', ticketUrl(`tailgate-unknown-${run.runId}`)));
    expectStatus(answer, 404);
    errorBody(spec, 'Error404', answer);
  });

  await rec.run(
    id('missing-mandatory'),
    'Raise without relatedContactInformation, which MEF requires (400/422)',
    async () => {
      const { relatedContactInformation: _contacts, ...body } = sonataTroubleTicketCreate(
        sampleTicket(`${run.runId}-tt-bad`, affected, false),
        partner.adapter,
      );
      const answer = rec.saw(await exchange(http, 'POST', url('troubleTicket'), body));
      expectStatus(answer, 400, 422);
      errorBody(spec, answer.status === 400 ? 'Error400' : 'Error422', answer);
    },
  );

  await needs(made.full, 'note', "Add the buyer's note (PATCH)", async (ticketId) => {
    const body = sonataNotePatch('Tailgate certification run: a note from the buyer', new Date());
    expectValid(spec, 'TroubleTicket_Update', body, "Tailgate's note");
    const answer = rec.saw(await exchange(http, 'PATCH', ticketUrl(ticketId), body, 'application/json'));
    expectStatus(answer, 200);
    expectValid(spec, 'TroubleTicket', answer.body, 'The TroubleTicket', answer);
  });

  if (hubId === undefined || created.length === 0) {
    rec.skip(id('notifications'), 'Notifications received and valid', 'no hub was registered, or nothing created');
  } else {
    await rec.run(id('notifications'), 'Notifications received and valid', async () => {
      const ours = (received: ReceivedEvent[]) =>
        received.filter((e) => created.includes(String(asRecord(asRecord(e.body)?.event)?.id)));
      const got = ours(await run.listener.waitFor((e) => ours(e).length > 0, run.notificationWaitMs));
      if (got.length === 0)
        throw new CheckFailed(`no notification about what the run created within ${run.notificationWaitMs} ms`);
      for (const event of got) expectValid(events, 'TroubleTicketEvent', event.body, `The event sent to ${event.path}`);
    });
  }

  for (const [which, ticketId] of Object.entries(made)) {
    await rec.run(id(`withdraw-${which}`), `Cancel the ${which} ticket (the cancel task)`, async () => {
      const answer = rec.saw(await exchange(http, 'POST', ticketUrl(ticketId, '/cancel')));
      expectStatus(answer, 204);
    });
  }

  if (hubId === undefined) rec.skip(id('hub-unsubscribe'), 'Unsubscribe (DELETE hub)', 'no hub was registered');
  else
    await rec.run(id('hub-unsubscribe'), 'Unsubscribe (DELETE hub)', async () => {
      const answer = rec.saw(await exchange(http, 'DELETE', url(`hub/${encodeURIComponent(hubId)}`)));
      expectStatus(answer, 204, 200);
    });
}
