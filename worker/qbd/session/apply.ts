import { appliedTotal, documentTotal, formatCents, type AccountInput, type CreditMemoInput } from '../../ledger';
import { amountCents } from '../qbxml/common';
import type { ClaimedJob, JobOutcome } from '../../queue';
import { ACCOUNT_TYPES } from '../qbxml/lists';
import { isListKind, refNumberOf } from '../qbxml/lookups';
import { identityOf, retField, type QbResponse } from '../qbxml/response';
import { decideStatus } from '../qbxml/status';
import type { RequestPurpose } from '../qbxml/types';
import type { XmlObject } from '../xml';
import { describeJob } from './outcomes';

/** What one job's answer leads to: a final outcome, or another step in the next message. */
export type Next = { outcome: JobOutcome } | { followUp: RequestPurpose; job?: ClaimedJob; note?: string; forgetQbId?: string };

export const MAX_REREADS = 2;

/**
 * The answer to deleting a refund that changed (qbXML cannot modify one): the changed version is
 * added in the next message. Already gone (3120: an earlier delete whose answer was lost) is the
 * same. Anything else leaves QuickBooks' refund as it was, and the job says why.
 */
export function applyReplace(job: ClaimedJob, rs: QbResponse): Next {
  if (!job.existing) return { followUp: 'write' };
  const d = decideStatus({ code: rs.statusCode, severity: rs.severity, message: rs.message }, 'delete');
  if (d.reason === 'ok' || d.reason === 'gone') {
    return addAgain(job, job.existing.qbId, `QuickBooks cannot change a refund, so Sharper deleted the one it had (TxnID ${job.existing.qbId}) and added this version in its place.`);
  }
  return {
    outcome: {
      kind: 'failed',
      code: String(rs.statusCode),
      retryable: d.reason === 'retry_later',
      message: `${describeJob(job)} changed in Sharper; QuickBooks cannot change a refund, and deleting the one it has (to add this version) failed: ${'message' in d ? d.message : rs.message}`,
    },
  };
}

/** The record is no longer in QuickBooks as `qbId`: forget that id and add it in the next message. */
const addAgain = (job: ClaimedJob, qbId: string, note: string): Next => ({ followUp: 'write', job: { ...job, existing: null }, forgetQbId: qbId, note });

/** The answer to a credit memo's top-up, sent on its own after the memo's Mod went through. */
export function applyTopUp(job: ClaimedJob, rs: QbResponse): Next {
  const identity = { qbId: job.existing?.qbId ?? null, qbLock: job.existing?.qbLock ?? null };
  if (rs.statusCode === 0) return { outcome: { kind: 'synced', ...identity, message: 'Changed in QuickBooks, and the added credit applied to its invoices.' } };
  const doc = (job.data as CreditMemoInput).docNumber ?? job.sourceId;
  return {
    outcome: {
      kind: 'failed',
      code: String(rs.statusCode),
      retryable: false,
      message: `Credit memo ${doc} is changed in QuickBooks, but applying the added credit to its invoices failed (QuickBooks ${rs.statusCode}: ${rs.message}). Fix that in QuickBooks and requeue this job, or apply the credit there (Receive Payments › Discounts & Credits).`,
    },
  };
}

/**
 * After a credit memo's Mod: the credit QuickBooks has left (CreditRemaining in its answer) less
 * what Sharper's version leaves (its total less its applications and the refunds QuickBooks has
 * of it). Positive means Sharper applies more than QuickBooks has — the top-up follows; zero means
 * nothing to do, also when a top-up whose answer was lost had landed (so it is never applied
 * twice). Unreadable answers count as nothing to do.
 */
function memoCreditGap(job: ClaimedJob, rs: QbResponse, refunded: number): number {
  const d = job.data as CreditMemoInput;
  const left = retField(rs.rets[0] ?? {}, 'CreditRemaining');
  const remaining = left === undefined ? null : amountCents(left);
  if (remaining === null) return 0;
  return remaining - (documentTotal(d) - appliedTotal(d) - refunded);
}

