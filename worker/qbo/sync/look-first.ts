import type { WritePlan } from '../mappers';
import { firstError } from '../api/fault';
import type { SendCtx } from './context';
import { qboQuote } from './ids';
import { queryOne } from './transport';

/** Name fields of QBO's list entities: a list record is found by its name. */
const NAME_FIELD: Record<string, string> = { Customer: 'DisplayName', Account: 'Name', Item: 'Name', Term: 'Name', TaxCode: 'Name' };

/** The Sharper marker a write carried: the last line of its PrivateNote ("Sharper payment P-1"). */
const markerOf = (note: unknown) => (typeof note === 'string' ? (note.split('\n').pop() ?? '').trim() : '');

/**
 * How to find in QBO what a create would have made (pure): a query QBO can answer, and the test a
 * row must pass. Transactions carry Sharper's marker in PrivateNote, which QBO cannot filter on, so
 * the query narrows by what it can filter (DocNumber; else customer and date; else date) and the
 * marker decides. Lists are unique by name in QBO.
 */
export interface FindQuery {
  query: string;
  matches: (row: Record<string, any>) => boolean;
  /** When the query asks for one value of one field, several such look-ups can share one `in (…)` query. */
  key?: { entity: string; field: string; value: string };
}

export function findQuery(plan: Pick<WritePlan, 'entity' | 'operation' | 'body'>): FindQuery | null {
  const b = plan.body as Record<string, any>;
  if (plan.operation === 'taxcode') return { query: `select * from TaxCode where Name = ${qboQuote(String(b.TaxCode))}`, matches: () => true };
  if (plan.operation !== 'create') return null;
  const nameField = NAME_FIELD[plan.entity];
  if (nameField) return { query: `select * from ${plan.entity} where ${nameField} = ${qboQuote(String(b[nameField]))}`, matches: () => true, key: { entity: plan.entity, field: nameField, value: String(b[nameField]) } };
  const marker = markerOf(b.PrivateNote);
  if (!marker) return null;
  const matches = (row: Record<string, any>) => markerOf(row.PrivateNote) === marker;
  if (b.DocNumber) return { query: `select * from ${plan.entity} where DocNumber = ${qboQuote(String(b.DocNumber))}`, matches, key: { entity: plan.entity, field: 'DocNumber', value: String(b.DocNumber) } };
  const date = b.TxnDate ? ` and TxnDate = ${qboQuote(String(b.TxnDate))}` : '';
  const customer = b.CustomerRef?.value;
  if (customer) return { query: `select * from ${plan.entity} where CustomerRef = ${qboQuote(String(customer))}${date}`, matches };
  if (date) return { query: `select * from ${plan.entity} where${date.slice(4)}`, matches };
  return null;
}

export type LookResult =
  /** QBO has what the write made (or, for a delete, no longer has the entity). */
  | { kind: 'found'; answer: Record<string, any> }
  /** QBO has nothing of it: the write never landed. */
  | { kind: 'absent' }
  /** Nothing to look for: an update or void is simply sent again (QBO's SyncToken guards it). */
  | { kind: 'resend' }
  | { kind: 'unreadable'; message: string };

/**
 * Looks in QBO for what a write whose answer was lost did, instead of trusting its requestid:
 * Intuit documents no replay window, and a replayed requestid may be answered with a fault
 * (qbo-api.md §2.3). One metered read. The answer is shaped like QBO's answer to the write.
 */
export async function lookInQuickBooks(ctx: SendCtx, plan: WritePlan, prefetched?: Prefetched): Promise<LookResult> {
  if (plan.operation === 'delete') {
    const res = await ctx.api.call({ method: 'GET', path: `/${plan.entity.toLowerCase()}/${encodeURIComponent(String(plan.body.Id))}`, read: true });
    if (res.kind === 'fault' && firstError(res.fault).code === '610') return { kind: 'found', answer: {} };
    if (res.kind === 'ok') return res.json[plan.entity]?.status === 'Deleted' ? { kind: 'found', answer: {} } : { kind: 'resend' };
    return { kind: 'unreadable', message: res.kind === 'fault' ? `${firstError(res.fault).code} ${firstError(res.fault).message}` : res.kind };
  }
  const find = findQuery(plan);
  if (!find) return { kind: 'resend' };
  const rows = (find.key && prefetched?.get(keyOf(find.key))) ?? (await queryOne(ctx, find.query));
  if (rows === null) return { kind: 'unreadable', message: `the look-up "${find.query}" got no answer` };
  const row = rows.find(find.matches);
  if (!row) return { kind: 'absent' };
  return { kind: 'found', answer: plan.operation === 'taxcode' ? { TaxCodeId: row.Id } : { [plan.entity]: row } };
}

/** Rows found for look-ups asked together, by `keyOf`; a key with no rows maps to []. */
export type Prefetched = Map<string, Record<string, any>[]>;

const keyOf = (k: { entity: string; field: string; value: string }) => `${k.entity}|${k.field}|${k.value.toLowerCase()}`;
const IN_LIST = 30;

/**
 * Asks QBO once per entity and field for all the look-ups of a lost batch that search one value
 * (`DocNumber in (…)`, `Name in (…)`): a batch of 30 lost invoices costs one metered read, not 30.
 * A look-up left out (or whose query failed) is asked on its own by `lookInQuickBooks`.
 */
export async function prefetchLookups(ctx: SendCtx, plans: WritePlan[]): Promise<Prefetched> {
  const groups = new Map<string, { entity: string; field: string; values: Set<string> }>();
  for (const plan of plans) {
    const key = plan.operation === 'delete' ? undefined : findQuery(plan)?.key;
    if (!key) continue;
    const g = groups.get(`${key.entity}|${key.field}`) ?? { entity: key.entity, field: key.field, values: new Set<string>() };
    g.values.add(key.value);
    groups.set(`${key.entity}|${key.field}`, g);
  }
  const out: Prefetched = new Map();
  for (const g of groups.values()) {
    if (g.values.size < 2) continue;
    const values = [...g.values];
    for (let i = 0; i < values.length; i += IN_LIST) {
      const part = values.slice(i, i + IN_LIST);
      const rows = await queryOne(ctx, `select * from ${g.entity} where ${g.field} in (${part.map(qboQuote).join(', ')}) maxresults 1000`);
      if (rows === null) continue;
      for (const v of part) out.set(keyOf({ ...g, value: v }), rows.filter((r) => String(r[g.field] ?? '').toLowerCase() === v.toLowerCase()));
    }
  }
  return out;
}
