import { saveSentRequest } from '../../db/qbo-requests';
import type { ApiResult, QboApi } from '../api/client';
import type { WritePlan } from '../mappers';
import { now, type PlannedJob, type SendCtx } from './context';
import { bIdOf } from './ids';

/** A job's item id in a batch: its own, or the one it rode in when replaying another job's request. */
export const bIdFor = (pj: PlannedJob) => pj.bId ?? bIdOf(pj.job.id);

/** The path of one single (non-batch) write, with its operation in the query. */
export const writePath = (p: WritePlan) =>
  p.operation === 'taxcode'
    ? '/taxservice/taxcode'
    : `/${p.entity.toLowerCase()}${p.operation === 'delete' ? '?operation=delete' : p.operation === 'void' ? (p.entity === 'Payment' ? '?operation=update&include=void' : '?operation=void') : ''}`;

/** Sends one stored or new request body; the path may carry its own query (operation=…). */
export function post(api: QboApi, path: string, body: unknown, requestId: string, batch = false): Promise<ApiResult> {
  const [p, q] = path.split('?');
  const query = Object.fromEntries(new URLSearchParams(q ?? ''));
  return api.call({ method: 'POST', path: p, query: { ...query, requestid: requestId }, body, read: false, batch });
}

/** Saves a single write before sending it, so an in-doubt job replays exactly this request. */
export async function saveAndPost(ctx: SendCtx, jobs: PlannedJob[], requestId: string, path: string, body: unknown, batch = false): Promise<ApiResult> {
  await saveSentRequest(ctx.db, {
    companyId: ctx.companyId,
    requestId,
    path,
    body: JSON.stringify(body),
    now: now(ctx).toISOString(),
    // An earlier version's request stays that job's: if this replay is lost too, it is found again there.
    jobs: jobs.filter((pj) => !pj.plan.earlier).map((pj) => ({ jobId: pj.job.id, bId: batch ? bIdFor(pj) : null })),
  });
  return post(ctx.api, path, body, requestId, batch);
}

/** One metered read: the rows of `select * from Entity where …`. */
export async function queryOne(ctx: SendCtx, query: string): Promise<Record<string, any>[] | null> {
  const res = await ctx.api.call({ method: 'GET', path: '/query', query: { query }, read: true });
  if (res.kind !== 'ok') return null;
  const qr = res.json.QueryResponse ?? {};
  const key = Object.keys(qr).find((k) => Array.isArray(qr[k]));
  return key ? qr[key] : [];
}

/**
 * A short list (accounts, terms, tax agencies: tens of rows) read whole once per run: several
 * name look-ups of one run (a new company's "Net 30" and "Undeposited Funds" already exist) then
 * cost one metered read instead of one each. Inactive rows are left out, as QBO's queries do.
 */
export function shortList(ctx: SendCtx, entity: 'Account' | 'Term' | 'TaxAgency'): Promise<Record<string, any>[] | null> {
  ctx.lists ??= new Map();
  let rows = ctx.lists.get(entity);
  if (!rows) {
    rows = queryOne(ctx, `select * from ${entity} maxresults 1000`);
    ctx.lists.set(entity, rows);
  }
  return rows;
}
