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
export function findQuery(plan: Pick<WritePlan, 'entity' | 'operation' | 'body'>): { query: string; matches: (row: Record<string, any>) => boolean } | null {
  const b = plan.body as Record<string, any>;
  if (plan.operation === 'taxcode') return { query: `select * from TaxCode where Name = ${qboQuote(String(b.TaxCode))}`, matches: () => true };
  if (plan.operation !== 'create') return null;
  const nameField = NAME_FIELD[plan.entity];
  if (nameField) return { query: `select * from ${plan.entity} where ${nameField} = ${qboQuote(String(b[nameField]))}`, matches: () => true };
  const marker = markerOf(b.PrivateNote);
  if (!marker) return null;
  const matches = (row: Record<string, any>) => markerOf(row.PrivateNote) === marker;
  if (b.DocNumber) return { query: `select * from ${plan.entity} where DocNumber = ${qboQuote(String(b.DocNumber))}`, matches };
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
export async function lookInQuickBooks(ctx: SendCtx, plan: WritePlan): Promise<LookResult> {
  if (plan.operation === 'delete') {
    const res = await ctx.api.call({ method: 'GET', path: `/${plan.entity.toLowerCase()}/${encodeURIComponent(String(plan.body.Id))}`, read: true });
    if (res.kind === 'fault' && firstError(res.fault).code === '610') return { kind: 'found', answer: {} };
    if (res.kind === 'ok') return res.json[plan.entity]?.status === 'Deleted' ? { kind: 'found', answer: {} } : { kind: 'resend' };
    return { kind: 'unreadable', message: res.kind === 'fault' ? `${firstError(res.fault).code} ${firstError(res.fault).message}` : res.kind };
  }
  const find = findQuery(plan);
  if (!find) return { kind: 'resend' };
  const rows = await queryOne(ctx, find.query);
  if (rows === null) return { kind: 'unreadable', message: `the look-up "${find.query}" got no answer` };
  const row = rows.find(find.matches);
  if (!row) return { kind: 'absent' };
  return { kind: 'found', answer: plan.operation === 'taxcode' ? { TaxCodeId: row.Id } : { [plan.entity]: row } };
}
