import { formatCents } from '../../ledger';
import type { QboTaxMode } from '../../db/schema/qbo-connections';

/** One figure QuickBooks holds that is not what Sharper sent. */
export interface AnswerDifference {
  field: string;
  /** Cents. */
  sent: number;
  answered: number;
}

const cents = (v: unknown): number => Math.round(Number(v ?? 0) * 100);
const MONEY_ENTITIES = new Set(['Invoice', 'CreditMemo', 'Payment', 'JournalEntry']);
const SALES_FORMS = new Set(['Invoice', 'CreditMemo']);

/** The lines that carry Sharper's amounts (QBO adds a SubTotalLineDetail line of its own). */
const ownLines = (lines: unknown): Record<string, any>[] =>
  (Array.isArray(lines) ? lines : []).filter((l) => l && l.DetailType !== 'SubTotalLineDetail' && l.DetailType !== 'DescriptionOnly');

/**
 * Compares what QBO answered to a create or update with the body Sharper sent: the total, the
 * tax, and each line's amount (in order, and how many). Pure. Empty when QBO holds Sharper's
 * figures; names and dates are not money and are left to drift detection.
 */
export function compareAnswer(entity: string, sent: Record<string, any>, answered: Record<string, any>): AnswerDifference[] {
  if (!MONEY_ENTITIES.has(entity)) return [];
  const diffs: AnswerDifference[] = [];
  const sentLines = ownLines(sent.Line);
  const gotLines = ownLines(answered.Line);
  if (sentLines.length !== gotLines.length) diffs.push({ field: 'line count', sent: sentLines.length, answered: gotLines.length });
  else sentLines.forEach((l, i) => cents(l.Amount) !== cents(gotLines[i].Amount) && diffs.push({ field: `line ${i + 1} amount`, sent: cents(l.Amount), answered: cents(gotLines[i].Amount) }));
  if (SALES_FORMS.has(entity)) {
    const tax = cents(sent.TxnTaxDetail?.TotalTax);
    const gotTax = cents(answered.TxnTaxDetail?.TotalTax);
    if (sent.TxnTaxDetail?.TotalTax !== undefined && tax !== gotTax) diffs.push({ field: 'tax', sent: tax, answered: gotTax });
    const total = sentLines.reduce((s, l) => s + cents(l.Amount), 0) + tax;
    if (total !== cents(answered.TotalAmt)) diffs.push({ field: 'total', sent: total, answered: cents(answered.TotalAmt) });
  }
  if (entity === 'Payment' && cents(sent.TotalAmt) !== cents(answered.TotalAmt)) diffs.push({ field: 'total', sent: cents(sent.TotalAmt), answered: cents(answered.TotalAmt) });
  return diffs;
}

const money = (c: number) => formatCents(c);

/**
 * The accountant's sentence for a difference: both figures and the likely cause. The tax is the
 * usual one: with automated sales tax QBO computes its own unless it keeps the amount sent.
 */
export function describeDifferences(entity: string, docLabel: string, diffs: AnswerDifference[], taxMode: QboTaxMode | null | undefined): string {
  const tax = diffs.find((d) => d.field === 'tax');
  const parts = diffs.map((d) =>
    d.field === 'line count' ? `QuickBooks holds ${d.answered} lines; Sharper sent ${d.sent}` : `QuickBooks shows ${d.field} ${money(d.answered)}; Sharper's is ${money(d.sent)}`,
  );
  const cause = tax
    ? taxMode === 'automated'
      ? `QuickBooks computed ${money(tax.answered)} tax; Sharper charged ${money(tax.sent)}. Automated sales tax overrode Sharper's amount`
      : `QuickBooks computed ${money(tax.answered)} tax; Sharper charged ${money(tax.sent)}. The tax code's rate in QuickBooks differs from Sharper's tax item`
    : diffs.some((d) => d.field.startsWith('line') )
      ? 'QuickBooks changed the lines (a rounding of quantity × rate, or an item QuickBooks prices itself)'
      : 'QuickBooks applied something Sharper did not send (a discount or rounding)';
  return `${entity} ${docLabel} reached QuickBooks Online with different figures: ${parts.join('; ')}. ${cause}. It is not marked synced: correct it in QuickBooks or in Sharper, then requeue (the requeue updates the same ${entity}, it never creates another).`;
}
