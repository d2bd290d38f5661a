import type { ReconRecord, OpenDrift } from '../db/recon';
import type { RecordKind } from '../db/schema/enums';
import type { Balances } from './balances';
import type { QbAccountBalance, QbOpenItem } from './qbo-reports';

export type ExplanationReason =
  | 'queued'
  | 'waiting'
  | 'sending'
  | 'failed'
  | 'held'
  | 'behind'
  | 'synced_after_figures'
  | 'edited_in_quickbooks'
  | 'deleted_in_quickbooks'
  | 'only_in_quickbooks'
  | 'removed_in_sharper';

export interface Explanation {
  reason: ExplanationReason;
  /** How much of the difference (Sharper − QuickBooks) this explains; null when it cannot be priced. */
  cents: number | null;
  record?: { kind: RecordKind; id: string; docNumber: string | null };
  quickbooksId?: string;
  jobId?: number;
  message: string;
}

export interface ReconRow {
  id: string | null;
  quickbooksId: string | null;
  name: string;
  sharper: number;
  quickbooks: number;
  difference: number;
  explanations: Explanation[];
  unexplained: number;
}

export interface ReconInput {
  records: ReconRecord[];
  sharper: Balances;
  qbOpenItems: QbOpenItem[];
  qbAccounts: QbAccountBalance[];
  drift: OpenDrift[];
  /** Sharper-side removals QuickBooks has not been told about yet (keyed by QuickBooks id). */
  pendingRemovals: { kind: RecordKind; sourceId: string; status: string; qbId: string | null }[];
  /**
   * Sharper's A/R account: its difference is the customers' differences added up, so it carries
   * their explanations too (transactions only in QuickBooks, edits in QuickBooks).
   */
  arAccount?: string;
  /**
   * When QuickBooks' figures were taken (Desktop: the Web Connector run that fetched them). A
   * record that reached QuickBooks later is not in them yet: that explains its difference.
   */
  figuresTakenAt?: string;
}

const REASON_TEXT: Record<string, string> = {
  queued: 'not sent to QuickBooks yet (queued)',
  waiting: 'not sent yet: waiting for what it depends on',
  sending: 'being sent right now',
  failed: 'failed to sync',
  held: 'held in Sharper',
};

/** The total in a drift diff: the QBO path records `total` in cents. */
function diffAmount(diff: string): { sharper: number; quickbooks: number } | null {
  try {
    const fields = JSON.parse(diff) as { field: string; sharper: unknown; quickbooks: unknown }[];
    const f = fields.find((x) => x.field === 'total');
    if (!f || typeof f.sharper !== 'number' || typeof f.quickbooks !== 'number') return null;
    return { sharper: f.sharper, quickbooks: f.quickbooks };
  } catch {
    return null;
  }
}

/**
 * Compares Sharper's balances with QuickBooks' per customer and per account, and attributes each
 * difference to the transactions that explain it. Pure: every input is already loaded.
 */
