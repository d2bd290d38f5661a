import type { Principal } from '../companies';
import type { CompanyRow } from '../db/companies';
import { findLastWebConnectorContact } from '../db/extension-qbd';
import type { RequestCtx } from '../http/context';
import { qboStatus } from '../qbo';
import { getJobCounts, listSyncLog } from '../queue';
import { companiesOf } from './companies';

/** Failed and held jobs listed per company in the popup; the rest are one click away in the log. */
export const PROBLEMS_SHOWN = 25;
const HOUR_MS = 3_600_000;

type QboStatus = Awaited<ReturnType<typeof qboStatus>>;

export type ConnectionView =
  | {
      target: 'qbo';
      state: QboStatus['status'];
      message: string | null;
      realmId: string | null;
      /** The Health page's warning, so the popup tells the bookkeeper as early (30 days before the grant ends). */
      reconnectBy: QboStatus['reconnectBy'];
    }
  | { target: 'qbd'; lastContactAt: string | null; lastResult: string | null; known: boolean }
  | { target: 'none' };

/** The cron runs at the top of every hour (wrangler.toml `0 * * * *`). */
export function nextTopOfHour(now: Date): string {
  return new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS).toISOString();
}

async function connectionOf(ctx: RequestCtx, company: CompanyRow) {
  if (company.accountingSystem === 'qbo') {
    const status = await qboStatus({ ctx, companyId: company.id });
    const connection: ConnectionView = { target: 'qbo', state: status.status, message: status.message, realmId: status.realmId, reconnectBy: status.reconnectBy };
    const nextSyncAt = status.connected ? nextTopOfHour(ctx.now) : null;
    return { connection, lastSyncAt: status.lastSync?.finishedAt ?? null, nextSyncAt, nextSyncNote: nextSyncAt ? 'hourly' : 'after QuickBooks Online is reconnected' };
  }
  if (company.accountingSystem === 'qbd') {
    const wc = await findLastWebConnectorContact(ctx.db, company.id);
    const connection: ConnectionView = { target: 'qbd', lastContactAt: wc?.lastSessionAt ?? null, lastResult: wc?.lastResult ?? null, known: Boolean(wc?.lastSessionAt) };
    return { connection, lastSyncAt: wc?.lastSessionAt ?? null, nextSyncAt: null, nextSyncNote: 'when the QuickBooks Web Connector next runs' };
  }
  return { connection: { target: 'none' } as ConnectionView, lastSyncAt: null, nextSyncAt: null, nextSyncNote: 'this company does not sync' };
}

/** Everything the popup shows, for every company the token sees, in one request. */
export async function extensionSummary({ ctx, principal }: { ctx: RequestCtx; principal: Principal }) {
  const companies = [];
  for (const company of await companiesOf(ctx.db, principal)) {
    const [conn, counts, problems] = await Promise.all([
      connectionOf(ctx, company),
      getJobCounts({ ctx, companyId: company.id, now: ctx.now }),
      listSyncLog({ ctx, companyId: company.id, filter: { state: ['failed', 'held'] }, limit: PROBLEMS_SHOWN }),
    ]);
    const operator = principal.role === 'operator';
    companies.push({
      id: company.id,
      name: company.name,
      accountingSystem: company.accountingSystem,
      role: principal.role,
      ...conn,
      counts: counts.byState,
      problems: problems.jobs.map((j) => ({ id: j.id, type: j.type, state: j.state, record: j.record, code: j.code, message: j.message, updatedAt: j.updatedAt })),
      moreProblems: problems.nextCursor !== null,
      actions: {
        requeue: operator ? { allowed: true as const } : { allowed: false as const, reason: 'Requeue needs the operator role; your token is a viewer' },
        syncNow:
          company.accountingSystem !== 'qbo'
            ? { allowed: false as const, reason: 'Sync now is for QuickBooks Online companies; QuickBooks Desktop syncs when the Web Connector runs' }
            : operator
              ? { allowed: true as const }
              : { allowed: false as const, reason: 'Sync now needs the operator role; your token is a viewer' },
      },
    });
  }
  return { companies };
}
