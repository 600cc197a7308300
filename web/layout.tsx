import type { Child } from 'hono/jsx';
import type { Caller } from '../api/context.js';
import { pagesFor, type PageKey } from './access.js';

type LayoutProps = { title: string; caller?: Caller | undefined; current?: PageKey | undefined; children?: Child };

/** Every page: a skip link, the navigation the caller's role may use, sign-out, and the page in <main>. */
export function Layout({ title, caller, current, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Tailgate`}</title>
        <link rel="stylesheet" href="/static/dashboard.css" />
        <script src="/static/dashboard.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <span class="brand">Tailgate</span>
          {caller && (
            <nav aria-label="Main">
              <ul>
                {pagesFor(caller.role).map((p) => (
                  <li>
                    <a href={p.href} aria-current={p.key === current ? 'page' : undefined}>
                      {p.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          {caller && (
            <form method="post" action="/sign-out" class="sign-out">
              <span class="who">{caller.role === 'partner' ? `partner ${caller.partnerId ?? ''}` : caller.role}</span>
              <button type="submit">Sign out</button>
            </form>
          )}
        </header>
        <main id="main" tabindex={-1}>
          <h1>{title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
}

/** A page that only says something: not found, not for your role, something went wrong. */
export const MessagePage = ({ title, caller, text }: { title: string; caller?: Caller | undefined; text: string }) => (
  <Layout title={title} caller={caller}>
    <p>{text}</p>
    <p>
      <a href="/">Back to the dashboard</a>
    </p>
  </Layout>
);
