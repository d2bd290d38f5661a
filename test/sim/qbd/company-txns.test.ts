import { beforeEach, describe, expect, it } from 'vitest';
import { createQbdCompany, type QbdCompany } from './company/company.js';
import { customerAdd, field, qbxml, responses, salesTaxItemAdd, serviceItemAdd } from './fixtures.js';

// Uses QBXML_SCHEMA_DIR when set, so every fixture here is also checked by xmllint.
let c: QbdCompany;
const run = (body: string, onError?: string) => responses(c.processRequest(qbxml(body, { onError })));
const ok = (body: string) => {
  const [rs] = run(body);
  expect(rs.attrs.statusMessage).toBe('Status OK');
  return rs.rets[0];
};
const line = (item: string, qty: string, rate: string, extra = '') =>
  `<InvoiceLineAdd><ItemRef><FullName>${item}</FullName></ItemRef><Quantity>${qty}</Quantity><Rate>${rate}</Rate>${extra}</InvoiceLineAdd>`;
const invoice = (ref: string, lines: string, header = '') =>
  `<InvoiceAddRq requestID="inv-${ref}"><InvoiceAdd defMacro="TxnID:${ref}"><CustomerRef><FullName>Slip 12</FullName></CustomerRef><RefNumber>${ref}</RefNumber>${header}${lines}</InvoiceAdd></InvoiceAddRq>`;
const payment = (applied: string, total?: string) =>
  `<ReceivePaymentAddRq requestID="pay"><ReceivePaymentAdd><CustomerRef><FullName>Slip 12</FullName></CustomerRef>` +
  `${total ? `<TotalAmount>${total}</TotalAmount>` : ''}${applied}</ReceivePaymentAdd></ReceivePaymentAddRq>`;
const apply = (txnId: string, amount: string) => `<AppliedToTxnAdd><TxnID>${txnId}</TxnID><PaymentAmount>${amount}</PaymentAmount></AppliedToTxnAdd>`;

beforeEach(() => {
  c = createQbdCompany({ now: () => new Date('2023-11-14T22:13:20Z') });
  run(customerAdd('Slip 12') + serviceItemAdd('Dockage', '45.50') + serviceItemAdd('Pump-out', '10.00', 'Non') + salesTaxItemAdd('FL 7%', '7.0'));
});