export function compareBooks(input: ReconInput): { customers: ReconRow[]; accounts: ReconRow[]; quickbooksOnlyAccounts: QbAccountBalance[] } {
  const byKey = new Map(input.records.map((r) => [`${r.kind}:${r.sourceId}`, r]));
  const qbIdOf = (kind: RecordKind, id: string) => byKey.get(`${kind}:${id}`)?.qbId ?? null;
  const mappedTxnIds = new Set(input.records.filter((r) => r.txnDate && r.qbId).map((r) => r.qbId!));
  const driftByRecord = new Map(input.drift.map((d) => [`${d.kind}:${d.sourceId}`, d]));

  /** Why a Sharper contribution may be missing from (or different in) QuickBooks. */
  const explainContribution = (c: { kind: RecordKind; sourceId: string; cents: number }): Explanation | null => {
    const r = byKey.get(`${c.kind}:${c.sourceId}`);
    if (!r) return null;
    const record = { kind: c.kind, id: c.sourceId, docNumber: r.docNumber };
    const drift = driftByRecord.get(`${c.kind}:${c.sourceId}`);
    if (drift?.deleted) return { reason: 'deleted_in_quickbooks', cents: c.cents, record, quickbooksId: drift.qbId, message: drift.message ?? `deleted in QuickBooks (drift #${drift.id})` };
    if (drift) {
      const amounts = diffAmount(drift.diff);
      const sign = Math.sign(c.cents) || 1;
      return { reason: 'edited_in_quickbooks', cents: amounts ? c.cents - sign * amounts.quickbooks : null, record, quickbooksId: drift.qbId, message: drift.message ?? `edited in QuickBooks (drift #${drift.id})` };
    }
    if (input.figuresTakenAt && r.qbId && r.syncedAt && r.syncedAt > input.figuresTakenAt) {
      // A first version was not in QuickBooks at all then; a change's old amount is not known here.
      const added = r.jobVersion === 1 && r.syncedVersion === 1;
      return {
        reason: 'synced_after_figures',
        cents: added ? c.cents : null,
        record,
        jobId: r.jobId ?? undefined,
        message: `${added ? 'added to' : 'changed in'} QuickBooks at ${r.syncedAt}, after its figures were taken (${input.figuresTakenAt}); ask again with refresh=1`,
      };
    }
    if (!r.qbId) {
      const state = r.jobState ?? 'queued';
      return { reason: (REASON_TEXT[state] ? state : 'queued') as ExplanationReason, cents: c.cents, record, jobId: r.jobId ?? undefined, message: `${REASON_TEXT[state] ?? state}${r.jobMessage ? `: ${r.jobMessage}` : ''}` };
    }
    if (r.syncedVersion !== null && r.syncedVersion < r.version) {
      return { reason: 'behind', cents: null, record, jobId: r.jobId ?? undefined, message: `QuickBooks has version ${r.syncedVersion}, Sharper version ${r.version} (${r.jobState})` };
    }
    return null;
  };

  const finish = (row: Omit<ReconRow, 'difference' | 'unexplained'>): ReconRow => {
    const difference = row.sharper - row.quickbooks;
    const explained = row.explanations.reduce((a, e) => a + (e.cents ?? 0), 0);
    return { ...row, difference, unexplained: difference - explained };
  };

  // Customers: Sharper's receivable per customer vs the open items QuickBooks ages.
  const qbByCustomer = new Map<string, QbOpenItem[]>();
  for (const item of input.qbOpenItems) qbByCustomer.set(item.customerId, [...(qbByCustomer.get(item.customerId) ?? []), item]);
  const customers: ReconRow[] = [];
  const openItemExplanations: Explanation[] = [];
  const seenQbCustomers = new Set<string>();
  const customerIds = new Set([...input.sharper.byCustomer.keys(), ...input.records.filter((r) => r.kind === 'customer' && r.qbId && qbByCustomer.has(r.qbId)).map((r) => r.sourceId)]);
  for (const id of customerIds) {
    const qbId = qbIdOf('customer', id);
    if (qbId) seenQbCustomers.add(qbId);
    const items = qbId ? (qbByCustomer.get(qbId) ?? []) : [];
    const explanations: Explanation[] = [];
    for (const c of input.sharper.contributions.get(`customer:${id}`) ?? []) {
      const e = explainContribution(c);
      if (e) explanations.push(e);
    }
    for (const item of items) {
      if (mappedTxnIds.has(item.txnId)) continue;
      const removal = input.pendingRemovals.find((p) => p.qbId === item.txnId);
      const e: Explanation = removal
        ? { reason: 'removed_in_sharper', cents: -item.openCents, quickbooksId: item.txnId, record: { kind: removal.kind, id: removal.sourceId, docNumber: null }, message: `${removal.status} in Sharper, not yet in QuickBooks` }
        : { reason: 'only_in_quickbooks', cents: -item.openCents, quickbooksId: item.txnId, message: `${item.txnType} ${item.docNumber || item.txnId} exists only in QuickBooks` };
      explanations.push(e);
      openItemExplanations.push(e);
    }
    const name = byKey.get(`customer:${id}`)?.displayName ?? id;
    customers.push(finish({ id, quickbooksId: qbId, name, sharper: input.sharper.byCustomer.get(id) ?? 0, quickbooks: items.reduce((a, i) => a + i.openCents, 0), explanations }));
  }
  for (const [qbId, items] of qbByCustomer) {
    if (seenQbCustomers.has(qbId)) continue;
    const total = items.reduce((a, i) => a + i.openCents, 0);
    const explanations: Explanation[] = items.map((i) => ({ reason: 'only_in_quickbooks', cents: -i.openCents, quickbooksId: i.txnId, message: `${i.txnType} ${i.docNumber || i.txnId} for a customer Sharper does not have` }));
    openItemExplanations.push(...explanations);
    customers.push(
      finish({
        id: null,
        quickbooksId: qbId,
        name: items[0].customerName,
        sharper: 0,
        quickbooks: total,
        explanations,
      }),
    );
  }

  // Accounts: those Sharper owns and QuickBooks has; the rest of QuickBooks' chart is listed apart.
  const qbAccounts = new Map(input.qbAccounts.map((a) => [a.qbId, a]));
  const accounts: ReconRow[] = [];
  const matched = new Set<string>();
  for (const [id, cents] of input.sharper.byAccount) {
    const qbId = qbIdOf('account', id);
    if (qbId) matched.add(qbId);
    const qb = qbId ? qbAccounts.get(qbId) : undefined;
    const isAr = id === input.arAccount;
    const explanations: Explanation[] = [];
    for (const c of input.sharper.contributions.get(`account:${id}`) ?? []) {
      const e = explainContribution(c);
      // An edit is priced on the transaction's total, which only the A/R posting carries.
      if (e && (isAr || e.reason !== 'edited_in_quickbooks')) explanations.push(e);
    }
    if (isAr) explanations.push(...openItemExplanations);
    accounts.push(finish({ id, quickbooksId: qbId, name: byKey.get(`account:${id}`)?.displayName ?? id, sharper: cents, quickbooks: qb?.cents ?? 0, explanations }));
  }
  if (input.arAccount) attributeOtherSides(accounts, input.arAccount);
  const quickbooksOnlyAccounts = input.qbAccounts.filter((a) => !matched.has(a.qbId));
  return { customers: customers.sort((a, b) => a.name.localeCompare(b.name)), accounts, quickbooksOnlyAccounts };
}

