import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../api/context.js';
import type { Role } from '../openapi/common.js';

export type PageKey =
  | 'board'
  | 'orders'
  | 'tickets'
  | 'qualify'
  | 'tasks'
  | 'outbox'
  | 'scorecards'
  | 'benchmarks'
  | 'finance'
  | 'credits'
  | 'whatIf'
  | 'partners';

/**
 * The dashboard's pages and who may open them: the same roles as the API operations each page reads (jeopardy:
 * admin, desk, partner; penalty reports, credits and policy what-ifs: admin, finance; qualifying, ordering, the desk's
 * queue and the escalation outbox: admin, desk; partners, their certification and activation: admin).
 * The navigation lists only these, and every route checks them.
 */
export const dashboardPages: readonly { key: PageKey; href: string; label: string; roles: readonly Role[] }[] = [
  { key: 'board', href: '/', label: 'Jeopardy', roles: ['admin', 'desk', 'partner'] },
  { key: 'orders', href: '/orders', label: 'Orders', roles: ['admin', 'desk', 'finance', 'partner'] },
  { key: 'tickets', href: '/tickets', label: 'Tickets', roles: ['admin', 'desk', 'finance', 'partner'] },
  { key: 'qualify', href: '/qualify', label: 'Qualify and order', roles: ['admin', 'desk'] },
  { key: 'tasks', href: '/tasks', label: 'Desk queue', roles: ['admin', 'desk'] },
  { key: 'outbox', href: '/outbox', label: 'Outbox', roles: ['admin', 'desk'] },
  { key: 'scorecards', href: '/scorecards', label: 'Scorecards', roles: ['admin', 'desk', 'finance'] },
  { key: 'benchmarks', href: '/benchmarks', label: 'Benchmarks', roles: ['admin', 'desk', 'finance'] },
  { key: 'finance', href: '/finance', label: 'Finance', roles: ['admin', 'finance'] },
  { key: 'credits', href: '/credits', label: 'Credits', roles: ['admin', 'finance'] },
  { key: 'whatIf', href: '/what-if', label: 'Policy what-if', roles: ['admin', 'finance'] },
  { key: 'partners', href: '/partners', label: 'Partners', roles: ['admin'] },
];

export const mayOpen = (role: Role, key: PageKey): boolean =>
  dashboardPages.some((p) => p.key === key && p.roles.includes(role));

export const pagesFor = (role: Role) => dashboardPages.filter((p) => p.roles.includes(role));

/** Where a role lands after signing in: its first page (finance has no jeopardy board). */
export const homeOf = (role: Role): string => pagesFor(role)[0]?.href ?? '/orders';

/** A partner key is bound to one partner: it filters every list to that partner. Other roles filter as asked. */
export const partnerScope = (caller: AppEnv['Variables']['caller'], asked?: string): string | undefined =>
  caller.role === 'partner' ? (caller.partnerId ?? '') : asked || undefined;

/** Route guard; `refuse` renders the page that says so. */
export const onlyFor =
  (key: PageKey, refuse: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (!mayOpen(c.get('caller').role, key)) return refuse(c, next);
    await next();
  };
