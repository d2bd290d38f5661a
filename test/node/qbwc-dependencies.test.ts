import { describe, expect, it } from 'vitest';
import { call, desktopMarina, jobs, newCompanyFile, runQbwc, syncUntilDone, type DesktopMarina } from './qbwc-support';

/** A new customer and an invoice for them, as Sharper would push them after the first sync. */
function newCustomerWithInvoice(n: number, withInvoice = true) {
  const customer = { kind: 'customer', id: `C-N${n}`, data: { name: `Newcomer, Pat (C-N${n})`, email: `pat${n}@example.com`, taxable: false } };
  const invoice = {
    kind: 'invoice',
    id: `INV-N${n}`,
    data: {
      customer: `C-N${n}`,
      date: '2026-04-02',
      dueDate: '2026-04-16',
      docNumber: `N${n}`,
      lines: [{ item: 'P-PUMP', description: 'Pump-out', quantity: '1', rate: '25.00', amount: '25.00', taxable: false }],
      tax: '0.00',
      total: '25.00',
    },
  };
  return withInvoice ? [customer, invoice] : [customer];
}

async function push(m: DesktopMarina, records: unknown[]) {
  const res = await call('POST', `/v1/companies/${m.id}/records/bulk`, m.mms, { records });
  expect(res.status).toBe(200);
}

/** The qbXML messages a run sent, in order. */
const messages = (run: Awaited<ReturnType<typeof runQbwc>>) =>
  run.transcript.filter((t) => t.method === 'sendRequestXML' && typeof t.result === 'string' && t.result !== '').map((t) => t.result as string);

/** The job of a record's newest version. */
const latest = async (m: DesktopMarina, id: string) => (await jobs(m)).filter((j) => j.record.id === id).sort((a, b) => b.id - a.id)[0];

const job = async (m: DesktopMarina, kind: string, id: string) => (await jobs(m, `&kind=${kind}`)).filter((j) => j.record.id === id).at(-1)!;