describe('invoice amounts and sales tax', () => {
  it('computes Quantity×Rate, taxes only taxable lines at the ItemSalesTax rate, rounds once', () => {
    const ret = ok(invoice('1001', line('Dockage', '3', '33.335') + line('Pump-out', '1', '10.00'), '<ItemSalesTaxRef><FullName>FL 7%</FullName></ItemSalesTaxRef>'));
    expect(field(ret, 'Subtotal')).toBe('110.01');
    expect(field(ret, 'SalesTaxPercentage')).toBe('7');
    expect(field(ret, 'SalesTaxTotal')).toBe('7.00'); // 7% of 100.01 (the taxable Dockage line)
    expect(field(ret, 'BalanceRemaining')).toBe('117.01');
    expect(c.customerBalance('Slip 12')).toBe('117.01');
    expect(c.accountBalance('Sales Tax Payable')).toBe('7.00');
    expect(c.accountBalance('Accounts Receivable')).toBe('117.01');
  });

  it('a bare item line takes the item price and description; a group adds its members rates', () => {
    run(salesTaxItemAdd('County', '1.5') + '<ItemSalesTaxGroupAddRq><ItemSalesTaxGroupAdd><Name>FL+County</Name><ItemSalesTaxRef><FullName>FL 7%</FullName></ItemSalesTaxRef><ItemSalesTaxRef><FullName>County</FullName></ItemSalesTaxRef></ItemSalesTaxGroupAdd></ItemSalesTaxGroupAddRq>');
    const ret = ok(invoice('1002', '<InvoiceLineAdd><ItemRef><FullName>Dockage</FullName></ItemRef></InvoiceLineAdd>', '<ItemSalesTaxRef><FullName>FL+County</FullName></ItemSalesTaxRef>'));
    expect(field(ret, 'InvoiceLineRet/Amount')).toBe('45.50');
    expect(field(ret, 'InvoiceLineRet/Desc')).toBe('Dockage');
    expect(field(ret, 'SalesTaxPercentage')).toBe('8.5');
    expect(field(ret, 'SalesTaxTotal')).toBe('3.87');
  });

  it('rejects Amount that disagrees with Quantity×Rate (3210) and accepts a consistent one', () => {
    const [bad] = run(invoice('1003', line('Dockage', '2', '10.00', '<Amount>25.00</Amount>')));
    expect(bad.attrs).toMatchObject({ statusCode: '3210', statusSeverity: 'Error' });
    const ret = ok(invoice('1004', line('Dockage', '2', '10.00', '<Amount>20.00</Amount>')));
    expect(field(ret, 'Subtotal')).toBe('20.00');
  });

  it('duplicate RefNumbers are accepted (QB only warns in its UI) and both are findable', () => {
    ok(invoice('DUP-1', line('Dockage', '1', '1.00')));
    const [rs] = run(invoice('DUP-1', line('Dockage', '1', '2.00')));
    expect(rs.attrs.statusCode).toBe('0');
    expect(c.findTxnsByRefNumber('Invoice', 'DUP-1')).toHaveLength(2);
    const [q] = run('<InvoiceQueryRq><RefNumber>DUP-1</RefNumber></InvoiceQueryRq>');
    expect(q.rets).toHaveLength(2);
  });

  it('assigns the next numeric RefNumber when none is sent', () => {
    ok(invoice('41', line('Dockage', '1', '1.00')));
    const ret = ok('<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>Slip 12</FullName></CustomerRef></InvoiceAdd></InvoiceAddRq>');
    expect(field(ret, 'RefNumber')).toBe('42');
  });

  it('InvoiceMod replaces lines (TxnLineID -1 adds) and needs the current EditSequence', () => {
    const ret = ok(invoice('M1', line('Dockage', '1', '10.00') + line('Dockage', '1', '5.00')));
    const txnId = field(ret, 'TxnID')!;
    const seq = field(ret, 'EditSequence')!;
    const firstLine = ret.children.find((n) => n.name === 'InvoiceLineRet')!;
    const lineId = field(firstLine, 'TxnLineID');
    const mod = (s: string) => `<InvoiceModRq><InvoiceMod><TxnID>${txnId}</TxnID><EditSequence>${s}</EditSequence><Memo>fixed</Memo>` +
      `<InvoiceLineMod><TxnLineID>${lineId}</TxnLineID><Quantity>2</Quantity></InvoiceLineMod>` +
      `<InvoiceLineMod><TxnLineID>-1</TxnLineID><ItemRef><FullName>Pump-out</FullName></ItemRef></InvoiceLineMod></InvoiceMod></InvoiceModRq>`;
    const modded = ok(mod(seq));
    expect(field(modded, 'Subtotal')).toBe('30.00');
    expect(modded.children.filter((n) => n.name === 'InvoiceLineRet')).toHaveLength(2);
    expect(run(mod(seq))[0].attrs.statusCode).toBe('3200');
  });
});

