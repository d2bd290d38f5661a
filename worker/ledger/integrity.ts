import { formatCents } from './money';
import type { CreditMemoInput, InvoiceInput, JournalEntryInput, PaymentInput } from './schemas';

/** A rule broken inside one record; `field` is a path into the request body. */
export interface Violation {
  field: string;
  message: string;
  /** When the field takes one of a fixed set of values that depends on another field: that set. */
  allowed?: readonly string[];
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Lines must price out (quantity × rate) and the document must total lines plus tax. */
export function checkSalesDocument(doc: InvoiceInput | CreditMemoInput): Violation[] {
  const violations: Violation[] = [];
  doc.lines.forEach((line, i) => {
    if (line.quantity === undefined || line.rate === undefined) return;
    const expected = Math.round(Number(line.quantity) * Number(line.rate) * 100);
    if (Math.abs(expected - line.amount) > 1) {
      violations.push({
        field: `lines[${i}].amount`,
        message: `is ${formatCents(line.amount)} but quantity ${line.quantity} × rate ${line.rate} is ${formatCents(expected)}`,
      });
    }
  });
  const computed = sum(doc.lines.map((l) => l.amount)) + doc.tax;
  if (doc.total !== undefined && doc.total !== computed) {
    violations.push({
      field: 'total',
      message: `is ${formatCents(doc.total)} but the lines plus tax come to ${formatCents(computed)}`,
    });
  }
  if (computed < 0) violations.push({ field: 'total', message: 'must not be negative' });
  const period = doc.lines.findIndex((l) => l.servicePeriod && l.servicePeriod.start > l.servicePeriod.end);
  if (period >= 0) violations.push({ field: `lines[${period}].servicePeriod`, message: 'ends before it starts' });
  return violations;
}

export function documentTotal(doc: InvoiceInput | CreditMemoInput): number {
  return sum(doc.lines.map((l) => l.amount)) + doc.tax;
}

/** What a payment or credit memo applies to invoices, in all. */
export function appliedTotal(doc: { applications: { amount: number }[] }): number {
  return sum(doc.applications.map((a) => a.amount));
}

function checkApplications(
  applications: { invoice: string; amount: number }[],
  available: number,
  what: string,
): Violation[] {
  const seen = new Set<string>();
  const violations: Violation[] = [];
  applications.forEach((a, i) => {
    if (seen.has(a.invoice)) {
      violations.push({ field: `applications[${i}].invoice`, message: `applies to invoice ${a.invoice} twice` });
    }
    seen.add(a.invoice);
  });
  const applied = sum(applications.map((a) => a.amount));
  if (applied > available) {
    violations.push({
      field: 'applications',
      message: `apply ${formatCents(applied)}, more than the ${what} of ${formatCents(available)}`,
    });
  }
  return violations;
}

/** A payment cannot apply more than it has; applied plus unapplied must account for all of it. */
export function checkPayment(p: PaymentInput): Violation[] {
  const violations = checkApplications(p.applications, p.amount, 'payment amount');
  const applied = sum(p.applications.map((a) => a.amount));
  if (p.unapplied !== undefined && applied + p.unapplied !== p.amount) {
    violations.push({
      field: 'unapplied',
      message: `is ${formatCents(p.unapplied)} but amount ${formatCents(p.amount)} less applications ${formatCents(applied)} leaves ${formatCents(p.amount - applied)}`,
    });
  }
  return violations;
}

export function checkCreditMemo(c: CreditMemoInput): Violation[] {
  return [...checkSalesDocument(c), ...checkApplications(c.applications, documentTotal(c), 'credit memo total')];
}

/** Debits equal credits, and every line is exactly one of the two. */
export function checkJournalEntry(je: JournalEntryInput): Violation[] {
  const violations: Violation[] = [];
  je.lines.forEach((line, i) => {
    const sides = Number(line.debit !== undefined) + Number(line.credit !== undefined);
    if (sides !== 1) violations.push({ field: `lines[${i}]`, message: 'needs exactly one of debit or credit' });
  });
  const debits = sum(je.lines.map((l) => l.debit ?? 0));
  const credits = sum(je.lines.map((l) => l.credit ?? 0));
  if (debits !== credits) {
    violations.push({
      field: 'lines',
      message: `do not balance: debits ${formatCents(debits)}, credits ${formatCents(credits)}`,
    });
  }
  return violations;
}
