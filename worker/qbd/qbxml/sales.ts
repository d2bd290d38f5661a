import type { CreditMemoInput, InvoiceInput } from '../../ledger';
import { el, text } from '../xml';
import { addOrMod, amount, arAccountRef, idRef, rq, taxCode, txnIdOf, txnMacro, UnsupportedChange } from './common';
import type { BuildJob, BuildRefs } from './types';

type SalesLine = InvoiceInput['lines'][number];

/** Quantity × rate in cents, rounded half away from zero as QuickBooks does. */
function extended(quantity: string, rate: string): number {
  const cents = Number(quantity) * Number(rate) * 100;
  return Math.sign(cents) * Math.round(Math.abs(cents) + 1e-7);
}

/**
 * The line description, with a prorated service period spelled out when Sharper's text does not
 * already say it (QuickBooks has only one ServiceDate per line, so the end date lives in the text).
 */
export function lineDescription(line: SalesLine): string | undefined {
  const p = line.servicePeriod;
  if (!p) return line.description;
  const period = `Service ${p.start} to ${p.end}`;
  if (line.description?.includes(p.start) && line.description.includes(p.end)) return line.description;
  return line.description ? `${line.description} (${period})` : period;
}

function lineFields(line: SalesLine, refs: BuildRefs, index: number): (string | null)[] {
  // Rate is sent only when quantity × rate gives Sharper's amount to the cent; otherwise QuickBooks
  // would compute a different amount (prorated quantities are rounded to 5 decimals), so it derives
  // the rate from Sharper's amount instead.
  const exact = line.quantity !== undefined && line.rate !== undefined && extended(line.quantity, line.rate) === line.amount;
  return [
    idRef(refs, 'ItemRef', 'item', line.item, `lines[${index}].item`),
    text('Desc', lineDescription(line), 4095),
    text('Quantity', line.quantity),
    exact ? text('Rate', line.rate) : null,
    amount('Amount', line.amount),
    text('ServiceDate', line.servicePeriod?.start),
    taxCode('SalesTaxCodeRef', line.taxable),
  ];
}

function header(d: InvoiceInput | CreditMemoInput, refs: BuildRefs, extra: { terms?: string; dueDate?: string }) {
  return {
    start: [
      idRef(refs, 'CustomerRef', 'customer', d.customer, 'customer'),
      arAccountRef(refs, 'ARAccountRef'),
      text('TxnDate', d.date),
      text('RefNumber', d.docNumber, 11),
    ],
    end: [
      idRef(refs, 'TermsRef', 'terms', extra.terms, 'terms'),
      text('DueDate', extra.dueDate),
      idRef(refs, 'ItemSalesTaxRef', 'sales_tax_item', d.taxItem, 'taxItem'),
      text('Memo', d.memo, 4095),
    ],
  };
}

export function invoiceRq(job: BuildJob, refs: BuildRefs, requestId: string): string {
  const d = job.data as InvoiceInput;
  const h = header(d, refs, { terms: d.terms, dueDate: d.dueDate });
  // Only the lines of the request being sent are built (Add, or Mod with TxnLineID -1 on each).
  const suffix = job.existing ? 'Mod' : 'Add';
  const lines = d.lines.map((l, i) => el(`InvoiceLine${suffix}`, [suffix === 'Mod' ? text('TxnLineID', '-1') : null, ...lineFields(l, refs, i)]));
  // A Mod that lists lines replaces them all; TxnLineID -1 marks each as new.
  const { op, xml } = addOrMod(
    'Invoice',
    'TxnID',
    job.existing,
    [...h.start, ...h.end, text('ExternalGUID', refs.guid('invoice', job.sourceId)), ...lines],
    [...h.start, ...h.end, ...lines],
    { defMacro: txnMacro(job.id) },
  );
  return rq(`Invoice${op}`, xml, requestId);
}

/** The macro that lets a credit memo's applications (and a refund of it) use its TxnID in the same message. */
export const creditMemoMacro = txnMacro;

export function creditMemoRq(job: BuildJob, refs: BuildRefs, requestId: string): string {
  const d = job.data as CreditMemoInput;
  const h = header(d, refs, {});
  // Only the lines of the request being sent are built (Add, or Mod with TxnLineID -1 on each).
  const suffix = job.existing ? 'Mod' : 'Add';
  const lines = d.lines.map((l, i) => el(`CreditMemoLine${suffix}`, [suffix === 'Mod' ? text('TxnLineID', '-1') : null, ...lineFields(l, refs, i)]));
  const { op, xml } = addOrMod(
    'CreditMemo',
    'TxnID',
    job.existing,
    [...h.start, ...h.end, text('ExternalGUID', refs.guid('credit_memo', job.sourceId)), ...lines],
    [...h.start, ...h.end, ...lines],
    { defMacro: creditMemoMacro(job.id) },
  );
  return rq(`CreditMemo${op}`, xml, requestId);
}