describe('payments', () => {
  it('applying a payment reduces BalanceRemaining; over-applying is 3210', () => {
    const inv = field(ok(invoice('2001', line('Dockage', '2', '50.00'))), 'TxnID')!;
    const pay = ok(payment(apply(inv, '60.00'), '60.00'));
    expect(field(pay, 'AppliedToTxnRet/BalanceRemaining')).toBe('40.00');
    expect(field(pay, 'UnusedPayment')).toBe('0.00');
    const [over] = run(payment(apply(inv, '40.01'), '40.01'));
    expect(over.attrs.statusCode).toBe('3210');
    expect(over.attrs.statusMessage).toContain('You cannot pay more than the amount due.');
    const [q] = run(`<InvoiceQueryRq><TxnID>${inv}</TxnID><IncludeLinkedTxns>true</IncludeLinkedTxns></InvoiceQueryRq>`);
    expect(field(q.rets[0], 'BalanceRemaining')).toBe('40.00');
    expect(field(q.rets[0], 'AppliedAmount')).toBe('-60.00');
    expect(field(q.rets[0], 'LinkedTxn/TxnType')).toBe('ReceivePayment');
    expect(c.customerBalance('Slip 12')).toBe('40.00');
    expect(c.accountBalance('Undeposited Funds')).toBe('60.00');
  });

  it('a ReceivePaymentMod listing applications replaces them; an over-application changes nothing', () => {
    const a = field(ok(invoice('RA', line('Dockage', '1', '100.00'))), 'TxnID')!;
    const b = field(ok(invoice('RB', line('Dockage', '1', '50.00'))), 'TxnID')!;
    const pay = ok(payment(apply(a, '60.00'), '60.00'));
    const mod = (seq: string, apps: [string, string][]) =>
      `<ReceivePaymentModRq><ReceivePaymentMod><TxnID>${field(pay, 'TxnID')}</TxnID><EditSequence>${seq}</EditSequence>` +
      apps.map(([id, amt]) => `<AppliedToTxnMod><TxnID>${id}</TxnID><PaymentAmount>${amt}</PaymentAmount></AppliedToTxnMod>`).join('') +
      '</ReceivePaymentMod></ReceivePaymentModRq>';
    const open = (ref: string) => c.findTxnsByRefNumber('Invoice', ref)[0].openCents;
    const [bad] = run(mod(field(pay, 'EditSequence')!, [[b, '60.00']]));
    expect(bad.attrs).toMatchObject({ statusCode: '3210', statusSeverity: 'Error' });
    expect([open('RA'), open('RB')]).toEqual([4000, 5000]);
    const moved = ok(mod(field(pay, 'EditSequence')!, [[a, '40.00'], [b, '20.00']]));
    expect([open('RA'), open('RB')]).toEqual([6000, 3000]);
    expect(c.customerBalance('Slip 12')).toBe('90.00');
    expect(moved.children.filter((n) => n.name === 'AppliedToTxnRet').map((n) => field(n, 'TxnID'))).toEqual([a, b]);
  });

  it('IsAutoApply pays the oldest invoices first and leaves the rest unused', () => {
    ok(invoice('A1', line('Dockage', '1', '30.00')));
    ok(invoice('A2', line('Dockage', '1', '30.00')));
    const pay = ok(payment('<IsAutoApply>true</IsAutoApply>', '70.00'));
    expect(field(pay, 'UnusedPayment')).toBe('10.00');
    const [paid] = run('<InvoiceQueryRq><PaidStatus>PaidOnly</PaidStatus></InvoiceQueryRq>');
    expect(paid.rets).toHaveLength(2);
  });

  it('an invoice and its payment can go in one message set with defMacro/useMacro', () => {
    const rs = run(invoice('MAC', line('Dockage', '1', '12.00')) + payment('<AppliedToTxnAdd><TxnID useMacro="TxnID:MAC"/><PaymentAmount>12.00</PaymentAmount></AppliedToTxnAdd>', '12.00'));
    expect(rs.map((r) => r.attrs.statusCode)).toEqual(['0', '0']);
    expect(field(rs[1].rets[0], 'AppliedToTxnRet/BalanceRemaining')).toBe('0.00');
  });
});

describe('credits and refunds', () => {
  const creditMemo = `<CreditMemoAddRq><CreditMemoAdd><CustomerRef><FullName>Slip 12</FullName></CustomerRef><RefNumber>CM1</RefNumber>` +
    `<CreditMemoLineAdd><ItemRef><FullName>Pump-out</FullName></ItemRef><Amount>25.00</Amount></CreditMemoLineAdd></CreditMemoAdd></CreditMemoAddRq>`;

  it('card refund draws down a credit memo; refunding more than remains is 3210', () => {
    const cm = field(ok(creditMemo), 'TxnID')!;
    expect(c.customerBalance('Slip 12')).toBe('-25.00');
    const ref = ok(`<ARRefundCreditCardAddRq><ARRefundCreditCardAdd><CustomerRef><FullName>Slip 12</FullName></CustomerRef>` +
      `<RefundFromAccountRef><FullName>Checking</FullName></RefundFromAccountRef><RefundAppliedToTxnAdd><TxnID>${cm}</TxnID><RefundAmount>20.00</RefundAmount></RefundAppliedToTxnAdd></ARRefundCreditCardAdd></ARRefundCreditCardAddRq>`);
    expect(field(ref, 'RefundAppliedToTxnRet/CreditRemaining')).toBe('5.00');
    expect(c.customerBalance('Slip 12')).toBe('-5.00');
    const [over] = run(`<ARRefundCreditCardAddRq><ARRefundCreditCardAdd><CustomerRef><FullName>Slip 12</FullName></CustomerRef><RefundAppliedToTxnAdd><TxnID>${cm}</TxnID><RefundAmount>5.01</RefundAmount></RefundAppliedToTxnAdd></ARRefundCreditCardAdd></ARRefundCreditCardAddRq>`);
    expect(over.attrs.statusCode).toBe('3210');
  });

  it('check refund: A/R expense line for the customer plus ApplyCheckToTxnAdd to the credit memo', () => {
    const cm = field(ok(creditMemo), 'TxnID')!;
    const chk = ok(`<CheckAddRq><CheckAdd><AccountRef><FullName>Checking</FullName></AccountRef><PayeeEntityRef><FullName>Slip 12</FullName></PayeeEntityRef><RefNumber>5001</RefNumber>` +
      `<ApplyCheckToTxnAdd><TxnID>${cm}</TxnID><Amount>25.00</Amount></ApplyCheckToTxnAdd>` +
      `<ExpenseLineAdd><AccountRef><FullName>Accounts Receivable</FullName></AccountRef><Amount>25.00</Amount><CustomerRef><FullName>Slip 12</FullName></CustomerRef></ExpenseLineAdd></CheckAdd></CheckAddRq>`);
    expect(field(chk, 'Amount')).toBe('25.00');
    expect(c.customerBalance('Slip 12')).toBe('0.00');
    expect(c.accountBalance('Checking')).toBe('-25.00');
    const [q] = run(`<CreditMemoQueryRq><TxnID>${cm}</TxnID></CreditMemoQueryRq>`);
    expect(field(q.rets[0], 'CreditRemaining')).toBe('0.00');
  });
});

