import type { CompanySettings } from '../companies';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { findCompany } from '../db/companies';
import { loadOpenDrift } from '../db/recon';
import { qbdReconFigures } from '../qbd';
import { fetchQboReports } from '../qbo/reports';
import { notFound, ServiceError } from '../shared/errors';
import { compareBooks, type ReconInput, type ReconRow } from './compare';
import { qbdDrift } from './qbd-drift';
import { parseAgedReceivableDetail, parseTrialBalance, type QbAccountBalance } from './qbo-reports';
import { loadSharperSide, monthBounds, type SharperSide } from './sharper-side';

type Ctx = { db: Db; config: Config; now: Date };
type Totals = { difference: number; unexplained: number; rowsWithDifference: number };

/** A month's reconciliation: both sides per customer and per account, every difference attributed. */
export interface Reconciliation {
  company: { id: string; name: string };
  month: string;
  asOf: string;
  target: 'qbo' | 'qbd';
  /** The QuickBooks reads behind the QuickBooks side, each made once, and when. */
  readCalls: { used: number; reports: string[]; fetchedAt: string; note: string };
  /** Desktop: records that reached QuickBooks after its figures were fetched (refresh=1 to fetch again). */
  syncedSinceFigures?: number;
  noData: boolean;
  totals: { customers: Totals; accounts: Totals };
  customers: ReconRow[];
  accounts: ReconRow[];
  quickbooksOnlyAccounts: QbAccountBalance[];
}

/** QuickBooks Desktop's figures were asked for; they come on the next Web Connector run. */
export interface PendingReconciliation {
  company: { id: string; name: string };
  month: string;
  asOf: string;
  target: 'qbd';
  state: 'requested';
  requestedAt: string;
  /** When a Web Connector session took the report queries (their answer not in yet). */
  sentToQuickBooksAt: string | null;
  lastWebConnectorContact: string | null;
  message: string;
}

export type ReconOutcome = { kind: 'report'; report: Reconciliation } | { kind: 'pending'; pending: PendingReconciliation };

const when = (iso: string | null) => (iso ? iso.replace('T', ' ').slice(0, 16) + ' UTC' : 'never');

/**
 * Month-end reconciliation of Sharper's ledger against QuickBooks. QuickBooks Online: TrialBalance
 * and AgedReceivableDetail, two metered reads fetched once per call. QuickBooks Desktop: the first
 * call records a request, the next Web Connector run fetches the reports, and later calls compare
 * against that snapshot (`refresh` asks QuickBooks again).
 */
export async function reconcileMonth({ ctx, companyId, month, refresh = false }: { ctx: Ctx; companyId: string; month: string; refresh?: boolean }): Promise<ReconOutcome> {
  const company = await findCompany(ctx.db, companyId);
  if (!company) throw notFound(`Company ${companyId}`);
  const { asOf, yearStart } = monthBounds(month, ctx.now);
  if (company.accountingSystem === 'none') throw new ServiceError('CONFLICT', `${company.name} keeps no books in QuickBooks; there is nothing to reconcile`);
  const settings = JSON.parse(company.settings) as CompanySettings;
  const arAccount = settings.arAccount;
  if (!arAccount) throw new ServiceError('CONFLICT', "Set the company's accounts-receivable account (settings.arAccount) first", { field: 'settings.arAccount' });
  const head = { company: { id: company.id, name: company.name }, month, asOf };
  const side = (target: 'qbo' | 'qbd') => loadSharperSide(ctx.db, { companyId, target, settings: { ...settings, arAccount }, asOf, yearStart });

  if (company.accountingSystem === 'qbo') {
    const [sharper, drift] = await Promise.all([side('qbo'), loadOpenDrift(ctx.db, companyId)]);
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
    const readCalls = {
      used: 2,
      reports: ['TrialBalance', 'AgedReceivableDetail'],
      fetchedAt: ctx.now.toISOString(),
      note: 'Each report was fetched once for this reconciliation; both are metered QuickBooks Online reads.',
    };
    const qb = { qbOpenItems: parseAgedReceivableDetail(agedDetail as never), qbAccounts: parseTrialBalance(trialBalance as never), drift };
    return { kind: 'report', report: { ...head, target: 'qbo', readCalls, ...compare(sharper, qb) } };
  }

  const figures = await qbdReconFigures({ ctx, companyId, asOf, yearStart, refresh });
  if (figures.state === 'failed') {
    throw new ServiceError('CONFLICT', `QuickBooks Desktop did not produce the figures as of ${asOf}: ${figures.error} Ask again with refresh=1 once that is fixed.`, { details: { state: 'failed', asOf } });
  }
  if (figures.state === 'requested') {
    const message = `QuickBooks Desktop figures as of ${asOf} are fetched on the next Web Connector run${figures.sentAt ? ' (a run has just asked QuickBooks for them)' : ''}; the last Web Connector contact was ${when(figures.lastWebConnectorContact)}. Ask again after the run.`;
    return { kind: 'pending', pending: { ...head, target: 'qbd', state: 'requested', requestedAt: figures.requestedAt, sentToQuickBooksAt: figures.sentAt, lastWebConnectorContact: figures.lastWebConnectorContact, message } };
  }
  const sharper = await side('qbd');
  const snapshot = figures.snapshot;
  const readCalls = {
    used: figures.readRequests,
    reports: snapshot.reads,
    fetchedAt: figures.fetchedAt,
    note: `Fetched once, on the Web Connector run at ${when(figures.fetchedAt)} (${figures.readRequests} qbXML read requests in one message); not fetched again for this page. Sharper's side is as of now.`,
  };
  const syncedSince = sharper.records.filter((r) => r.syncedAt && r.syncedAt > figures.fetchedAt).length;
  if (syncedSince > 0) readCalls.note += ` Since then ${syncedSince} record(s) reached QuickBooks; their differences say so — ask again with refresh=1 to fetch the figures anew on the next Web Connector run.`;
  const qb = { qbOpenItems: snapshot.openItems, qbAccounts: snapshot.accounts, drift: qbdDrift(sharper.records, sharper.sharper, snapshot), figuresTakenAt: figures.fetchedAt };
  return { kind: 'report', report: { ...head, target: 'qbd', readCalls, syncedSinceFigures: syncedSince, ...compare(sharper, qb) } };
}

function compare(side: SharperSide, qb: Pick<ReconInput, 'qbOpenItems' | 'qbAccounts' | 'drift' | 'figuresTakenAt'>) {
  const books = compareBooks({ records: side.records, sharper: side.sharper, pendingRemovals: side.removals, arAccount: side.arAccount, ...qb });
  const sum = (rows: ReconRow[]): Totals => ({
    difference: rows.reduce((a, r) => a + r.difference, 0),
    unexplained: rows.reduce((a, r) => a + r.unexplained, 0),
    rowsWithDifference: rows.filter((r) => r.difference !== 0).length,
  });
  return { noData: side.posted === 0, totals: { customers: sum(books.customers), accounts: sum(books.accounts) }, ...books };
}
