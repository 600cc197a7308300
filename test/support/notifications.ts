import type { Db } from '../../db/client.js';
import { queryFirst } from '../../db/execute.js';
import { newId } from '../../db/ids.js';
import { slaFacts } from '../../db/schema.js';
import type { TestPlatform } from './platform.js';

type FactInput = Partial<typeof slaFacts.$inferInsert> &
  Pick<typeof slaFacts.$inferInsert, 'partnerId' | 'kind' | 'threshold'>;

/** Records one SLA fact directly (the workflows record them in production) and returns its row. */
export async function insertFact(db: Db, input: FactInput) {
  return queryFirst(
    db
      .insert(slaFacts)
      .values({
        id: newId('fct'),
        entityType: 'order',
        entityId: newId('ord'),
        olaId: 'delivery-committed-date',
        metric: 'deliveryCommittedDate',
        policyVersion: 1,
        at: '2026-03-02T14:00:00.000Z',
        dueAt: '2026-03-04T17:30:00.000Z',
        detectedAt: '2026-03-02T14:00:01.000Z',
        detail: null,
        ...input,
      })
      .returning(),
  );
}

export type CreatedWebhook = {
  id: string;
  name: string;
  secret: string;
  url: string;
  kinds: string[];
  partnerId: string | null;
  disabledAt: string | null;
};

/** Subscribes through the API (as desk) and returns the subscription with its one-time secret. */
export async function subscribe(
  platform: TestPlatform,
  input: { kinds: string[]; partnerId?: string; url?: string; name?: string },
) {
  const res = await platform.request('POST', '/api/v1/webhooks', {
    key: platform.keys.desk,
    json: { name: input.name ?? 'desk alerts', url: input.url ?? 'https://desk.provider.example/hooks', ...input },
  });
  if (res.status !== 201) throw new Error(`subscribe failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatedWebhook;
}