/** Finds the record among query results: by ExternalGUID when QuickBooks has one, else by name / RefNumber. */
export function matchRet(job: ClaimedJob, rets: XmlObject[], guid: string, parentQbId: string | null): XmlObject | undefined {
  if (isListKind(job.kind)) {
    const name = (job.data as { name: string }).name.toLowerCase();
    return rets.find((r) => (retField(r, 'Name') ?? '').toLowerCase() === name && (job.kind !== 'account' || (retField(r, 'ParentRef.ListID') ?? null) === parentQbId));
  }
  const byGuid = rets.find((r) => retField(r, 'ExternalGUID') === guid);
  if (byGuid) return byGuid;
  const refNumber = refNumberOf(job);
  const date = (job.data as { date: string }).date;
  // Without our GUID on it, only an exact RefNumber on the same date is taken as ours.
  return refNumber ? rets.find((r) => !retField(r, 'ExternalGUID') && retField(r, 'RefNumber') === refNumber && retField(r, 'TxnDate') === date) : undefined;
}

const synced = (ret: XmlObject, message?: string): JobOutcome => ({ kind: 'synced', ...identityOf(ret), message });

/** Applies the answer to a job's write (and, for a credit memo, its applications). */
export function applyWrite(job: ClaimedJob, rs: QbResponse, apply: QbResponse | undefined, rereads: number, creditRefunded = 0): Next {
  const d = decideStatus({ code: rs.statusCode, severity: rs.severity, message: rs.message }, job.action);
  switch (d.reason) {
    case 'ok': {
      if (job.action !== 'upsert') return { outcome: { kind: 'synced', qbId: job.existing?.qbId ?? null, message: job.action === 'void' ? 'Voided in QuickBooks.' : 'Deleted from QuickBooks.' } };
      const identity = rs.identity;
      const warn = rs.statusCode !== 0 ? `QuickBooks saved it with a warning (${rs.statusCode}: ${rs.message}).` : undefined;
      const applyNote = apply && apply.statusCode !== 0 ? `The credit memo is in QuickBooks, but applying it to the invoices failed (QuickBooks ${apply.statusCode}: ${apply.message}); apply it in QuickBooks (Receive Payments › Discounts & Credits).` : undefined;
      const message = [warn, applyNote].filter(Boolean).join(' ') || undefined;
      if (job.kind === 'credit_memo' && job.existing) {
        const gap = memoCreditGap(job, rs, creditRefunded);
        if (gap > 0) return { followUp: 'apply', job: { ...job, existing: { qbId: job.existing.qbId, qbLock: identity?.qbLock ?? job.existing.qbLock } } };
        if (gap < 0) {
          const doc = (job.data as CreditMemoInput).docNumber ?? job.sourceId;
          return { outcome: { kind: 'held', code: 'CREDIT_OVERAPPLIED', message: `Credit memo ${doc} is changed in QuickBooks, but QuickBooks has ${formatCents(-gap)} more of it used (applied to invoices or refunded) than Sharper does. Unapply that much in QuickBooks (Receive Payments › Discounts & Credits), then requeue this job.` } };
        }
      }
      return identity ? { outcome: { kind: 'synced', ...identity, message } } : { outcome: { kind: 'synced', qbId: job.existing?.qbId ?? null, message } };
    }
    case 'name_in_use':
      return { followUp: 'adopt' };
    case 'stale_edit_sequence':
      if (rereads >= MAX_REREADS) {
        return { outcome: { kind: 'failed', code: '3200', retryable: true, message: `${describeJob(job)} keeps changing in QuickBooks while Sharper updates it (edit sequence out of date ${rereads + 1} times); Sharper will try again later.` } };
      }
      return { followUp: 'reread' };
    case 'missing_reference':
      return {
        outcome: {
          kind: 'failed',
          code: '3140',
          retryable: false,
          message: `QuickBooks has no ${d.objectType} "${d.value}" that ${describeJob(job)} refers to — it was probably deleted or merged in QuickBooks. Restore it in QuickBooks (or make Sharper send it again), then requeue. (${d.message})`,
        },
      };
    case 'inactive_reference':
      return { outcome: { kind: 'held', code: '3140', message: d.message } };
    case 'retry_later':
      return { outcome: { kind: 'failed', code: d.code, retryable: true, message: d.message } };
    case 'gone':
      return { outcome: { kind: 'synced', qbId: job.existing?.qbId ?? null, message: d.message } };
    case 'deleted_in_quickbooks':
      if (!job.existing) return { outcome: { kind: 'failed', code: d.code, retryable: false, message: `${d.message} — report it.` } };
      // The next message adds it anew (an Add can't get 3120, so this cannot loop).
      return addAgain(job, job.existing.qbId, `It had been deleted in QuickBooks (${d.message}), so Sharper added it again as a new ${isListKind(job.kind) ? 'list entry' : 'transaction'}.`);
    case 'rejected':
      return { outcome: { kind: 'failed', code: d.code, retryable: false, message: d.message } };
    case 'no_match':
      return { outcome: { kind: 'failed', code: String(rs.statusCode), retryable: false, message: `QuickBooks answered "${rs.message}" to a change; report it.` } };
  }
}