describe('journal entries, delete and void', () => {
  const je = (debit: string, credit: string) => `<JournalEntryAddRq><JournalEntryAdd><RefNumber>JE1</RefNumber>` +
    `<JournalDebitLine><AccountRef><FullName>Accounts Receivable</FullName></AccountRef><Amount>${debit}</Amount><EntityRef><FullName>Slip 12</FullName></EntityRef></JournalDebitLine>` +
    `<JournalCreditLine><AccountRef><FullName>Sales</FullName></AccountRef><Amount>${credit}</Amount></JournalCreditLine></JournalEntryAdd></JournalEntryAddRq>`;

  it('balanced entries post; unbalanced ones are refused', () => {
    ok(je('10.00', '10.00'));
    expect(c.customerBalance('Slip 12')).toBe('10.00');
    expect(c.accountBalance('Sales')).toBe('10.00');
    const [bad] = run(je('10.00', '9.99'));
    expect(bad.attrs).toMatchObject({ statusCode: '3180', statusSeverity: 'Error' });
  });

  it('a JournalEntryMod with lines replaces them all and must still balance', () => {
    const ret = ok(je('10.00', '10.00'));
    const txnId = field(ret, 'TxnID')!;
    const mod = (seq: string, debit: string, credit: string) =>
      `<JournalEntryModRq><JournalEntryMod><TxnID>${txnId}</TxnID><EditSequence>${seq}</EditSequence>` +
      `<JournalLineMod><TxnLineID>-1</TxnLineID><JournalLineType>Debit</JournalLineType><AccountRef><FullName>Accounts Receivable</FullName></AccountRef><Amount>${debit}</Amount><EntityRef><FullName>Slip 12</FullName></EntityRef></JournalLineMod>` +
      `<JournalLineMod><TxnLineID>-1</TxnLineID><JournalLineType>Credit</JournalLineType><AccountRef><FullName>Sales</FullName></AccountRef><Amount>${credit}</Amount></JournalLineMod>` +
      `</JournalEntryMod></JournalEntryModRq>`;
    const [bad] = run(mod(field(ret, 'EditSequence')!, '12.00', '11.00'));
    expect(bad.attrs).toMatchObject({ statusCode: '3180', statusSeverity: 'Error' });
    expect(c.customerBalance('Slip 12')).toBe('10.00');
    const modded = ok(mod(field(ret, 'EditSequence')!, '12.50', '12.50'));
    expect(modded.children.filter((n) => n.name === 'JournalDebitLine' || n.name === 'JournalCreditLine')).toHaveLength(2);
    expect(c.customerBalance('Slip 12')).toBe('12.50');
    expect(c.accountBalance('Sales')).toBe('12.50');
  });

  it('an invoice with a payment cannot be deleted; deleting the payment first restores the balance', () => {
    const inv = field(ok(invoice('D1', line('Dockage', '1', '20.00'))), 'TxnID')!;
    const pay = field(ok(payment(apply(inv, '20.00'), '20.00')), 'TxnID')!;
    expect(run(`<TxnDelRq><TxnDelType>Invoice</TxnDelType><TxnID>${inv}</TxnID></TxnDelRq>`)[0].attrs.statusSeverity).toBe('Error');
    const [del] = run(`<TxnDelRq><TxnDelType>ReceivePayment</TxnDelType><TxnID>${pay}</TxnID></TxnDelRq>`);
    expect(del.attrs.statusCode).toBe('0');
    expect(field({ name: 'x', attrs: {}, text: '', children: del.rets }, 'TxnID')).toBe(pay);
    expect(c.customerBalance('Slip 12')).toBe('20.00');
    const [voided] = run(`<TxnVoidRq><TxnVoidType>Invoice</TxnVoidType><TxnID>${inv}</TxnID></TxnVoidRq>`);
    expect(voided.attrs.statusCode).toBe('0');
    expect(c.customerBalance('Slip 12')).toBe('0.00');
    expect(c.txns('Invoice')[0].memo).toBe('VOID:');
    expect(c.deletedTxns().map((d) => d.kind)).toEqual(['ReceivePayment']);
  });
});

