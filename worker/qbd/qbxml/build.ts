import type { RecordKind } from '../../db/schema/enums';
import { err, ok, type Result } from '../../shared/result';
import { TooLong } from '../xml';
import { MissingReference, MissingSetting, UnsupportedChange } from './common';
import { journalEntryRq } from './journal';
import { accountRq, customerRq, itemRq, salesTaxItemRq, termsRq } from './lists';
import { findListRq, findTxnRq, isListKind, rereadRq } from './lookups';
import { paymentRq, refundReplaceRq, refundRq } from './payments';
import { removalRq } from './removal';
import { creditApplicationRq, creditMemoRq, creditTopUpRq, invoiceRq } from './sales';
import { requestIdOf, type BuildError, type BuildJob, type BuildRefs, type QbRequest, type RequestPurpose } from './types';

type Builder = (job: BuildJob, refs: BuildRefs, requestId: string) => string;

const WRITERS: Record<RecordKind, Builder> = {
  account: accountRq,
  terms: termsRq,
  sales_tax_item: salesTaxItemRq,
  customer: customerRq,
  item: itemRq,
  invoice: invoiceRq,
  credit_memo: creditMemoRq,
  payment: paymentRq,
  refund: refundRq,
  journal_entry: journalEntryRq,
};

/**
 * The qbXML requests for one step of one job: `write` (Add/Mod/void/delete, plus a credit memo's
 * applications), `lookup`/`adopt` (is it already in QuickBooks?) or `reread` (fresh EditSequence).
 * An empty list means there is nothing to send (voiding something QuickBooks never had).
 */
export function buildJobRequests(job: BuildJob, refs: BuildRefs, purpose: RequestPurpose): Result<QbRequest[], BuildError> {
  const one = (p: RequestPurpose, xml: string): QbRequest => ({ requestId: requestIdOf(job.id, p), jobId: job.id, purpose: p, xml });
  try {
    switch (purpose) {
      case 'lookup':
      case 'adopt':
        return ok([one(purpose, isListKind(job.kind) ? findListRq(job, requestIdOf(job.id, purpose)) : findTxnRq(job, refs, requestIdOf(job.id, purpose)))]);
      case 'reread':
        return ok(job.existing ? [one('reread', rereadRq({ ...job, existing: job.existing }, requestIdOf(job.id, 'reread')))] : []);
      case 'apply':
        // A follow-up: the memo's Mod went through and left credit that Sharper applies.
        return ok(job.kind === 'credit_memo' && job.existing ? [one('apply', creditTopUpRq({ ...job, existing: job.existing }, refs, requestIdOf(job.id, 'apply')))] : []);
      case 'replace':
      case 'write': {
        if (job.action !== 'upsert') return ok(job.existing ? [one('write', removalRq({ ...job, existing: job.existing }, requestIdOf(job.id, 'write')))] : []);
        if (job.kind === 'refund' && job.existing) return ok([one('replace', refundReplaceRq({ ...job, existing: job.existing }, refs, requestIdOf(job.id, 'replace')))]);
        const main = one('write', WRITERS[job.kind](job, refs, requestIdOf(job.id, 'write')));
        const apply = job.kind === 'credit_memo' ? creditApplicationRq(job, refs, requestIdOf(job.id, 'apply')) : null;
        return ok(apply ? [main, one('apply', apply)] : [main]);
      }
    }
  } catch (e) {
    if (e instanceof TooLong) return err({ reason: 'too_long', field: e.field, limit: e.limit, value: e.value });
    if (e instanceof MissingReference) return err({ reason: 'missing_reference', kind: e.kind, id: e.id, field: e.field });
    if (e instanceof MissingSetting) return err({ reason: 'missing_setting', setting: e.setting, message: e.message });
    if (e instanceof UnsupportedChange) return err({ reason: 'unsupported_change', message: e.message });
    throw e;
  }
}