describe('Web Connector: dependencies in the same message', () => {
  it('a new customer and its invoice travel in one message; the invoice names the customer by FullName', async () => {
    const m = await desktopMarina(2);
    const qb = newCompanyFile();
    await syncUntilDone(m, qb);
    await push(m, newCustomerWithInvoice(1));
    const run = await runQbwc(m, qb);
    expect(run.status).toBe('done');
    const sent = messages(run);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/<CustomerAdd>.*<\/CustomerAdd>.*<InvoiceAdd[^>]*><CustomerRef><FullName>Newcomer, Pat \(C-N1\)<\/FullName><\/CustomerRef>/s);
    const cust = qb.findList('Customer', 'Newcomer, Pat (C-N1)')!;
    const [inv] = qb.findTxnsByRefNumber('Invoice', 'N1');
    expect(inv.entityId).toBe(cust.listId);
    expect((await job(m, 'invoice', 'INV-N1')).state).toBe('synced');
    expect((await job(m, 'customer', 'C-N1')).qbId).toBe(cust.listId);
  });

  it('the whole demo backlog needs no more round trips than ceil(N/50) + 2', async () => {
    const m = await desktopMarina(12);
    const qb = newCompanyFile();
    const runs = await syncUntilDone(m, qb);
    const all = await jobs(m);
    const sent = runs.flatMap((r) => messages(r));
    expect(sent.length).toBeLessThanOrEqual(Math.ceil(all.length / 50) + 2);
    expect(all.filter((j) => j.state === 'synced').length).toBe(all.length - 1); // one held by the planner
  });

  it('a dependency failing inside the message leaves its dependant waiting for it; both sync next time', async () => {
    const m = await desktopMarina(1);
    const qb = newCompanyFile();
    await syncUntilDone(m, qb);
    await push(m, newCustomerWithInvoice(2));
    // The CustomerAdd (first request of the message) is refused; the invoice then names a customer QuickBooks lacks.
    qb.faults.statusNextRequests(1, { code: 3180, severity: 'Error', message: 'There was an error when saving a Customer.  QuickBooks error message: The name field is not valid.' });
    const first = await runQbwc(m, qb);
    expect(messages(first)).toHaveLength(1);
    const customer = await job(m, 'customer', 'C-N2');
    expect(customer.state).toBe('failed');
    const invoice = await job(m, 'invoice', 'INV-N2');
    expect(invoice.state).toBe('waiting');
    expect(invoice.message).toMatch(/waits for customer C-N2/);
    expect(qb.findTxnsByRefNumber('Invoice', 'N2')).toHaveLength(0);

    const requeued = await call('POST', `/v1/companies/${m.id}/jobs/${customer.id}/requeue`, m.operator, {});
    expect(requeued.status).toBe(200);
    const second = await runQbwc(m, qb);
    expect(second.status).toBe('done');
    expect(messages(second)).toHaveLength(1);
    expect((await job(m, 'customer', 'C-N2')).state).toBe('synced');
    expect((await job(m, 'invoice', 'INV-N2')).state).toBe('synced');
    expect(qb.findTxnsByRefNumber('Invoice', 'N2')).toHaveLength(1);
  });

  it('a customer deleted in QuickBooks is added again and the new invoice for it goes through', async () => {
    const m = await desktopMarina(1);
    const qb = newCompanyFile();
    await push(m, newCustomerWithInvoice(3, false));
    await syncUntilDone(m, qb);
    const before = qb.findList('Customer', 'Newcomer, Pat (C-N3)')!;
    expect(before).toBeTruthy();
    qb.processRequest(
      `<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError"><ListDelRq requestID="del"><ListDelType>Customer</ListDelType><ListID>${before.listId}</ListID></ListDelRq></QBXMLMsgsRq></QBXML>`,
    );
    expect(qb.findList('Customer', 'Newcomer, Pat (C-N3)')).toBeUndefined();

    await push(m, newCustomerWithInvoice(3).slice(1));
    const runs = await syncUntilDone(m, qb);
    expect(runs[0].status).toBe('done');
    const after = qb.findList('Customer', 'Newcomer, Pat (C-N3)')!;
    expect(after.listId).not.toBe(before.listId);
    expect(qb.findTxnsByRefNumber('Invoice', 'N3')).toHaveLength(1);
    const invoice = await job(m, 'invoice', 'INV-N3');
    expect(invoice.state).toBe('synced');
    // It went by the old ListID first, got 3140, and waited while the customer was added anew.
    const detail = await call('GET', `/v1/companies/${m.id}/jobs/${invoice.id}`, m.operator);
    const outcomes = detail.json.attemptHistory.map((a: { outcome: string; message: string | null }) => `${a.outcome}: ${a.message}`);
    expect(outcomes.some((o: string) => /^waiting: .*no longer has it/.test(o))).toBe(true);
    const customer = await job(m, 'customer', 'C-N3');
    expect(customer.state).toBe('synced');
    expect(customer.qbId).toBe(after.listId);
    expect(qb.lists('Customer').filter((c) => c.name === 'Newcomer, Pat (C-N3)')).toHaveLength(1);
  });

  it('a record deleted in QuickBooks and then changed in Sharper is added again, once, and the log says so', async () => {
    const m = await desktopMarina(1);
    const qb = newCompanyFile();
    const [customer, invoice] = newCustomerWithInvoice(4);
    await push(m, [customer, invoice]);
    await syncUntilDone(m, qb);
    const oldCustomer = qb.findList('Customer', 'Newcomer, Pat (C-N4)')!;
    const oldInvoice = qb.findTxnsByRefNumber('Invoice', 'N4')[0];
    const del = (body: string) =>
      qb.processRequest(`<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError">${body}</QBXMLMsgsRq></QBXML>`);
    // Someone deletes both in QuickBooks (the invoice first: QuickBooks refuses to delete a customer with transactions).
    del(`<TxnDelRq requestID="d1"><TxnDelType>Invoice</TxnDelType><TxnID>${oldInvoice.txnId}</TxnID></TxnDelRq>`);
    del(`<ListDelRq requestID="d2"><ListDelType>Customer</ListDelType><ListID>${oldCustomer.listId}</ListID></ListDelRq>`);

    // Sharper changes both: each Mod gets 3120 and is sent again as an Add in the same session.
    await push(m, [
      { ...customer, data: { ...customer.data, email: 'pat.new@example.com' } },
      { ...invoice, data: { ...invoice.data, memo: 'Pump-out, corrected' } },
    ]);
    const runs = await syncUntilDone(m, qb);
    expect(runs[0].status).toBe('done');
    const customers = qb.lists('Customer').filter((c) => c.name === 'Newcomer, Pat (C-N4)');
    expect(customers).toHaveLength(1);
    expect(customers[0].listId).not.toBe(oldCustomer.listId);
    const invoices = qb.findTxnsByRefNumber('Invoice', 'N4');
    expect(invoices).toHaveLength(1);
    expect(invoices[0].txnId).not.toBe(oldInvoice.txnId);

    const newest = async (kind: string, id: string) => (await jobs(m, `&kind=${kind}`)).filter((j) => j.record.id === id).sort((a, b) => b.id - a.id)[0];
    const c = await newest('customer', 'C-N4');
    expect(c).toMatchObject({ state: 'synced', qbId: customers[0].listId });
    expect(c.message).toMatch(/deleted in QuickBooks .*3120.*added it again/);
    const i = await newest('invoice', 'INV-N4');
    expect(i).toMatchObject({ state: 'synced', qbId: invoices[0].txnId });
    expect(i.message).toMatch(/added it again as a new transaction/);
  });

  it('a payment re-applied in Sharper after it synced is re-applied in QuickBooks (ReceivePaymentMod with every application)', async () => {
    const m = await desktopMarina(1);
    const qb = newCompanyFile();
    const [customer, first] = newCustomerWithInvoice(5);
    const invoiceData = first.data as { lines: { rate: string; amount: string }[] };
    const second = { ...first, id: 'INV-N5B', data: { ...invoiceData, docNumber: 'N5B', lines: [{ ...invoiceData.lines[0], rate: '50.00', amount: '50.00' }], total: '50.00' } };
    const pay = (apps: { invoice: string; amount: string }[]) => ({
      kind: 'payment',
      id: 'PAY-N5',
      data: { customer: 'C-N5', date: '2026-04-05', method: 'check', reference: 'CHK-55', amount: '30.00', depositAccount: 'A-1200', applications: apps },
    });
    await push(m, [customer, first, second, pay([{ invoice: 'INV-N5', amount: '25.00' }])]);
    await syncUntilDone(m, qb);
    const open = (ref: string) => qb.findTxnsByRefNumber('Invoice', ref)[0].openCents;
    expect([open('N5'), open('N5B')]).toEqual([0, 5000]);

    await push(m, [pay([{ invoice: 'INV-N5', amount: '10.00' }, { invoice: 'INV-N5B', amount: '20.00' }])]);
    await syncUntilDone(m, qb);
    expect([open('N5'), open('N5B')]).toEqual([1500, 3000]);
    expect(qb.txns('ReceivePayment').filter((p) => p.refNumber === 'CHK-55')).toHaveLength(1);
    const payJobs = (await jobs(m, '&kind=payment')).filter((j) => j.record.id === 'PAY-N5');
    expect(payJobs.map((j) => j.state)).toEqual(['synced', 'synced']);

    // Unapplied in Sharper altogether (the money stays as the customer's credit): both invoices
    // reopen in QuickBooks, which needs a zero amount for each — an empty list would change nothing.
    await push(m, [pay([])]);
    await syncUntilDone(m, qb);
    expect([open('N5'), open('N5B')]).toEqual([2500, 5000]);
    const [payment] = qb.txns('ReceivePayment').filter((p) => p.refNumber === 'CHK-55');
    expect(payment.openCents).toBe(3000);
    expect(qb.customerBalance('Newcomer, Pat (C-N5)')).toBe('45.00');
  });
});

