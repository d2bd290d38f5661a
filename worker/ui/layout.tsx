import type { Child } from 'hono/jsx';
import { STYLES } from './styles';

export interface LayoutProps {
  title: string;
  companyName?: string;
  active?: 'log' | 'failures' | 'health' | 'reconciliation' | 'settings';
  who?: string;
  children: Child;
}

const NAV = [
  ['log', '/app/log', 'Sync log'],
  ['failures', '/app/failures', 'Failures'],
  ['health', '/app/health', 'Health'],
  ['reconciliation', '/app/reconciliation', 'Reconciliation'],
  ['settings', '/app/settings', 'Settings'],
] as const;

export function Layout({ title, companyName, active, who, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Accounting Sync`}</title>
        <style>{STYLES}</style>
      </head>
      <body>
        <header>
          <span class="brand">Accounting Sync</span>
          {companyName && <strong>{companyName}</strong>}
          {active && (
            <nav>
              {NAV.map(([key, href, label]) => (
                <a href={href} class={key === active ? 'active' : ''}>
                  {label}
                </a>
              ))}
            </nav>
          )}
          {who && (
            <span class="who">
              {who}{' '}
              <form method="post" action="/app/sign-out" style="display:inline">
                <button class="secondary" type="submit">
                  Sign out
                </button>
              </form>
            </span>
          )}
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}

export function StateBadge({ state }: { state: string }) {
  return <span class={`state state-${state}`}>{state}</span>;
}
