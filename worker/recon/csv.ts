import { formatCents } from '../ledger';
import type { Reconciliation } from './run';

const cell = (v: unknown) => {
  const t = v == null ? '' : String(v);
  const safe = /^[=+\-@\t\r]/.test(t) && !/^-?\d/.test(t) ? `'${t}` : t;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The reconciliation as one CSV: a row per customer and per account, with what explains it. */
export function reconciliationCsv(r: Reconciliation): string {
  const lines = [['section', 'sharper_id', 'quickbooks_id', 'name', 'sharper', 'quickbooks', 'difference', 'explained_by', 'unexplained'].join(',')];
  for (const [section, rows] of [['customer', r.customers], ['account', r.accounts]] as const) {
    for (const row of rows) {
      const explained = row.explanations.map((e) => `${e.reason}${e.cents === null ? '' : ` ${formatCents(e.cents)}`}: ${e.record ? `${e.record.kind} ${e.record.docNumber ?? e.record.id} ` : ''}${e.message}`).join(' | ');
      lines.push([section, row.id, row.quickbooksId, row.name, formatCents(row.sharper), formatCents(row.quickbooks), formatCents(row.difference), explained, formatCents(row.unexplained)].map(cell).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