describe('queries used to check "was it already created?"', () => {
  it('by RefNumber, ModifiedDateRange, EntityFilter and with iterators', () => {
    for (const r of ['R1', 'R2', 'R3']) ok(invoice(r, line('Dockage', '1', '1.00')));
    expect(run('<InvoiceQueryRq><RefNumber>R2</RefNumber></InvoiceQueryRq>')[0].rets).toHaveLength(1);
    expect(run('<InvoiceQueryRq><RefNumber>NOPE</RefNumber></InvoiceQueryRq>')[0].attrs.statusCode).toBe('1');
    const [mod] = run('<InvoiceQueryRq><ModifiedDateRangeFilter><FromModifiedDate>2023-11-14T17:00:00-05:00</FromModifiedDate></ModifiedDateRangeFilter><EntityFilter><FullName>Slip 12</FullName></EntityFilter></InvoiceQueryRq>');
    expect(mod.rets).toHaveLength(3);
    const first = c.processRequest(qbxml('<InvoiceQueryRq iterator="Start"><MaxReturned>2</MaxReturned></InvoiceQueryRq>'));
    const [page1] = responses(first);
    expect(page1.attrs.iteratorRemainingCount).toBe('1');
    const [page2] = run(`<InvoiceQueryRq iterator="Continue" iteratorID="${page1.attrs.iteratorID}"><MaxReturned>2</MaxReturned></InvoiceQueryRq>`);
    expect(page2.rets).toHaveLength(1);
    const [gone] = run(`<InvoiceQueryRq iterator="Continue" iteratorID="${page1.attrs.iteratorID}"><MaxReturned>2</MaxReturned></InvoiceQueryRq>`);
    expect(gone.attrs.statusCode).toBe('3391');
  });

  it('IncludeRetElement trims the Ret; HostQuery and Account balances answer a recon', () => {
    ok(invoice('I1', line('Dockage', '1', '8.00')));
    const [rs] = run('<InvoiceQueryRq><RefNumber>I1</RefNumber><IncludeRetElement>TxnID</IncludeRetElement><IncludeRetElement>EditSequence</IncludeRetElement></InvoiceQueryRq>');
    expect(rs.rets[0].children.map((n) => n.name)).toEqual(['TxnID', 'EditSequence']);
    const [acct] = run('<AccountQueryRq><FullName>Accounts Receivable</FullName></AccountQueryRq>');
    expect(field(acct.rets[0], 'Balance')).toBe('8.00');
    const [host] = run('<HostQueryRq/>');
    expect(field(host.rets[0], 'ProductName')).toBe('QuickBooks Pro 2014');
    expect(host.rets[0].children.filter((n) => n.name === 'SupportedQBXMLVersion').at(-1)?.text).toBe('13.0');
  });
});

describe('fault injection', () => {
  it('failNextRequests throws an HRESULT; statusNextRequests answers with a status without running', () => {
    c.faults.failNextRequests(1, { hresult: '0x80040408' });
    expect(() => c.processRequest(qbxml(customerAdd('F')))).toThrowError('Could not start QuickBooks.');
    c.faults.statusNextRequests(1, { code: 3175, severity: 'Error', message: 'record in use' });
    expect(run(customerAdd('F'))[0].attrs.statusCode).toBe('3175');
    expect(c.count('Customer')).toBe(1);
    expect(run(customerAdd('F'))[0].attrs.statusCode).toBe('0');
  });

  it('failAfterCommit: the write lands but the caller only sees the HRESULT', () => {
    c.faults.failAfterCommit(1, { hresult: '0x80040402' });
    expect(() => c.processRequest(qbxml(customerAdd('Landed')))).toThrowError(/Unexpected error/);
    expect(c.findList('Customer', 'Landed')).toBeDefined();
  });
});