type Applied = { invoice: string; amount: string }[];

/** A 20.00 credit memo for newcomer `n` (see newCustomerWithInvoice), applied as given. */
const creditMemo = (n: number, applications: Applied) => ({
  kind: 'credit_memo',
  id: `CM-N${n}`,
  data: { customer: `C-N${n}`, date: '2026-04-03', docNumber: `CMN${n}`, lines: [{ item: 'P-PUMP', description: 'Pump-out refunded', amount: '20.00', taxable: false }], tax: '0.00', applications },
});

/** A Desktop marina whose newcomer `n` has an invoice and an unapplied 20.00 credit memo, all synced. */
async function newcomerWithMemo(n: number) {
  const m = await desktopMarina(1);
  const qb = newCompanyFile();
  await push(m, [...newCustomerWithInvoice(n), creditMemo(n, [])]);
  await syncUntilDone(m, qb);
  return { m, qb, memo: (applications: Applied) => creditMemo(n, applications) };
}

describe('Web Connector: a credit memo applied after it synced', () => {
  it('applies the added credit once (a zero-amount payment after the Mod), and holds a memo that now applies less', async () => {
    const { m, qb, memo } = await newcomerWithMemo(6);
    const open = (kind: 'Invoice' | 'CreditMemo', ref: string) => qb.findTxnsByRefNumber(kind, ref)[0].openCents;
    expect([open('Invoice', 'N6'), open('CreditMemo', 'CMN6')]).toEqual([2500, 2000]);

    // Next week the marina applies 15.00 of the credit to the invoice.
    await push(m, [memo([{ invoice: 'INV-N6', amount: '15.00' }])]);
    await syncUntilDone(m, qb);
    expect([open('Invoice', 'N6'), open('CreditMemo', 'CMN6')]).toEqual([1000, 500]);
    const linking = qb.txns('ReceivePayment').filter((p) => p.memo === 'Credit memo CMN6 applied');
    expect(linking).toHaveLength(1);
    const applied = await latest(m, 'CM-N6');
    expect(applied).toMatchObject({ state: 'synced', message: expect.stringContaining('added credit applied') });

    // Running again changes nothing: the Mod's answer shows the credit is already used.
    await syncUntilDone(m, qb);
    expect(open('Invoice', 'N6')).toBe(1000);

    // Sharper then takes 5.00 back: qbXML cannot, so the job is held saying what to do.
    await push(m, [memo([{ invoice: 'INV-N6', amount: '10.00' }])]);
    await syncUntilDone(m, qb);
    const held = await latest(m, 'CM-N6');
    expect(held).toMatchObject({ state: 'held', code: 'CREDIT_OVERAPPLIED' });
    expect(held.message).toContain('QuickBooks has 5.00 more of it used');
    expect(open('Invoice', 'N6')).toBe(1000);
  });

  it('a top-up whose answer was lost is not applied again: the next Mod answer shows the credit already used', async () => {
    const { m, qb, memo } = await newcomerWithMemo(7);
    await push(m, [memo([{ invoice: 'INV-N7', amount: '20.00' }])]);
    // The first message carries the memo's Mod, the second its top-up: that answer never comes back.
    const lost = await runQbwc(m, qb, [{ kind: 'loseResponse', request: 2 }]);
    expect(messages(lost).map((x) => /<(\w+)Rq requestID/.exec(x)?.[1])).toEqual(['CreditMemoMod', 'ReceivePaymentAdd']);
    // QuickBooks applied the credit; Sharper never heard so, and the next run must find out.
    expect(qb.findTxnsByRefNumber('Invoice', 'N7')[0].openCents).toBe(500);
    expect((await latest(m, 'CM-N7')).state).toBe('sending');
    await syncUntilDone(m, qb);

    expect(await latest(m, 'CM-N7')).toMatchObject({ state: 'synced' });
    expect(qb.findTxnsByRefNumber('Invoice', 'N7')[0].openCents).toBe(500);
    expect(qb.txns('ReceivePayment').filter((p) => p.memo === 'Credit memo CMN7 applied')).toHaveLength(1);
  });

  it('a memo partly refunded, then changed, is not mistaken for over-applied: the refund is counted', async () => {
    const m = await desktopMarina(1);
    const qb = newCompanyFile();
    const [customer, invoice] = newCustomerWithInvoice(8);
    const refund = { kind: 'refund', id: 'RF-N8', data: { customer: 'C-N8', date: '2026-04-04', of: { kind: 'credit_memo', id: 'CM-N8' }, amount: '12.00', method: 'check', account: 'A-1010', docNumber: 'RFN8' } };
    await push(m, [customer, invoice, creditMemo(8, []), refund]);
    await syncUntilDone(m, qb);
    expect(qb.findTxnsByRefNumber('CreditMemo', 'CMN8')[0].openCents).toBe(800);

    // Then the 8.00 left is applied to the invoice (without the refund, 12.00 would look used twice).
    await push(m, [creditMemo(8, [{ invoice: 'INV-N8', amount: '8.00' }])]);
    await syncUntilDone(m, qb);
    expect(await latest(m, 'CM-N8')).toMatchObject({ state: 'synced' });
    expect([qb.findTxnsByRefNumber('Invoice', 'N8')[0].openCents, qb.findTxnsByRefNumber('CreditMemo', 'CMN8')[0].openCents]).toEqual([1700, 0]);
  });
});

