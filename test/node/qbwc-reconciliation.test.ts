import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { xmllint } from '../../worker/qbd/qbxml/fixtures.test-support';
import { reconInvoice, reconLists, reconMonth } from '../fixtures/recon-month';
import type { QbdCompany, WebConnectorResult } from '../sim/qbd/index';
import { call, desktopMarina, jobs, newCompanyFile, runQbwc, syncUntilDone, type DesktopMarina } from './qbwc-support';

const schemaDir = process.env.QBXML_SCHEMA_DIR;
if (schemaDir && !existsSync(path.join(schemaDir, 'qbxmlops130.xsd'))) throw new Error(`QBXML_SCHEMA_DIR=${schemaDir} has no qbxmlops130.xsd`);
if (!schemaDir) console.warn('[qbwc reconciliation] xmllint checks NOT RUN: QBXML_SCHEMA_DIR is unset.');

/** The shared reconciliation month, as Sharper sends it to a Desktop company. */
const DESKTOP = { desktop: true };
const lists = reconLists(DESKTOP);
const inv = (id: string, customer: string, date: string, cents: number, item = 'P-SLIP') => reconInvoice(id, customer, date, cents, item, DESKTOP);
const month = reconMonth(DESKTOP);

/** A Desktop marina whose March went through the Web Connector without a problem. */
async function syncedMarina(): Promise<{ m: DesktopMarina; qb: QbdCompany }> {
  const m = await desktopMarina(0, month);
  const qb = newCompanyFile();
  await syncUntilDone(m, qb);
  expect((await jobs(m)).filter((j) => j.state !== 'synced')).toEqual([]);
  return { m, qb };
}

const reconcile = (m: DesktopMarina, query: string) => call('GET', `/v1/companies/${m.id}/reconciliation?${query}`, m.operator);

/** Every qbXML message the Worker handed the Web Connector, checked against Intuit's XSD. */
function expectSchemaValid(run: WebConnectorResult) {
  const sent = run.transcript.filter((t) => t.method === 'sendRequestXML' && typeof t.result === 'string' && t.result !== '').map((t) => t.result as string);
  expect(sent.length).toBeGreaterThan(0);
  if (schemaDir) for (const xml of sent) expect(xmllint(xml, schemaDir)).toEqual([]);
  return sent;
}