/** An in-doubt Add: adopt what QuickBooks already has, or send it now. */
export function applyLookup(job: ClaimedJob, rs: QbResponse, guid: string, parentQbId: string | null): Next {
  const d = decideStatus({ code: rs.statusCode, severity: rs.severity, message: rs.message }, 'upsert');
  if (d.reason === 'ok' || d.reason === 'no_match') {
    const ret = d.reason === 'ok' ? matchRet(job, rs.rets, guid, parentQbId) : undefined;
    if (ret) return { outcome: synced(ret, 'Already in QuickBooks, verified: the earlier send had arrived, so it was not sent again.') };
    return { followUp: 'write' };
  }
  if (d.reason === 'retry_later') return { outcome: { kind: 'failed', code: d.code, retryable: true, message: d.message } };
  return { outcome: { kind: 'failed', code: String(rs.statusCode), retryable: true, message: `Could not check QuickBooks for ${describeJob(job)} before re-sending it (QuickBooks ${rs.statusCode}: ${rs.message}); Sharper will check again later.` } };
}

/** After 3100 (name in use): link to the existing element only when it is the same kind of thing. */
export function applyAdopt(job: ClaimedJob, rs: QbResponse, guid: string, parentQbId: string | null): Next {
  const name = (job.data as { name: string }).name;
  const ret = rs.statusCode === 0 ? matchRet(job, rs.rets, guid, parentQbId) : undefined;
  if (!ret) {
    return { outcome: { kind: 'failed', code: '3100', retryable: false, message: `The name "${name}" is already used in QuickBooks by a different kind of entry (a vendor, employee, other name, or another item type). Rename it in Sharper or in QuickBooks, then requeue.` } };
  }
  if (job.kind === 'account') {
    const want = ACCOUNT_TYPES[(job.data as AccountInput).type];
    const have = retField(ret, 'AccountType');
    if (have !== want) {
      return { outcome: { kind: 'failed', code: '3100', retryable: false, message: `QuickBooks already has an account "${name}" of type ${have}, but Sharper's is ${want}. Rename one of them (or fix the type), then requeue.` } };
    }
  }
  return { outcome: synced(ret, `QuickBooks already had ${describeJob(job)}; linked to it instead of creating a duplicate.`) };
}

/** A fresh EditSequence (after 3200, or before re-sending an in-doubt change). */
export function applyReread(job: ClaimedJob, rs: QbResponse): Next {
  const identity = rs.statusCode === 0 ? rs.identity : null;
  if (!identity) {
    return { outcome: { kind: 'failed', code: String(rs.statusCode), retryable: false, message: `${describeJob(job)} is no longer in QuickBooks (QuickBooks ${rs.statusCode}: ${rs.message}). Restore it in QuickBooks, then requeue.` } };
  }
  const { qbId, qbLock } = identity;
  return { followUp: 'write', job: { ...job, existing: { qbId: qbId ?? job.existing?.qbId ?? '', qbLock } } };
}
