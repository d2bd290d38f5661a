import { describe, expect, it } from 'vitest';
import { createQbdCompany } from '../../../test/sim/qbd/index';
import { xmllint } from './fixtures.test-support';
import { qbxmlMessage, QBXML_TARGET } from './message';
import { readReconAnswers } from './report-answers';
import { parseReportRequestId, RECON_PARTS, reconReportRequests, reportRequestId } from './reports';
import { parseQbxmlResponse } from './response';
import { parseRequestId } from './types';

const schemaDir = process.env.QBXML_SCHEMA_DIR;
const message = (asOf = '2026-03-31') => qbxmlMessage(reconReportRequests(asOf, '2026-01-01').map((r) => r.xml), QBXML_TARGET);

/** A company file with one customer (an ampersand in the name), an invoice, a payment and a deleted payment. */
function companyFile() {
  const qb = createQbdCompany({ schemaDir: schemaDir ?? null, now: () => new Date('2026-04-10T12:00:00Z') });
  const run = (body: string) => qb.processRequest(qbxmlMessage([body], QBXML_TARGET));
  run('<CustomerAddRq><CustomerAdd><Name>Bay &amp; Sons</Name></CustomerAdd></CustomerAddRq>');
  run('<ItemServiceAddRq><ItemServiceAdd><Name>Dockage</Name><SalesOrPurchase><Price>10.00</Price><AccountRef><FullName>Sales</FullName></AccountRef></SalesOrPurchase></ItemServiceAdd></ItemServiceAddRq>');
  const inv = /<TxnID>([^<]+)<\/TxnID>/.exec(run('<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>Bay &amp; Sons</FullName></CustomerRef><TxnDate>2026-03-02</TxnDate><RefNumber>1001</RefNumber><InvoiceLineAdd><ItemRef><FullName>Dockage</FullName></ItemRef><Amount>1200.00</Amount></InvoiceLineAdd></InvoiceAdd></InvoiceAddRq>'))![1];
  const pay = (amount: string) =>
    /<TxnID>([^<]+)<\/TxnID>/.exec(run(`<ReceivePaymentAddRq><ReceivePaymentAdd><CustomerRef><FullName>Bay &amp; Sons</FullName></CustomerRef><TxnDate>2026-03-10</TxnDate><RefNumber>CHK-${amount}</RefNumber><TotalAmount>${amount}</TotalAmount><AppliedToTxnAdd><TxnID>${inv}</TxnID><PaymentAmount>${amount}</PaymentAmount></AppliedToTxnAdd></ReceivePaymentAdd></ReceivePaymentAddRq>`))![1];
  pay('500.00');
  const deleted = pay('100.00');
  run(`<TxnDelRq><TxnDelType>ReceivePayment</TxnDelType><TxnID>${deleted}</TxnID></TxnDelRq>`);
  return { qb, inv, deleted };
}

describe('reconciliation report queries for QuickBooks Desktop', () => {
  it('use requestIDs no job parser takes for a job, and read back to their date and part', () => {
    for (const part of RECON_PARTS) {
      const id = reportRequestId('2026-03-31', part);
      expect(id.length).toBeLessThanOrEqual(50);
      expect(parseRequestId(id)).toBeNull();
      expect(parseReportRequestId(id)).toEqual({ asOf: '2026-03-31', part });
    }
    expect(parseReportRequestId('42.w')).toBeNull();
    expect(parseReportRequestId('rpt.20260331.zz')).toBeNull();
  });

  it("pass the simulator's element-order parse, and it answers every one", () => {
    const parsed = parseQbxmlResponse(createQbdCompany({ schemaDir: null }).processRequest(message()));
    if (!parsed.ok) throw new Error('unreadable');
    expect(parsed.value.map((rs) => [rs.type, rs.severity])).toEqual([
      ['GeneralSummaryReportQueryRs', 'Info'],
      ['AgingReportQueryRs', 'Info'],
      ['AccountQueryRs', 'Info'],
      ['CustomerQueryRs', 'Info'],
      ['TxnDeletedQueryRs', 'Info'],
    ]);
  });

  it.runIf(schemaDir)('validate against the qbXML 13.0 XSD', () => {
    expect(xmllint(message(), schemaDir!)).toEqual([]);
  });

  it('turn QuickBooks\' answers into a snapshot with ListIDs and TxnIDs', () => {
    const { qb, inv, deleted } = companyFile();
    const parsed = parseQbxmlResponse(qb.processRequest(message()));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    const answers = Object.fromEntries(parsed.value.map((rs) => [parseReportRequestId(rs.requestId)!.part, rs]));
    const read = readReconAnswers({ asOf: '2026-03-31', yearStart: '2026-01-01', answers });
    if (!read.ok) throw new Error(read.error.message);
    const customer = qb.findList('Customer', 'Bay & Sons')!.listId;
    const ar = qb.findList('Account', 'Accounts Receivable')!.listId;
    expect(read.value.openItems).toEqual([{ txnId: inv, txnType: 'Invoice', docNumber: '1001', customerId: customer, customerName: 'Bay & Sons', amountCents: 120000, openCents: 70000 }]);
    expect(read.value.accounts).toContainEqual({ qbId: ar, name: 'Accounts Receivable', cents: 70000 });
    expect(read.value.accounts).toContainEqual({ qbId: qb.findList('Account', 'Sales')!.listId, name: 'Sales', cents: -120000 });
    expect(read.value.deleted).toEqual([expect.objectContaining({ txnId: deleted, txnType: 'ReceivePayment', refNumber: 'CHK-100.00' })]);
    expect(read.value.reads).toEqual(['TrialBalance', 'ARAgingDetail', 'AccountQuery', 'CustomerQuery', 'TxnDeletedQuery']);
  });

  it('a refused or missing part fails the whole snapshot, naming it', () => {
    const { qb } = companyFile();
    qb.faults.statusNextRequests(1, { code: 1030, severity: 'Error', message: 'This request is not supported by this implementation.' });
    const parsed = parseQbxmlResponse(qb.processRequest(message()));
    if (!parsed.ok) throw new Error('unreadable');
    const answers = Object.fromEntries(parsed.value.map((rs) => [parseReportRequestId(rs.requestId)!.part, rs]));
    const refused = readReconAnswers({ asOf: '2026-03-31', yearStart: '2026-01-01', answers });
    expect(refused.ok ? null : refused.error).toEqual({ reason: 'refused', message: expect.stringContaining('TrialBalance request (1030') });
    const again = parseQbxmlResponse(qb.processRequest(message()));
    if (!again.ok) throw new Error('unreadable');
    const partial = Object.fromEntries(again.value.map((rs) => [parseReportRequestId(rs.requestId)!.part, rs]).filter(([part]) => part !== 'deleted'));
    const missing = readReconAnswers({ asOf: '2026-03-31', yearStart: '2026-01-01', answers: partial });
    expect(missing.ok ? null : missing.error.reason).toBe('missing_answer');
  });
});