describe('month-end reconciliation with QuickBooks Desktop, through the Web Connector', () => {
  it('asks once, fetches on the next run with report queries, and a cleanly synced month reconciles to zero', async () => {
    const { m, qb } = await syncedMarina();
    const first = await reconcile(m, 'month=2026-03');
    expect(first.status, first.text).toBe(202);
    expect(first.json).toMatchObject({ state: 'requested', asOf: '2026-03-31', target: 'qbd', sentToQuickBooksAt: null });
    expect(first.json.lastWebConnectorContact).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(first.json.message).toMatch(/next Web Connector run/);
    const again = await reconcile(m, 'month=2026-03');
    expect([again.status, again.json.requestedAt]).toEqual([202, first.json.requestedAt]);
    expect((await reconcile(m, 'month=2025-06')).status).toBe(202); // a month without data, asked too
    const status = await call('GET', `/v1/companies/${m.id}/qbd/status`, m.operator);
    expect(status.json.reconciliation.map((r: { asOf: string; state: string }) => [r.asOf, r.state]).sort()).toEqual([['2025-06-30', 'requested'], ['2026-03-31', 'requested']]);

    // Nothing else is queued: the Web Connector session exists for the report queries alone.
    const run = await runQbwc(m, qb);
    expect(run.status).toBe('done');
    const sent = expectSchemaValid(run);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('<GeneralSummaryReportQueryRq requestID="rpt.20260331.tb"><GeneralSummaryReportType>TrialBalance</GeneralSummaryReportType><ReportPeriod><FromReportDate>2026-01-01</FromReportDate><ToReportDate>2026-03-31</ToReportDate></ReportPeriod>');
    expect(sent[0]).toContain('<AgingReportQueryRq requestID="rpt.20250630.ar"><AgingReportType>ARAgingDetail</AgingReportType>');
    expect(sent[0].match(/QueryRq /g)).toHaveLength(10);
    expect(run.closeMessage).toContain('Reconciliation figures as of 2026-03-31 fetched (5 read requests)');

    const r = await reconcile(m, 'month=2026-03');
    expect(r.status, r.text).toBe(200);
    expect(r.json.target).toBe('qbd');
    expect(r.json.totals.customers).toEqual({ difference: 0, unexplained: 0, rowsWithDifference: 0 });
    expect(r.json.totals.accounts).toEqual({ difference: 0, unexplained: 0, rowsWithDifference: 0 });
    expect(r.json.customers.map((c: any) => [c.id, c.sharper, c.quickbooks])).toEqual([
      ['C-1', 0, 0],
      ['C-2', 60000, 60000],
      ['C-3', 5000, 5000],
    ]);
    expect(r.json.accounts.map((a: any) => [a.id, a.sharper, a.quickbooks])).toEqual(expect.arrayContaining([
      ['A-1100', 65000, 65000],
      ['A-1200', 160000, 160000],
      ['A-4000', -220000, -220000],
      ['A-4200', -5000, -5000],
    ]));
    expect(r.json.quickbooksOnlyAccounts).toEqual([]);
    expect(r.json.readCalls).toMatchObject({ used: 5, reports: ['TrialBalance', 'ARAgingDetail', 'AccountQuery', 'CustomerQuery', 'TxnDeletedQuery'] });
    expect(r.json.readCalls.note).toMatch(/Fetched once, on the Web Connector run at/);
    // Reading the report again asks QuickBooks nothing: no session is needed.
    expect((await runQbwc(m, qb)).status).toBe('noWork');

    const csv = await reconcile(m, 'month=2026-03&format=csv');
    expect([csv.status, csv.text.split('\r\n')[0]]).toEqual([200, 'section,sharper_id,quickbooks_id,name,sharper,quickbooks,difference,explained_by,unexplained']);
    expect(csv.text).toContain('customer,C-2,');
    const empty = await reconcile(m, 'month=2025-06');
    expect(empty.status).toBe(200);
    expect(empty.json).toMatchObject({ noData: true, totals: { customers: { difference: 0 }, accounts: { difference: 0 } } });
    const health = await call('GET', `/v1/companies/${m.id}/qbd/status`, m.operator);
    expect(health.json.reconciliation.find((x: any) => x.asOf === '2026-03-31')).toMatchObject({ state: 'fetched', readRequests: 5, fetchedAt: expect.any(String) });
  });

  it('attributes a failed job, a held job, an amount edited in QuickBooks, an invoice only in QuickBooks and a deleted payment, to the cent', async () => {
    const { m, qb } = await syncedMarina();
    // A failed job: QuickBooks refuses the next invoice.
    qb.faults.statusNextRequests(1, { code: 3210, severity: 'Error', message: 'The "Amount" field has an invalid value "700.00".  QuickBooks error message: Transaction date is invalid.' });
    await call('PUT', `/v1/companies/${m.id}/records/invoices/INV-104`, m.mms, inv('INV-104', 'C-3', '2026-03-20', 70000).data);
    await syncUntilDone(m, qb);
    expect((await jobs(m)).find((j) => j.record.id === 'INV-104')?.state).toBe('failed');
    // Made in the QuickBooks company file: an amount edit, an invoice Sharper never sent, a deleted payment.
    const inv103 = qb.findTxnsByRefNumber('Invoice', '103')[0];
    const edit = `<InvoiceModRq><InvoiceMod><TxnID>${inv103.txnId}</TxnID><EditSequence>${inv103.editSequence}</EditSequence><InvoiceLineMod><TxnLineID>${inv103.lines[0].txnLineId}</TxnLineID><Amount>40.00</Amount></InvoiceLineMod></InvoiceMod></InvoiceModRq>`;
    const qbOnly = '<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>Anchor, Ava</FullName></CustomerRef><TxnDate>2026-03-25</TxnDate><RefNumber>QB-ONLY</RefNumber><InvoiceLineAdd><ItemRef><FullName>Slip Rental</FullName></ItemRef><Amount>45.00</Amount></InvoiceLineAdd></InvoiceAdd></InvoiceAddRq>';
    const pay2 = qb.txns('ReceivePayment').find((p) => p.refNumber === 'PAY-2')!;
    const del = `<TxnDelRq><TxnDelType>ReceivePayment</TxnDelType><TxnID>${pay2.txnId}</TxnID></TxnDelRq>`;
    const answer = qb.processRequest(`<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError">${edit}${qbOnly}${del}</QBXMLMsgsRq></QBXML>`);
    expect(answer.match(/statusCode="0"/g)).toHaveLength(3);
    // A held job: the fuel product retired in Sharper, then invoiced.
    await call('PUT', `/v1/companies/${m.id}/records/items/P-FUEL`, m.mms, { ...(lists[5].data as object), active: false });
    await call('PUT', `/v1/companies/${m.id}/records/invoices/INV-105`, m.mms, inv('INV-105', 'C-1', '2026-03-21', 2500, 'P-FUEL').data);
    await syncUntilDone(m, qb);
    expect((await jobs(m)).find((j) => j.record.id === 'INV-105')?.state).toBe('held');

    expect((await reconcile(m, 'month=2026-03')).status).toBe(202);
    expectSchemaValid(await runQbwc(m, qb));
    const r = await reconcile(m, 'month=2026-03');
    expect(r.status, r.text).toBe(200);
    const byId = new Map(r.json.customers.map((c: any) => [c.id ?? c.name, c]));
    const c1: any = byId.get('C-1');
    expect(c1.difference).toBe(2500 - 4500);
    expect(c1.explanations.map((e: any) => [e.reason, e.cents])).toEqual(expect.arrayContaining([['held', 2500], ['only_in_quickbooks', -4500]]));
    expect(c1.unexplained).toBe(0);
    const c3: any = byId.get('C-3');
    expect(c3.difference).toBe(70000 + 1000);
    expect(c3.explanations.map((e: any) => [e.reason, e.cents])).toEqual(expect.arrayContaining([['failed', 70000], ['edited_in_quickbooks', 1000]]));
    expect(c3.explanations.find((e: any) => e.reason === 'edited_in_quickbooks')).toMatchObject({ record: { kind: 'invoice', id: 'INV-103' }, quickbooksId: inv103.txnId });
    expect(c3.unexplained).toBe(0);
    const c2: any = byId.get('C-2');
    expect(c2.difference).toBe(-60000);
    expect(c2.explanations).toEqual([expect.objectContaining({ reason: 'deleted_in_quickbooks', cents: -60000, record: expect.objectContaining({ id: 'PAY-2' }), quickbooksId: pay2.txnId })]);
    expect(c2.unexplained).toBe(0);
    expect(r.json.totals.customers).toMatchObject({ difference: 2500 - 4500 + 71000 - 60000, unexplained: 0, rowsWithDifference: 3 });
    // The A/R account's difference is the customers' added up, and carries their explanations.
    const ar = r.json.accounts.find((a: any) => a.id === 'A-1100');
    expect(ar).toMatchObject({ difference: 70000 + 2500 + 1000 - 4500 - 60000, unexplained: 0 });

    // Their other sides: the QuickBooks-only invoice's income and the edit's, each on its own account.
    const income = (id: string) => r.json.accounts.find((a: any) => a.id === id);
    expect(income('A-4000')).toMatchObject({ unexplained: 0 });
    expect(income('A-4000').explanations).toEqual(expect.arrayContaining([expect.objectContaining({ reason: 'only_in_quickbooks', cents: 4500, message: expect.stringMatching(/^the other side of: Invoice QB-ONLY/) })]));
    expect(income('A-4200')).toMatchObject({ unexplained: 0 });
    expect(income('A-4200').explanations).toEqual(expect.arrayContaining([expect.objectContaining({ reason: 'edited_in_quickbooks', cents: -1000 })]));
    // The deposit account misses exactly the deleted payment.
    const undeposited = r.json.accounts.find((a: any) => a.id === 'A-1200');
    expect(undeposited).toMatchObject({ sharper: 160000, quickbooks: 100000, difference: 60000, unexplained: 0 });

    const csv = await reconcile(m, 'month=2026-03&format=csv');
    expect(csv.text).toContain('deleted_in_quickbooks -600.00');
    expect(csv.text).toContain('only_in_quickbooks -45.00');
  });

  it('refresh asks QuickBooks again; until the run, the old figures are not served as current', async () => {
    const { m, qb } = await syncedMarina();
    await reconcile(m, 'month=2026-03');
    await runQbwc(m, qb);
    expect((await reconcile(m, 'month=2026-03')).status).toBe(200);

    // A late March invoice syncs after the figures were fetched: the stale figures say so.
    const customer = (month.find((r) => r.kind === 'invoice')!.data as { customer: string }).customer;
    const late = inv('INV-LATE', customer, '2026-03-30', 12_345);
    expect((await call('POST', `/v1/companies/${m.id}/records/bulk`, m.mms, { records: [late] })).status).toBe(200);
    await syncUntilDone(m, qb);
    const stale = await reconcile(m, 'month=2026-03');
    expect(stale.json.syncedSinceFigures).toBe(1);
    expect(stale.json.readCalls.note).toContain('refresh=1');
    const row = stale.json.customers.find((c: { id: string }) => c.id === customer);
    expect(row).toMatchObject({ difference: 12_345, unexplained: 0 });
    expect(row.explanations).toEqual([expect.objectContaining({ reason: 'synced_after_figures', cents: 12_345, record: expect.objectContaining({ id: 'INV-LATE' }) })]);

    const renewed = await reconcile(m, 'month=2026-03&refresh=1');
    expect([renewed.status, renewed.json.state]).toEqual([202, 'requested']);
    expect((await reconcile(m, 'month=2026-03')).status).toBe(202);
    expect((await runQbwc(m, qb)).status).toBe('done');
    const fresh = await reconcile(m, 'month=2026-03');
    expect(fresh.status).toBe(200);
    expect(fresh.json).toMatchObject({ syncedSinceFigures: 0, totals: { customers: { difference: 0 }, accounts: { difference: 0 } } });
  });

  it('answers bad input clearly and records nothing for it', async () => {
    const { m } = await syncedMarina();
    const bad = await reconcile(m, 'month=2026-13');
    expect([bad.status, bad.json.error.field]).toEqual([422, 'month']);
    const future = await reconcile(m, 'month=2999-01');
    expect(future.status).toBe(422);
    expect(future.json.error.message).toContain('in the future');
    const status = await call('GET', `/v1/companies/${m.id}/qbd/status`, m.operator);
    expect(status.json.reconciliation).toEqual([]);
    const admin = inject('adminToken');
    const none = (await call('POST', '/v1/admin/companies', admin, { name: 'No Books Marina', accountingSystem: 'none', settings: { arAccount: 'A-1100' } })).json;
    const noneViewer = (await call('POST', `/v1/admin/companies/${none.id}/user-tokens`, admin, { label: 'v', role: 'viewer' })).json.secret;
    const nothing = await call('GET', `/v1/companies/${none.id}/reconciliation?month=2026-03`, noneViewer);
    expect([nothing.status, nothing.json.error.message]).toEqual([409, expect.stringContaining('keeps no books in QuickBooks')]);
    const unknown = await call('GET', `/v1/companies/${none.id}/reconciliation?month=2026-03`, m.operator);
    expect(unknown.status).toBe(404);
    const unlinked = (await call('POST', '/v1/admin/companies', admin, { name: 'Unlinked Desktop Marina', accountingSystem: 'qbd', settings: { arAccount: 'A-1100' } })).json;
    const unlinkedViewer = (await call('POST', `/v1/admin/companies/${unlinked.id}/user-tokens`, admin, { label: 'v', role: 'viewer' })).json.secret;
    const noConnector = await call('GET', `/v1/companies/${unlinked.id}/reconciliation?month=2026-03`, unlinkedViewer);
    expect([noConnector.status, noConnector.json.error.message]).toEqual([409, expect.stringContaining('no Web Connector connection')]);
  });
});
