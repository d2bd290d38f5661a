import type { CompanySettings } from '../companies';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { findCompany } from '../db/companies';
import { loadOpenDrift, loadReconRecords, loadUnsyncedRemovals } from '../db/recon';
import { fetchQboReports } from '../qbo/reports';
import { notFound, ServiceError } from '../shared/errors';
import { computeBalances, type PostedRecord } from './balances';
import { compareBooks } from './compare';
import { parseAgedReceivableDetail, parseTrialBalance } from './qbo-reports';

const PROFIT_AND_LOSS = new Set(['income', 'cost_of_goods_sold', 'expense', 'other_income', 'other_expense']);

function monthBounds(month: string, now: Date): { asOf: string; yearStart: string } {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new ServiceError('VALIDATION_FAILED', `month "${month}" is not a month like 2026-03`, { field: 'month' });
  const thisMonth = now.toISOString().slice(0, 7);
  if (month > thisMonth) throw new ServiceError('VALIDATION_FAILED', `month ${month} is in the future; the books can only be reconciled up to ${thisMonth}`, { field: 'month' });
  const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).toISOString().slice(0, 10);
  const today = now.toISOString().slice(0, 10);
  return { asOf: last < today ? last : today, yearStart: `${m[1]}-01-01` };
}

/**
 * Month-end reconciliation for a QuickBooks Online company: Sharper's ledger against QBO's
 * TrialBalance and AgedReceivableDetail (two metered reads, each fetched once), per customer and
 * per account, every difference attributed to the transactions that explain it.
 */
export async function reconcileMonth({ ctx, companyId, month }: { ctx: { db: Db; config: Config; now: Date }; companyId: string; month: string }) {
  const company = await findCompany(ctx.db, companyId);
  if (!company) throw notFound(`Company ${companyId}`);
  const { asOf, yearStart } = monthBounds(month, ctx.now);
  if (company.accountingSystem === 'none') throw new ServiceError('CONFLICT', `${company.name} keeps no books in QuickBooks; there is nothing to reconcile`);
  if (company.accountingSystem === 'qbd') {
    throw new ServiceError('UNSUPPORTED_OPERATION', 'Reconciliation with QuickBooks Desktop needs account and customer balances from a Web Connector run; it is not available yet');
  }
  const settings = JSON.parse(company.settings) as CompanySettings;
  if (!settings.arAccount) throw new ServiceError('CONFLICT', "Set the company's accounts-receivable account (settings.arAccount) first", { field: 'settings.arAccount' });

  const [records, removals, drift] = await Promise.all([
    loadReconRecords(ctx.db, { companyId, target: 'qbo', asOf }),
    loadUnsyncedRemovals(ctx.db, { companyId, target: 'qbo' }),
    loadOpenDrift(ctx.db, companyId),
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
    asOf,
    {
      arAccount: settings.arAccount,
      undepositedFundsAccount: settings.undepositedFundsAccount ?? settings.arAccount,
      salesTaxPayableAccount: settings.salesTaxPayableAccount ?? 'sales-tax-payable',
      defaultIncomeAccount: settings.defaultIncomeAccount ?? 'income',
      incomeAccountOf: (item) => incomeOf.get(item),
    },
    { from: yearStart, isProfitAndLoss: (a) => PROFIT_AND_LOSS.has(accountType.get(a) ?? '') },
  );
  const [trialBalance, agedDetail] = await fetchQboReports({
    db: ctx.db,
    config: ctx.config,
    companyId,
    now: ctx.now,
    reports: [
      { name: 'TrialBalance', params: { start_date: yearStart, end_date: asOf, accounting_method: 'Accrual' } },
      { name: 'AgedReceivableDetail', params: { report_date: asOf } },
    ],
  });
  const books = compareBooks({
    records,
    sharper,
    qbOpenItems: parseAgedReceivableDetail(agedDetail as never),
    qbAccounts: parseTrialBalance(trialBalance as never),
    drift,
    pendingRemovals: removals.map((r) => ({ kind: r.kind, sourceId: r.source_id, status: r.status, qbId: r.qb_id })),
  });
  const sum = (rows: { difference: number; unexplained: number }[]) => ({
    difference: rows.reduce((a, r) => a + r.difference, 0),
    unexplained: rows.reduce((a, r) => a + r.unexplained, 0),
    rowsWithDifference: rows.filter((r) => r.difference !== 0).length,
  });
  return {
    company: { id: company.id, name: company.name },
    month,
    asOf,
    readCalls: { used: 2, reports: ['TrialBalance', 'AgedReceivableDetail'], note: 'Each report was fetched once for this reconciliation; both are metered QuickBooks Online reads.' },
    noData: posted.length === 0,
    totals: { customers: sum(books.customers), accounts: sum(books.accounts) },
    ...books,
  };
}

export type Reconciliation = Awaited<ReturnType<typeof reconcileMonth>>;