describe('Web Connector: a refund changed after it synced', () => {
  it('replaces it (qbXML has no refund Mod): the one QuickBooks has is deleted, the new version added, once', async () => {
    const m = await desktopMarina(1);
    const qb = newCompanyFile();
    const [customer, invoice] = newCustomerWithInvoice(9);
    const refund = (amount: string, method: 'card' | 'check') => ({
      kind: 'refund',
      id: 'RF-N9',
      data: { customer: 'C-N9', date: '2026-04-04', of: { kind: 'credit_memo', id: 'CM-N9' }, amount, method, account: 'A-1010', docNumber: 'RFN9' },
    });
    await push(m, [customer, invoice, creditMemo(9, []), refund('12.00', 'card')]);
    await syncUntilDone(m, qb);
    expect(qb.txns('ARRefundCreditCard').filter((t) => t.refNumber === 'RFN9')).toHaveLength(1);
    expect(qb.findTxnsByRefNumber('CreditMemo', 'CMN9')[0].openCents).toBe(800);

    // Sharper corrects the refund: 15.00, paid back by check instead of to the card.
    await push(m, [refund('15.00', 'check')]);
    const run = await runQbwc(m, qb);
    expect(messages(run).map((x) => /<(\w+)Rq requestID/.exec(x)?.[1])).toEqual(['TxnDel', 'CheckAdd']);
    await syncUntilDone(m, qb);

    expect(qb.txns('ARRefundCreditCard').filter((t) => t.refNumber === 'RFN9')).toHaveLength(0);
    const checks = qb.txns('Check').filter((t) => t.refNumber === 'RFN9');
    expect(checks).toHaveLength(1);
    expect(checks[0].totalCents).toBe(1500);
    expect(qb.findTxnsByRefNumber('CreditMemo', 'CMN9')[0].openCents).toBe(500);
    const job = await latest(m, 'RF-N9');
    expect(job).toMatchObject({ state: 'synced', qbId: checks[0].txnId });
    expect(job.message).toContain('deleted the one it had');
  });

  it('a replacement whose delete was answered into the void adds the new version once (QuickBooks says the old one is gone)', async () => {
    const m = await desktopMarina(1);
    const qb = newCompanyFile();
    const [customer, invoice] = newCustomerWithInvoice(10);
    const refund = (amount: string) => ({
      kind: 'refund',
      id: 'RF-N10',
      data: { customer: 'C-N10', date: '2026-04-04', of: { kind: 'credit_memo', id: 'CM-N10' }, amount, method: 'check', account: 'A-1010', docNumber: 'RFN10' },
    });
    await push(m, [customer, invoice, creditMemo(10, []), refund('12.00')]);
    await syncUntilDone(m, qb);
    await push(m, [refund('7.00')]);
    const lost = await runQbwc(m, qb, [{ kind: 'loseResponse', request: 1 }]);
    expect(lost.status).not.toBe('done');
    expect(qb.txns('Check').filter((t) => t.refNumber === 'RFN10')).toHaveLength(0);
    await syncUntilDone(m, qb);

    const checks = qb.txns('Check').filter((t) => t.refNumber === 'RFN10');
    expect(checks.map((c) => c.totalCents)).toEqual([700]);
    expect(qb.findTxnsByRefNumber('CreditMemo', 'CMN10')[0].openCents).toBe(1300);
    expect(await latest(m, 'RF-N10')).toMatchObject({ state: 'synced', qbId: checks[0].txnId });
  });
});
