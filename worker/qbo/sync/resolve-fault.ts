import type { JobOutcome } from '../../queue';
import { firstError, type QboError } from '../api/fault';
import { documentTotal, type CreditMemoInput, type InvoiceInput } from '../../ledger';
import { updateBody, type WritePlan } from '../mappers';
import { amount } from '../mappers/common';
import { qboQuote, sameName, singleRequestId } from './ids';
import type { PlannedJob, SendCtx } from './context';
import { post, queryOne, shortList } from './transport';

const SHORT_LISTS = new Set(['Account', 'Term']);

const NAME_FIELD: Record<string, string> = { Customer: 'DisplayName', Account: 'Name', Item: 'Name', Term: 'Name', TaxCode: 'Name', TaxAgency: 'DisplayName' };

/** "…DocNumber=1234 is assigned to TxnType=Invoice with TxnId=111" (qbo-api.md §2.10) → the holder. */
export function conflictingTxn(detail: string | undefined): { type: string; id: string } | null {
  const m = /TxnType\s*=\s*([A-Za-z]+)\s+with\s+TxnId\s*=\s*(\w+)/.exec(detail ?? '');
  return m ? { type: m[1], id: m[2] } : null;
}

/** Sends a follow-up single write and turns its answer into an outcome (no further fault handling). */
async function followUp(ctx: SendCtx, pj: PlannedJob, plan: WritePlan, requestId: string): Promise<JobOutcome> {
  const res = await post(ctx.api, `/${plan.entity.toLowerCase()}`, plan.body, requestId);
  if (res.kind === 'ok') {
    const e = res.json[plan.entity];
    return { kind: 'synced', qbId: String(e.Id), qbLock: e.SyncToken ?? null };
  }
  if (res.kind === 'throttled') return { kind: 'failed', code: 'QBO_THROTTLED', message: 'QuickBooks Online throttled the retry; it runs again next hour', retryable: true };
  if (res.kind === 'lost') return { kind: 'unknown', code: 'QBO_NO_ANSWER', message: res.message };
  const e = firstError(res.fault);
  return { kind: 'failed', code: `QBO_${e.code}`, message: `QuickBooks Online refused the retry of ${plan.entity} (${e.code}): ${e.message} ${e.detail}`.trim(), retryable: false };
}

/**
 * The faults that need one more look at QBO: a duplicate DocNumber is adopted only when the
 * existing transaction is ours (same customer, date and amount); a duplicate list name is
 * adopted and brought in line with Sharper; a stale SyncToken is re-read and the update retried.
 */