/** Changes made on QuickBooks' side whose A/R posting is priced from the aging report alone. */
const QUICKBOOKS_SIDE: ReadonlySet<ExplanationReason> = new Set(['only_in_quickbooks', 'edited_in_quickbooks', 'removed_in_sharper']);

/**
 * A transaction QuickBooks has on its own (or changed there) shows on A/R from the aging report,
 * but its other side (income, tax, deposit account) comes only as account totals. When the other
 * accounts' unexplained differences add up exactly to the other side of those changes, they are
 * attributed: each cause wholly to the account whose difference it makes up (found by subset
 * sums; one account takes them all), or, when a cause spans accounts and all causes are of one
 * kind, each account's share named after them. Anything else stays unexplained rather than
 * guessed. Mutates `accounts`.
 */
function attributeOtherSides(accounts: ReconRow[], arAccount: string): void {
  const ar = accounts.find((a) => a.id === arAccount);
  const causes = (ar?.explanations ?? []).filter((e) => QUICKBOOKS_SIDE.has(e.reason) && e.cents);
  if (causes.length === 0) return;
  const otherSide = (e: Explanation) => -(e.cents ?? 0);
  const open = accounts.filter((a) => a.id !== arAccount && a.unexplained !== 0);
  if (open.length === 0 || open.reduce((a, r) => a + r.unexplained, 0) !== causes.reduce((a, e) => a + otherSide(e), 0)) return;
  const other = (e: Explanation, cents: number, message = e.message): Explanation => ({ ...e, cents, message: `the other side of: ${message}` });
  const attach = (row: ReconRow, added: Explanation[]) => {
    row.explanations.push(...added);
    row.unexplained -= added.reduce((a, e) => a + (e.cents ?? 0), 0);
  };
  const assignment = assignBySubsetSums(open.map((r) => r.unexplained), causes.map(otherSide));
  if (assignment) {
    open.forEach((row, i) => attach(row, assignment[i].map((c) => other(causes[c], otherSide(causes[c])))));
    return;
  }
  if (new Set(causes.map((c) => c.reason)).size > 1) return;
  const names = causes.map((c) => c.message).join('; ');
  for (const row of open) attach(row, [other(causes[0], row.unexplained, names)]);
}

const MAX_SUBSET_CAUSES = 12;

/** Splits `amounts` (by index) into groups summing to each target in turn; null when they do not split so. */
function assignBySubsetSums(targets: number[], amounts: number[]): number[][] | null {
  if (amounts.length > MAX_SUBSET_CAUSES) return null;
  const groups: number[][] = [];
  let used = 0;
  for (const target of targets) {
    let found = -1;
    for (let mask = 1; mask < 1 << amounts.length && found === -1; mask++) {
      if (mask & used) continue;
      let sum = 0;
      for (let i = 0; i < amounts.length; i++) if (mask & (1 << i)) sum += amounts[i];
      if (sum === target) found = mask;
    }
    if (found === -1) return null;
    used |= found;
    groups.push(amounts.map((_, i) => i).filter((i) => found & (1 << i)));
  }
  return used === (1 << amounts.length) - 1 ? groups : null;
}
