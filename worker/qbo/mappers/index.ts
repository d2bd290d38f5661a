import type { ClaimedJob } from '../../queue';
import type { CompanySettings } from '../../companies';
import type { QboTaxMode } from '../../db/schema/qbo-connections';
import type { AccountInput, CreditMemoInput, CustomerInput, InvoiceInput, ItemInput, JournalEntryInput, PaymentInput, RefundInput, TermsInput } from '../../ledger';
import { err, ok, type Result } from '../../shared/result';
import { qboEntityOf, RefResolver, type MissingRef } from './common';
import { mapAccount, mapCustomer, mapItem, mapTerms } from './lists';
import { mapJournalEntry, mapPayment, mapRefund } from './money-moves';
import { nextCreditMemoStep, type StoredApplication } from './credit-application';
import { nextRefundStep, withRefundLinks, type OverpaymentInQbo, type StoredRefundLink } from './refund-link';
import { mapSalesDocument } from './sales';

export { qboEntityOf, RefResolver, type MissingRef } from './common';
export { applicationSignature, describeApplications, needsApplication, type StoredApplication } from './credit-application';
export { describeRefunded, needsRefundLink, refundLinkSignature, withRefundLinks, type OverpaymentInQbo, type StoredRefundLink } from './refund-link';

/** One write to QBO for one job. `batchable` writes go through /batch; the rest are single calls. */
export interface WritePlan {
  entity: string;
  /** `adopt`: use the account QuickBooks already keeps for this role instead of creating one. */
  operation: 'create' | 'update' | 'delete' | 'void' | 'taxcode' | 'taxmap' | 'adopt';
  body: Record<string, unknown>;
  batchable: boolean;
  /**
   * Not the record itself: a credit memo's application (its zero-amount Payment in QBO), or a
   * refund's link to the credit it pays out (a zero-amount Payment, or the overpaying Payment).
   */
  step?: 'unapply' | 'apply' | 'unlink' | 'link';
  /** The job has another write after this one, sent in a later round (a credit memo's application, a refund's link). */
  continues?: boolean;
  /**
   * A replay of an earlier version's request that got no answer (that job was superseded while in
   * doubt): its answer says what QBO holds, then this job's own write follows.
   */
  earlier?: { jobId: number; version: number };
}

/** The company's settings plus how its QBO company taxes sales (read from QBO, not set by Sharper). */
export type QboSettings = CompanySettings & { taxMode?: QboTaxMode | null };

export type PlanError = { reason: 'missing_refs'; refs: MissingRef[] } | { reason: 'unsupported'; code: string; message: string };

const LIST_KINDS = new Set(['account', 'terms', 'customer', 'item', 'sales_tax_item']);

/** What a body depends on besides the record: for a payment, the refunds of it whose journal entries it links in QBO. */
export interface BodyExtras {
  refundLinks?: { jeQbId: string; amount: number }[];
}

/**
 * The QBO body Sharper sends for one version of a record (create form, no Id/SyncToken). Also
 * used by drift detection to know what QuickBooks should hold.
 */
export function entityBody(job: Pick<ClaimedJob, 'kind' | 'sourceId' | 'data'>, refs: RefResolver, settings: QboSettings, extras: BodyExtras = {}): Record<string, unknown> {
  const d = job.data as any;
  switch (job.kind) {
    case 'account': return mapAccount(d as AccountInput, refs);
    case 'terms': return mapTerms(d as TermsInput);
    case 'customer': return mapCustomer(d as CustomerInput, refs);
    case 'item': return mapItem(d as ItemInput, refs, '2000-01-01');
    case 'invoice': return mapSalesDocument('invoice', job.sourceId, d as InvoiceInput, refs, settings.taxMode);
    case 'credit_memo': return mapSalesDocument('credit_memo', job.sourceId, d as CreditMemoInput, refs, settings.taxMode);
    // An overpayment keeps the lines linking the refunds of it, or an update would reopen them.
    case 'payment': return withRefundLinks(mapPayment(job.sourceId, d as PaymentInput, refs, { depositAccount: settings.undepositedFundsAccount }), extras.refundLinks);
    case 'refund': return mapRefund(job.sourceId, d as RefundInput, refs, { arAccount: settings.arAccount });
    case 'journal_entry': return mapJournalEntry(job.sourceId, d as JournalEntryInput, refs);
    case 'sales_tax_item': return {};
  }
}

/**
 * An update that leaves QBO holding exactly Sharper's version. A full update replaces the entity:
 * every writable field Sharper no longer sends is cleared (qbo-api.md §2.4), where a sparse one
 * would keep the old due date, tax, e-mail or line. Items are the exception: a full update would
 * also clear the quantity on hand QBO keeps for inventory, so they go sparse with what Sharper
 * removed cleared explicitly, and never carry the create-only stock fields.
 */
export function updateBody(entity: string, body: Record<string, unknown>, ids: { Id: string; SyncToken: string }): Record<string, unknown> {
  if (entity !== 'Item') return { ...body, ...ids };
  const { QtyOnHand: _qty, InvStartDate: _start, ...rest } = body;
  return { Description: '', ...rest, ...ids, sparse: true };
}

/**
 * Decides the QBO write for a claimed job: create, sparse update with the stored SyncToken,
 * delete/void with each entity's operation, or a tax-service call. Pure: references come from `lookup`.
 */
