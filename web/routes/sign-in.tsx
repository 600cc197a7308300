import type { Hono } from 'hono';
import type { AppEnv } from '../../api/context.js';
import { authenticateApiKey } from '../../db/repositories/api-keys.js';
import { homeOf } from '../access.js';
import { Field } from '../components/fields.js';
import { Layout } from '../layout.js';
import { render } from '../render.js';
import { endSession, localPath, sameOrigin, startSession } from '../session.js';

const SignInPage = ({ next, error }: { next?: string | undefined; error?: string | undefined }) => (
  <Layout title="Sign in">
    <form method="post" action="/sign-in" class="card narrow">
      <p>Sign in with your Tailgate API key. It is kept in a cookie only this site can read, until you sign out.</p>
      <Field label="API key" name="key" type="password" autocomplete="off" required error={error} />
      {next && <input type="hidden" name="next" value={next} />}
      <button type="submit">Sign in</button>
    </form>
  </Layout>
);

export function registerSignIn(web: Hono<AppEnv>): void {
  web.get('/sign-in', (c) => render(c, <SignInPage next={localPath(c.req.query('next'))} />));

  web.post('/sign-in', sameOrigin, async (c) => {
    const form = await c.req.parseBody();
    const key = typeof form.key === 'string' ? form.key.trim() : '';
    const next = localPath(typeof form.next === 'string' ? form.next : undefined);
    const holder = key ? await authenticateApiKey(c.get('deps').db, key) : undefined;
    if (!holder) return render(c, <SignInPage next={next} error="This API key is unknown or revoked." />, 401);
    startSession(c, key);
    return c.redirect(next ?? homeOf(holder.role), 303);
  });

  web.post('/sign-out', sameOrigin, (c) => {
    endSession(c);
    return c.redirect('/sign-in', 303);
  });
}
