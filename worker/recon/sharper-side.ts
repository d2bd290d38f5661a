import type { CompanySettings } from '../companies';
import type { Db } from '../db/client';
import { loadReconRecords, loadUnsyncedRemovals, type ReconRecord } from '../db/recon';
import type { SyncTarget } from '../db/schema/enums';
import { ServiceError } from '../shared/errors';
import { computeBalances, type Balances, type PostedRecord } from './balances';

const PROFIT_AND_LOSS = new Set(['income', 'cost_of_goods_sold', 'expense', 'other_income', 'other_expense']);

/** The report date of a month (its last day, or today for the current month) and its fiscal year's start. */
export function monthBounds(month: string, now: Date): { asOf: string; yearStart: string } {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new ServiceError('VALIDATION_FAILED', `month "${month}" is not a month like 2026-03`, { field: 'month' });
  const thisMonth = now.toISOString().slice(0, 7);
  if (month > thisMonth) throw new ServiceError('VALIDATION_FAILED', `month ${month} is in the future; the books can only be reconciled up to ${thisMonth}`, { field: 'month' });
  const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).toISOString().slice(0, 10);
  const today = now.toISOString().slice(0, 10);
  return { asOf: last < today ? last : today, yearStart: `${m[1]}-01-01` };
}

export interface SharperSide {
  arAccount: string;
  records: ReconRecord[];
  removals: { kind: ReconRecord['kind']; sourceId: string; status: string; qbId: string | null }[];
  sharper: Balances;
  /** Transactions that post (dated up to the report date). */
  posted: number;
}

/**
 * Sharper's side of the books as of the report date, from the ledger: every active record's
 * postings, with income and expense from the fiscal year only (as a trial balance shows them), and
 * each record's newest job and id-map entry for the target.
 */
export async function loadSharperSide(db: Db, a: { companyId: string; target: SyncTarget; settings: CompanySettings & { arAccount: string }; asOf: string; yearStart: string }): Promise<SharperSide> {
  const [records, removals] = await Promise.all([
    loadReconRecords(db, { companyId: a.companyId, target: a.target, asOf: a.asOf }),
    loadUnsyncedRemovals(db, { companyId: a.companyId, target: a.target }),
  ]);
  const incomeOf = new Map<string, string>();
  const accountType = new Map<string, string>();
  const posted: PostedRecord[] = [];
  for (const r of records) {
    const data = JSON.parse(r.data);
    if (r.kind === 'item') incomeOf.set(r.sourceId, data.incomeAccount);
    else if (r.kind === 'account') accountType.set(r.sourceId, data.type);
    else if (r.txnDate) posted.push({ kind: r.kind, sourceId: r.sourceId, txnDate: r.txnDate, data });
  }
  const sharper = computeBalances(
    posted,
    a.asOf,
    {
      arAccount: a.settings.arAccount,
      undepositedFundsAccount: a.settings.undepositedFundsAccount ?? a.settings.arAccount,
      salesTaxPayableAccount: a.settings.salesTaxPayableAccount ?? 'sales-tax-payable',
      defaultIncomeAccount: a.settings.defaultIncomeAccount ?? 'income',
      incomeAccountOf: (item) => incomeOf.get(item),
    },
    { from: a.yearStart, isProfitAndLoss: (acct) => PROFIT_AND_LOSS.has(accountType.get(acct) ?? '') },
  );
  return {
    arAccount: a.settings.arAccount,
    records,
    removals: removals.map((r) => ({ kind: r.kind, sourceId: r.source_id, status: r.status, qbId: r.qb_id })),
    sharper,
    posted: posted.length,
  };
}
