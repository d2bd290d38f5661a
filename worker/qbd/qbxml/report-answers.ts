import { err, ok, type Result } from '../../shared/result';
import { isObject, many, textOf, type XmlObject } from '../xml';
import { amountCents as cents } from './common';
import { RECON_PART_NAMES, RECON_PARTS, type ReconPart } from './reports';
import { retField, type QbResponse } from './response';

/** QuickBooks Desktop's side of the books as of one date, with ListIDs/TxnIDs where Sharper's id map can find them. */
export interface QbdReconSnapshot {
  asOf: string;
  yearStart: string;
  /** Trial balance rows: account ListID (or `name:<FullName>` when no account has that name), debit-positive cents. */
  accounts: { qbId: string; name: string; cents: number }[];
  /** A/R aging detail rows: what each transaction posted to A/R for the customer, and what is still open. */
  openItems: { txnId: string; txnType: string; docNumber: string; customerId: string; customerName: string; amountCents: number; openCents: number }[];
  deleted: { txnId: string; txnType: string; refNumber: string | null; timeDeleted: string }[];
  /** The read requests that made it, by name. */
  reads: string[];
}

export type ReconAnswerError = { reason: 'missing_answer' | 'refused' | 'unreadable'; message: string };

/**
 * A report's DataRows as `{ColType: value}`, by the colIDs its ColDesc declares (QuickBooks decides
 * the column order). Group headings, subtotals and totals are left out.
 */
function reportDataRows(report: XmlObject): { rowData: string | null; cells: Record<string, string> }[] {
  const types = new Map<string, string>();
  for (const d of many(report.ColDesc)) {
    if (isObject(d)) types.set(textOf(d['@colID']), textOf(d.ColType));
  }
  const data = isObject(report.ReportData) ? report.ReportData : undefined;
  return many(data?.DataRow)
    .filter(isObject)
    .map((row) => {
      const cells: Record<string, string> = {};
      for (const c of many(row.ColData)) {
        if (!isObject(c)) continue;
        const type = types.get(textOf(c['@colID']));
        if (type) cells[type] = textOf(c['@value']);
      }
      const rowData = isObject(row.RowData) ? textOf(row.RowData['@value']) : null;
      return { rowData, cells };
    });
}

const nameKey = (name: string) => name.trim().toLowerCase();

function listIds(rets: XmlObject[]): Map<string, string> {
  return new Map(rets.map((r) => [nameKey(retField(r, 'FullName') ?? ''), retField(r, 'ListID') ?? '']));
}

const reportOf = (rs: QbResponse): XmlObject | undefined => rs.rets[0];

/**
 * Turns the five answers for one report date into a snapshot. Any refusal (an Error status, or a
 * report with no ReportRet) fails the whole snapshot: a reconciliation needs every part.
 */
export function readReconAnswers(a: { asOf: string; yearStart: string; answers: Partial<Record<ReconPart, QbResponse>> }): Result<QbdReconSnapshot, ReconAnswerError> {
  for (const part of RECON_PARTS) {
    const rs = a.answers[part];
    if (!rs) return err({ reason: 'missing_answer', message: `QuickBooks gave no answer to the ${RECON_PART_NAMES[part]} request.` });
    // Info 1 ("no match") is an empty list or no deleted transactions, not a failure.
    if (rs.severity === 'Error') {
      return err({ reason: 'refused', message: `QuickBooks refused the ${RECON_PART_NAMES[part]} request (${rs.statusCode}: ${rs.message}).` });
    }
  }
  const answers = a.answers as Record<ReconPart, QbResponse>;
  const tb = reportOf(answers.trialBalance);
  const aging = reportOf(answers.arAging);
  if (!tb || !aging) return err({ reason: 'unreadable', message: `QuickBooks answered the ${tb ? 'ARAgingDetail' : 'TrialBalance'} report without a report in it.` });
  const accountIds = listIds(answers.accounts.rets);
  const customerIds = listIds(answers.customers.rets);

  const accounts: QbdReconSnapshot['accounts'] = [];
  for (const row of reportDataRows(tb)) {
    const name = row.rowData ?? row.cells.Label ?? '';
    const debit = cents(row.cells.Debit ?? '');
    const credit = cents(row.cells.Credit ?? '');
    if (!name || debit === null || credit === null) return err({ reason: 'unreadable', message: `The trial balance has a row Sharper cannot read (${JSON.stringify(row.cells)}).` });
    accounts.push({ qbId: accountIds.get(nameKey(name)) || `name:${name}`, name, cents: debit - credit });
  }
  const openItems: QbdReconSnapshot['openItems'] = [];
  for (const { cells } of reportDataRows(aging)) {
    const amount = cents(cells.Amount ?? '');
    const open = cents(cells.OpenBalance ?? '');
    if (!cells.TxnID || !cells.Name || amount === null || open === null) {
      return err({ reason: 'unreadable', message: `The A/R aging detail has a row Sharper cannot read (${JSON.stringify(cells)}).` });
    }
    openItems.push({
      txnId: cells.TxnID,
      txnType: cells.TxnType ?? '',
      docNumber: cells.RefNumber ?? '',
      customerId: customerIds.get(nameKey(cells.Name)) || `name:${cells.Name}`,
      customerName: cells.Name,
      amountCents: amount,
      openCents: open,
    });
  }
  const deleted = answers.deleted.rets.map((r) => ({
    txnId: retField(r, 'TxnID') ?? '',
    txnType: retField(r, 'TxnDelType') ?? '',
    refNumber: retField(r, 'RefNumber') ?? null,
    timeDeleted: retField(r, 'TimeDeleted') ?? '',
  }));
  return ok({ asOf: a.asOf, yearStart: a.yearStart, accounts, openItems, deleted, reads: RECON_PARTS.map((p) => RECON_PART_NAMES[p]) });
}