/**
 * A zero-amount payment whose SetCredit applies `credit` (a memo's TxnID, or the macro of its Add
 * earlier in the message) to invoices: how QuickBooks applies a credit memo.
 */
function zeroPaymentApplying(d: CreditMemoInput, memoName: string, credit: string | { useMacro: string }, lines: { invoice: string; cents: number; field: string }[], refs: BuildRefs, requestId: string): string {
  const creditTxnId = typeof credit === 'string' ? text('CreditTxnID', credit) : el('CreditTxnID', [], credit);
  return rq('ReceivePaymentAdd', el('ReceivePaymentAdd', [
    idRef(refs, 'CustomerRef', 'customer', d.customer, 'customer'),
    arAccountRef(refs, 'ARAccountRef'),
    text('TxnDate', d.date),
    amount('TotalAmount', 0),
    text('Memo', `Credit memo ${memoName} applied`, 4095),
    ...lines.map((l) =>
      el('AppliedToTxnAdd', [
        txnIdOf(refs, 'TxnID', 'invoice', l.invoice, l.field),
        amount('PaymentAmount', 0),
        el('SetCredit', [creditTxnId, amount('AppliedAmount', l.cents)]),
      ]),
    ),
  ]), requestId);
}

/** Applies a new credit memo to Sharper's invoices, naming the credit by the macro of its Add. */
export function creditApplicationRq(job: BuildJob, refs: BuildRefs, requestId: string): string | null {
  const d = job.data as CreditMemoInput;
  if (job.existing || d.applications.length === 0) return null;
  const lines = d.applications.map((a, i) => ({ invoice: a.invoice, cents: a.amount, field: `applications[${i}].invoice` }));
  return zeroPaymentApplying(d, d.docNumber ?? job.sourceId, { useMacro: creditMemoMacro(job.id) }, lines, refs, requestId);
}

/** Cents applied per invoice. */
const appliedByInvoice = (apps: CreditMemoInput['applications']) => {
  const out = new Map<string, number>();
  for (const a of apps) out.set(a.invoice, (out.get(a.invoice) ?? 0) + a.amount);
  return out;
};

/**
 * A credit memo already in QuickBooks that Sharper now applies to more invoices (or more to one):
 * a zero-amount payment applying the difference from the version QuickBooks holds, sent only
 * after the memo's Mod showed QuickBooks still has that much credit left (see `memoCreditGap`).
 * Taking a credit back off an invoice has no qbXML request that Sharper could safely undo.
 */
export function creditTopUpRq(job: BuildJob & { existing: NonNullable<BuildJob['existing']> }, refs: BuildRefs, requestId: string): string {
  const d = job.data as CreditMemoInput;
  const before = appliedByInvoice((refs.previous?.('credit_memo', job.sourceId) as CreditMemoInput | null)?.applications ?? []);
  const now = appliedByInvoice(d.applications);
  const less = [...before].filter(([invoice, cents]) => (now.get(invoice) ?? 0) < cents).map(([invoice]) => invoice);
  if (less.length) {
    throw new UnsupportedChange(
      `Credit memo ${d.docNumber ?? job.sourceId} now applies less to invoice ${less.join(', ')} than QuickBooks has applied, and qbXML cannot take a credit back off an invoice. Unapply it in QuickBooks (the $0.00 payment "Credit memo ${d.docNumber ?? job.sourceId} applied"), then requeue this job.`,
    );
  }
  const more = [...now].filter(([invoice, cents]) => cents > (before.get(invoice) ?? 0));
  if (more.length === 0) {
    // QuickBooks has more of the credit left than Sharper's versions account for: something that
    // used it (an application or refund) was removed there, and Sharper cannot tell which.
    throw new UnsupportedChange(
      `Credit memo ${d.docNumber ?? job.sourceId} has more credit left in QuickBooks than Sharper expects: an application or refund of it was removed there. Apply it in QuickBooks as Sharper has it (${d.applications.map((a) => `invoice ${a.invoice}`).join(', ') || 'no invoices'}), then requeue this job.`,
    );
  }
  const lines = more.map(([invoice, cents]) => ({ invoice, cents: cents - (before.get(invoice) ?? 0), field: 'applications.invoice' }));
  return zeroPaymentApplying(d, d.docNumber ?? job.sourceId, job.existing.qbId, lines, refs, requestId);
}
