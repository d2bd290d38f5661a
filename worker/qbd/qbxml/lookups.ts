import type { RecordKind } from '../../db/schema/enums';
import { el, text } from '../xml';
import { listType } from './lists';
import { txnType } from './removal';
import type { BuildJob, BuildRefs } from './types';

const LISTS: RecordKind[] = ['account', 'terms', 'sales_tax_item', 'customer', 'item'];
export const isListKind = (kind: RecordKind) => LISTS.includes(kind);

/** The customer a transaction belongs to (journal entries have none at the header). */
export function customerOf(job: Pick<BuildJob, 'kind' | 'data'>): string | undefined {
  return job.kind === 'journal_entry' ? undefined : (job.data as { customer?: string }).customer;
}

/** The RefNumber Sharper gave the transaction, if any. */
export function refNumberOf(job: Pick<BuildJob, 'kind' | 'data'>): string | undefined {
  const d = job.data as { docNumber?: string; reference?: string };
  return job.kind === 'payment' ? d.reference : d.docNumber;
}

/**
 * "Is it already in QuickBooks?" for a list record: every element of its type whose name ends
 * with the record's name, active or not; the answer is narrowed to the exact name in code.
 */
export function findListRq(job: BuildJob, requestId: string): string {
  const name = (job.data as { name: string }).name;
  return el(`${listType(job)}QueryRq`, [
    text('ActiveStatus', 'All'),
    el('NameFilter', [text('MatchCriterion', 'EndsWith'), text('Name', name)]),
  ], { requestID: requestId });
}

/**
 * "Is it already in QuickBooks?" for a transaction: by date, customer and RefNumber (QuickBooks
 * cannot filter by ExternalGUID; the answer is matched on it, or on the exact RefNumber, in code).
 */
export function findTxnRq(job: BuildJob, refs: BuildRefs, requestId: string): string {
  const date = (job.data as { date: string }).date;
  const customer = customerOf(job);
  const customerId = customer ? refs.id('customer', customer) : null;
  const refNumber = refNumberOf(job);
  return el(`${txnType(job)}QueryRq`, [
    el('TxnDateRangeFilter', [text('FromTxnDate', date), text('ToTxnDate', date)]),
    customerId ? el('EntityFilter', text('ListID', customerId)) : null,
    refNumber ? el('RefNumberFilter', [text('MatchCriterion', 'StartsWith'), text('RefNumber', refNumber)]) : null,
  ], { requestID: requestId });
}

/** Re-reads one record by id, for its current EditSequence. */
export function rereadRq(job: BuildJob & { existing: { qbId: string } }, requestId: string): string {
  if (isListKind(job.kind)) return el(`${listType(job)}QueryRq`, text('ListID', job.existing.qbId), { requestID: requestId });
  return el(`${txnType(job)}QueryRq`, text('TxnID', job.existing.qbId), { requestID: requestId });
}
