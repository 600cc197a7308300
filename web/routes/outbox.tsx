import type { Hono } from 'hono';
import type { AppEnv } from '../../api/context.js';
import { escalationOutbox } from '../../tails/notify/outbox.js';
import { EscalationTable } from '../components/escalations.js';
import { Layout } from '../layout.js';
import { render } from '../render.js';
import { guard } from './guard.js';

/** Every escalation, whatever its channel, newest first (GET /api/v1/escalations, the same rows). */
export function registerOutbox(web: Hono<AppEnv>): void {
  web.get('/outbox', guard('outbox'), async (c) => {
    const entries = await escalationOutbox(c.get('deps').db, { limit: 200 });
    return render(
      c,
      <Layout title="Escalation outbox" caller={c.get('caller')} current="outbox">
        <p>
          Every escalation up a partner's ladder: webhooks, e-mail over SMTP and phone contacts through the SMS/voice
          webhook when those are configured, and what no setting can send kept here for a person to act on.
        </p>
        <EscalationTable entries={entries} caption="Escalations, newest first" withSubject={true} />
      </Layout>,
    );
  });
}
