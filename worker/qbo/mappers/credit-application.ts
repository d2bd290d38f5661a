import type { ClaimedJob } from '../../queue';
import { appliedTotal, formatCents, type CreditMemoInput } from '../../ledger';
import { err, ok, type Result } from '../../shared/result';
import { amount, RefResolver, sharperNote } from './common';

/**
 * A credit memo's applications as QuickBooks Online holds them: one zero-amount Payment linking
 * the memo and its invoices (`signature` says what it applies, so a changed memo is recognised).
 */
export interface StoredApplication {
  paymentQbId: string;
  syncToken: string | null;
  signature: string;
}

/**
 * What a credit memo version applies, in a form that compares equal when nothing relevant changed
 * (customer, date, invoices and amounts; order does not matter). Null when it applies nothing.
 */
export function applicationSignature(d: Pick<CreditMemoInput, 'customer' | 'date' | 'applications'>): string | null {
  if (d.applications.length === 0) return null;
  const lines = d.applications.map((a) => [a.invoice, a.amount] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify({ customer: d.customer, date: d.date, lines });
}

/** "invoice INV-1 (30.00), invoice INV-2 (12.50)": what a memo applies, for the sync log (first 5 named). */
export function describeApplications(d: Pick<CreditMemoInput, 'applications'>): string {
  const named = d.applications.slice(0, 5).map((a) => `invoice ${a.invoice} (${formatCents(a.amount)})`);
  const more = d.applications.length - named.length;
  return more > 0 ? `${named.join(', ')} and ${more} more invoices` : named.join(', ');
}

/**
 * The Payment that applies a credit memo in QBO: TotalAmt 0, one line per invoice (the amount it
 * takes off that invoice) and one line linking the memo for the total, so no money moves and the
 * customer's balance is unchanged; only which items are open changes.
 */
function mapCreditApplication(id: string, d: CreditMemoInput, memoQbId: string, refs: RefResolver) {
  const total = appliedTotal(d);
  return {
    CustomerRef: refs.ref('customer', d.customer, 'customer'),
    TotalAmt: 0,
    TxnDate: d.date,
    // The Sharper marker names the memo: one application payment per memo, so two would be a duplicate.
    PrivateNote: sharperNote('credit_memo', id, `Applies credit memo ${d.docNumber} to ${describeApplications(d)}`),
    Line: [
      ...d.applications.map((a, i) => ({
        Amount: amount(a.amount),
        LinkedTxn: [{ TxnId: refs.ref('invoice', a.invoice, `applications[${i}].invoice`)?.value ?? '', TxnType: 'Invoice' }],
      })),
      { Amount: amount(total), LinkedTxn: [{ TxnId: memoQbId, TxnType: 'CreditMemo' }] },
    ],
  };
}

/** The next write a credit memo job needs, besides the memo itself (which `planWrite` plans). */
export type CreditMemoStep =
  /** Remove the application QBO holds (it no longer matches, or the memo goes): delete its Payment. */
  | { step: 'unapply'; body: Record<string, unknown> }
  /** Apply this version to its invoices: create the Payment. */
  | { step: 'apply'; body: Record<string, unknown> }
  /** Write the memo itself; `thenApply` when its application must follow. */
  | { step: 'memo'; thenApply: boolean }
  /** QBO already holds this version and its application. */
  | { step: 'done' };

/**
 * Decides a credit memo job's next write from what QBO holds (the stored application) and whether
 * the memo was written earlier in this claim (`memoWritten`). An application that must change is
 * removed before the memo changes (the memo may shrink below what is applied, change customer or be
 * deleted) and created again after it. A job that resumes in a later run writes the memo again: an
 * update (the id map has it since its first write), harmless, and also what a drift restore needs.
 */
/** Whether writing this memo version is to be followed by its application (none in QBO yet). */
export function needsApplication(job: Pick<ClaimedJob, 'action' | 'data'>, applied: StoredApplication | undefined): boolean {
  return job.action === 'upsert' && applicationSignature(job.data as CreditMemoInput) !== null && !applied;
}

export function nextCreditMemoStep(
  job: Pick<ClaimedJob, 'sourceId' | 'version' | 'action' | 'data' | 'existing'>,
  applied: StoredApplication | undefined,
  memoWritten: boolean,
  lookup: (kind: any, id: string) => string | undefined,
): Result<CreditMemoStep, { reason: 'missing_refs'; refs: RefResolver['missing'] }> {
  // QBO's API cannot void a credit memo (planWrite holds it): leave its application as it is too.
  if (job.action === 'void') return ok({ step: 'memo', thenApply: false });
  const d = job.data as CreditMemoInput;
  const wanted = job.action === 'upsert' ? applicationSignature(d) : null;
  // Also when QBO no longer has the memo (it is created anew): that application linked the old one.
  if (applied && (applied.signature !== wanted || job.existing === null)) {
    return ok({ step: 'unapply', body: { Id: applied.paymentQbId, SyncToken: applied.syncToken ?? '0' } });
  }
  if (job.action !== 'upsert' || !memoWritten || !job.existing) return ok({ step: 'memo', thenApply: needsApplication(job, applied) });
  if (wanted === null || applied) return ok({ step: 'done' });
  const refs = new RefResolver(lookup);
  const body = mapCreditApplication(job.sourceId, d, job.existing.qbId, refs);
  if (refs.missing.length > 0) return err({ reason: 'missing_refs', refs: refs.missing });
  return ok({ step: 'apply', body });
}
