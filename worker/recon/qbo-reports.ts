/** What reconciliation needs from QBO's Report JSON (Header / Columns / Rows). */
export interface QbAccountBalance {
  qbId: string;
  name: string;
  /** Debit-positive, in cents. */
  cents: number;
}

export interface QbOpenItem {
  txnId: string;
  txnType: string;
  docNumber: string;
  customerId: string;
  customerName: string;
  openCents: number;
}

type Cell = { value?: string; id?: string };
type Row = { ColData?: Cell[]; Rows?: { Row?: Row[] }; type?: string; group?: string; Summary?: unknown };

const cents = (v: string | undefined) => (v ? Math.round(Number(v.replace(/,/g, '')) * 100) : 0);

function* dataRows(rows: Row[] | undefined): Generator<Row> {
  for (const row of rows ?? []) {
    if (row.Rows?.Row) yield* dataRows(row.Rows.Row);
    else if (row.ColData && row.group !== 'GrandTotal' && row.type !== 'Section') yield row;
  }
}

/** TrialBalance: one row per account with a Debit and a Credit column. */
export function parseTrialBalance(report: { Rows?: { Row?: Row[] } }): QbAccountBalance[] {
  const out: QbAccountBalance[] = [];
  for (const row of dataRows(report.Rows?.Row)) {
    const [account, debit, credit] = row.ColData ?? [];
    if (!account?.id) continue;
    out.push({ qbId: account.id, name: account.value ?? '', cents: cents(debit?.value) - cents(credit?.value) });
  }
  return out;
}

/** AgedReceivableDetail: open items with their transaction and customer ids. */
export function parseAgedReceivableDetail(report: { Columns?: { Column?: { ColType?: string; MetaData?: { Name?: string; Value?: string }[] }[] }; Rows?: { Row?: Row[] } }): QbOpenItem[] {
  const names = (report.Columns?.Column ?? []).map((c) => c.MetaData?.find((m) => m.Name === 'ColKey')?.Value ?? c.ColType ?? '');
  const at = (key: string, fallback: number) => (names.indexOf(key) >= 0 ? names.indexOf(key) : fallback);
  const openKey = names.findIndex((n) => n.includes('open_bal'));
  const [type, num, customer, open] = [at('txn_type', 1), at('doc_num', 2), at('cust_name', 3), openKey >= 0 ? openKey : 6];
  const out: QbOpenItem[] = [];
  for (const row of dataRows(report.Rows?.Row)) {
    const cells = row.ColData ?? [];
    if (!cells[type]?.id || !cells[customer]?.id) continue;
    out.push({
      txnId: cells[type].id!,
      txnType: cells[type].value ?? '',
      docNumber: cells[num]?.value ?? '',
      customerId: cells[customer].id!,
      customerName: cells[customer].value ?? '',
      openCents: cents(cells[open]?.value),
    });
  }
  return out;
}