export function planWrite(job: ClaimedJob, lookup: (kind: any, id: string) => string | undefined, settings: QboSettings, extras: BodyExtras = {}): Result<WritePlan, PlanError> {
  const entity = qboEntityOf[job.kind];
  const existing = job.existing;
  const list = LIST_KINDS.has(job.kind);
  if (job.kind === 'sales_tax_item') {
    // With automated sales tax QBO picks the rates and overrides any code created (§4.10): the
    // tax item only says which of QBO's agencies Sharper's tax goes to, a mapping, not a create.
    if (settings.taxMode === 'automated') return ok({ entity: 'TaxAgency', operation: 'taxmap', body: job.data as Record<string, unknown>, batchable: false });
    if (existing) {
      return err({ reason: 'unsupported', code: 'TAX_CODE_READ_ONLY', message: 'QuickBooks Online tax codes cannot be changed through the API once created: change the rate in QuickBooks (Taxes), or create a new tax item in Sharper.' });
    }
    return ok({ entity, operation: 'taxcode', body: job.data as Record<string, unknown>, batchable: false });
  }
  if (job.action !== 'upsert' && !existing) {
    return err({ reason: 'unsupported', code: 'NOT_IN_QUICKBOOKS', message: `This ${entity} was never sent to QuickBooks Online, so there is nothing to ${job.action} there.` });
  }
  if (job.action === 'delete' || job.action === 'void') {
    const ids = { Id: existing!.qbId, SyncToken: existing!.qbLock ?? '0' };
    if (list) return ok({ entity, operation: 'update', body: { ...ids, sparse: true, Active: false }, batchable: true });
    if (job.action === 'delete') return ok({ entity, operation: 'delete', body: ids, batchable: true });
    if (entity === 'Invoice' || entity === 'Payment') return ok({ entity, operation: 'void', body: entity === 'Payment' ? { ...ids, sparse: true } : ids, batchable: false });
    return err({ reason: 'unsupported', code: 'VOID_NOT_SUPPORTED', message: `QuickBooks Online's API cannot void a ${entity}: void it in QuickBooks, or send a delete from Sharper.` });
  }
  if (job.kind === 'refund' && !settings.arAccount) {
    return err({ reason: 'unsupported', code: 'AR_ACCOUNT_NOT_SET', message: "A refund posts to accounts receivable to clear the customer's credit: set the company's A/R account (settings.arAccount), then requeue." });
  }
  const refs = new RefResolver(lookup);
  const body = entityBody(job, refs, settings, extras);
  if (refs.missing.length > 0) return err({ reason: 'missing_refs', refs: refs.missing });
  // QBO posts every invoice and payment to its own Accounts Receivable account; a second one
  // created for Sharper's would stay empty. Sharper's receivables account adopts QuickBooks' own.
  if (!existing && job.kind === 'account' && (job.data as AccountInput).type === 'accounts_receivable') {
    return ok({ entity, operation: 'adopt', body, batchable: false });
  }
  if (!existing) return ok({ entity, operation: 'create', body, batchable: true });
  return ok({ entity, operation: 'update', body: updateBody(entity, body, { Id: existing.qbId, SyncToken: existing.qbLock ?? '0' }), batchable: true });
}

/**
 * A credit memo job is the memo plus its application to invoices, one write at a time: remove an
 * application that no longer matches, write the memo, then apply it (see `nextCreditMemoStep`).
 * `done` when QBO already holds both. Pure, like `planWrite`.
 */
export function planCreditMemoWrite(
  job: ClaimedJob,
  lookup: (kind: any, id: string) => string | undefined,
  settings: QboSettings,
  applied: StoredApplication | undefined,
  memoWritten = false,
): Result<WritePlan | 'done', PlanError> {
  const next = nextCreditMemoStep(job, applied, memoWritten, lookup);
  if (!next.ok) return next;
  switch (next.value.step) {
    case 'done':
      return ok('done');
    case 'unapply':
      return ok({ entity: 'Payment', operation: 'delete', body: next.value.body, batchable: true, step: 'unapply', continues: true });
    case 'apply':
      return ok({ entity: 'Payment', operation: 'create', body: next.value.body, batchable: true, step: 'apply' });
    case 'memo': {
      const plan = planWrite(job, lookup, settings);
      return plan.ok && next.value.thenApply ? ok({ ...plan.value, continues: true }) : plan;
    }
  }
}

/**
 * A refund job is its journal entry plus the link to the credit it pays out, one write at a time:
 * remove a link that no longer matches, write the journal entry, then link it (see
 * `nextRefundStep`). `done` when QBO already holds both. Pure, like `planWrite`.
 */
export function planRefundWrite(
  job: ClaimedJob,
  lookup: (kind: any, id: string) => string | undefined,
  settings: QboSettings,
  linked: StoredRefundLink | undefined,
  overpayments: Map<string, OverpaymentInQbo>,
  jeWritten = false,
): Result<WritePlan | 'done', PlanError> {
  const next = nextRefundStep(job, linked, jeWritten, lookup, overpayments);
  if (!next.ok) return next;
  switch (next.value.step) {
    case 'done':
      return ok('done');
    case 'unlink':
      return ok({ entity: 'Payment', operation: next.value.operation, body: next.value.body, batchable: true, step: 'unlink', continues: true });
    case 'link':
      return ok({ entity: 'Payment', operation: next.value.operation, body: next.value.body, batchable: true, step: 'link' });
    case 'je': {
      const plan = planWrite(job, lookup, settings);
      return plan.ok && next.value.thenLink ? ok({ ...plan.value, continues: true }) : plan;
    }
  }
}
