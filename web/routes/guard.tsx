import type { Context, MiddlewareHandler } from 'hono';
import { every } from 'hono/combine';
import type { AppEnv } from '../../api/context.js';
import { onlyFor, type PageKey } from '../access.js';
import { MessagePage } from '../layout.js';
import { render } from '../render.js';
import { requireSession, sameOrigin } from '../session.js';

const refuse: MiddlewareHandler<AppEnv> = (c) =>
  render(
    c,
    <MessagePage title="Not available" caller={c.get('caller')} text="Your role cannot open this page." />,
    403,
  );

/** A signed-in caller whose role may open the page; form posts must also come from this site. */
export const guard = (key: PageKey): MiddlewareHandler<AppEnv> => every(requireSession, onlyFor(key, refuse));
export const guardPost = (key: PageKey): MiddlewareHandler<AppEnv> =>
  every(sameOrigin, requireSession, onlyFor(key, refuse));

/** The same answer for "no such thing" and "not yours": a partner key learns nothing about other partners. */
export const notFound = (c: Context<AppEnv>, what: string) =>
  render(c, <MessagePage title="Not found" caller={c.get('caller')} text={`There is no ${what} here.`} />, 404);
