import type { CreditMemoInput } from '../../ledger';
import { formatCents } from '../../ledger';
import { lookupQuickBooksIds, recordKey, type ClaimedJob } from '../../queue';
import { firstError } from '../api/fault';
import { amount } from '../mappers/common';
import { post, type SendCtx } from './send';

/**
 * QBO applies a credit memo to invoices through a zero-amount Payment that links both. Sent once,
 * right after the memo is created, with a requestid fixed by the job version and the memo's Id, so
 * a retry or a replay never applies it twice. Returns the line for the sync log.
 */
export async function applyCreditMemo(ctx: SendCtx, job: ClaimedJob, memoQbId: string): Promise<string | null> {
  const d = job.data as CreditMemoInput;
  if (!d.applications?.length) return null;
  const ids = await lookupQuickBooksIds({
    ctx: { db: ctx.db },
    companyId: ctx.companyId,
    target: 'qbo',
    records: [{ kind: 'customer', id: d.customer }, ...d.applications.map((a) => ({ kind: 'invoice' as const, id: a.invoice }))],
  });
  const invoices = d.applications.map((a) => `${a.invoice} (${formatCents(a.amount)})`).join(', ');
  const total = d.applications.reduce((s, a) => s + a.amount, 0);
  const body = {
    CustomerRef: { value: ids.get(recordKey('customer', d.customer))?.qbId },
    TxnDate: d.date,
    TotalAmt: 0,
    PrivateNote: `Sharper credit memo ${job.sourceId} applied`,
    Line: [
      ...d.applications.map((a) => ({ Amount: amount(a.amount), LinkedTxn: [{ TxnId: ids.get(recordKey('invoice', a.invoice))?.qbId, TxnType: 'Invoice' }] })),
      { Amount: amount(total), LinkedTxn: [{ TxnId: memoQbId, TxnType: 'CreditMemo' }] },
    ],
  };
  const res = await post(ctx.api, '/payment', body, `sa${job.id}v${job.version}m${memoQbId}`.slice(0, 50));
  if (res.kind === 'ok') return `Applied to invoice ${invoices} (QuickBooks payment ${res.json.Payment?.Id})`;
  const why = res.kind === 'fault' ? firstError(res.fault).message : res.kind === 'throttled' ? 'QuickBooks Online was busy' : res.message;
  return `Created, but applying it to invoice ${invoices} did not go through (${why}): apply the credit in QuickBooks (Receive Payment)`;
}