export async function resolveFault(ctx: SendCtx, pj: PlannedJob, reason: 'duplicate_doc_number' | 'duplicate_name' | 'stale_sync_token', fault?: QboError): Promise<JobOutcome> {
  const { job, plan } = pj;
  const body = plan.body as Record<string, any>;
  if (reason === 'duplicate_doc_number') {
    const rows = await queryOne(ctx, `select * from ${plan.entity} where DocNumber = ${qboQuote(String(body.DocNumber))}`);
    if (rows === null) return { kind: 'failed', code: 'QBO_DUPLICATE_CHECK_FAILED', message: `Could not look up ${plan.entity} ${body.DocNumber} in QuickBooks; will try again`, retryable: true };
    const total = job.kind === 'invoice' || job.kind === 'credit_memo' ? amount(documentTotal(job.data as InvoiceInput | CreditMemoInput)) : undefined;
    const ours = rows.find((r) => r.CustomerRef?.value === body.CustomerRef?.value && r.TxnDate === body.TxnDate && (total === undefined || Number(r.TotalAmt) === total));
    if (ours) return { kind: 'synced', qbId: String(ours.Id), qbLock: ours.SyncToken ?? null, message: `Adopted ${plan.entity} ${body.DocNumber} already in QuickBooks (Id ${ours.Id}): same customer, date and amount` };
    const other = rows[0];
    // QBO's Detail names the transaction holding the number, which may be of another type.
    const holder = conflictingTxn(fault?.detail);
    const what = other
      ? `${plan.entity} number ${body.DocNumber} (Id ${other.Id}, dated ${other.TxnDate}, total ${other.TotalAmt})`
      : holder
        ? `number ${body.DocNumber} on ${holder.type} ${holder.id}`
        : `${plan.entity} number ${body.DocNumber}`;
    return {
      kind: 'failed',
      code: 'DUPLICATE_DOC_NUMBER',
      message: `QuickBooks Online already has ${what} that is not this record${other ? ' (different customer, date or amount)' : ''}. Renumber one of them, then requeue.`,
      retryable: false,
    };
  }
  if (reason === 'duplicate_name') {
    const field = NAME_FIELD[plan.entity] ?? 'Name';
    const name = String(body[field]);
    const listed = SHORT_LISTS.has(plan.entity) ? (await shortList(ctx, plan.entity as 'Account' | 'Term'))?.filter((r) => sameName(r[field], name)) : undefined;
    // Not in the list read earlier this run (made since, or a long list): ask for the name itself.
    const rows = listed?.length ? listed : await queryOne(ctx, `select * from ${plan.entity} where ${field} = ${qboQuote(name)}`);
    if (rows === null) return { kind: 'failed', code: 'QBO_DUPLICATE_CHECK_FAILED', message: `Could not look up the ${plan.entity} named "${body[field]}" in QuickBooks; will try again`, retryable: true };
    const found = rows[0];
    if (!found) return { kind: 'failed', code: 'QBO_6240', message: `QuickBooks Online says the name "${body[field]}" is already used (perhaps by a vendor or employee, or an inactive record); rename one, then requeue.`, retryable: false };
    const update: WritePlan = { ...plan, operation: 'update', body: updateBody(plan.entity, body, { Id: String(found.Id), SyncToken: String(found.SyncToken) }) };
    return followUp(ctx, pj, update, singleRequestId(job, `n${found.Id}s${found.SyncToken}`));
  }
  const id = body.Id;
  const res = await ctx.api.call({ method: 'GET', path: `/${plan.entity.toLowerCase()}/${id}`, read: true });
  if (res.kind !== 'ok') return { kind: 'failed', code: 'QBO_5010', message: `${plan.entity} ${id} changed in QuickBooks and could not be re-read; will try again`, retryable: true };
  const token = String(res.json[plan.entity]?.SyncToken ?? '');
  const retry: WritePlan = { ...plan, body: { ...body, SyncToken: token } };
  if (plan.operation === 'delete' || plan.operation === 'void') {
    const path = plan.operation === 'delete' ? `/${plan.entity.toLowerCase()}?operation=delete` : plan.entity === 'Payment' ? '/payment?operation=update&include=void' : `/${plan.entity.toLowerCase()}?operation=void`;
    const r = await post(ctx.api, path, retry.body, singleRequestId(job, `s${token}`));
    return r.kind === 'ok' ? { kind: 'synced', qbId: String(id), qbLock: r.json[plan.entity]?.SyncToken ?? null } : { kind: 'failed', code: 'QBO_5010', message: `${plan.entity} ${id} kept changing in QuickBooks; requeue to try again`, retryable: true };
  }
  return followUp(ctx, pj, retry, singleRequestId(job, `s${token}`));
}

/**
 * Sharper's accounts-receivable account becomes QuickBooks' own A/R account (one read), so the
 * invoices and payments QBO posts there and Sharper's receivables are the same account. Only when
 * the company has none is an account created.
 */
export async function adoptReceivablesAccount(ctx: SendCtx, pj: PlannedJob): Promise<JobOutcome> {
  const rows = (await shortList(ctx, 'Account'))?.filter((r) => r.AccountType === 'Accounts Receivable') ?? null;
  if (rows === null) return { kind: 'failed', code: 'QBO_LOOKUP_FAILED', message: "Could not look up QuickBooks' accounts-receivable account; will try again", retryable: true };
  const own = rows.find((r) => r.Active !== false) ?? rows[0];
  if (own) {
    return { kind: 'synced', qbId: String(own.Id), qbLock: own.SyncToken ?? null, message: `Linked to QuickBooks' own accounts-receivable account "${own.FullyQualifiedName ?? own.Name}" (Id ${own.Id}), where QuickBooks posts invoices and payments` };
  }
  return followUp(ctx, pj, { ...pj.plan, operation: 'create', batchable: true }, singleRequestId(pj.job));
}
