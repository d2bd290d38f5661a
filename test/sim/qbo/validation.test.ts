import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerAndInvoice, seeded, type SimHarness, startHarness } from './test-helpers';

let h: SimHarness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const code = (r: { json: any }) => r.json.Fault?.Error?.[0]?.code as string | undefined;

describe('Account sub-types', () => {
  it('a sub-type of another AccountType is refused (2170); a fitting one is kept', async () => {
    const bad = await h.api('POST', '/account', { Name: 'Wrong Fit', AccountType: 'Bank', AccountSubType: 'ServiceFeeIncome' });
    expect(code(bad)).toBe('2170');
    expect(bad.json.Fault.Error[0].element).toBe('AccountSubType');
    const ok = await h.create('Account', { Name: 'Slip Rent', AccountType: 'Income', AccountSubType: 'ServiceFeeIncome' });
    expect(ok).toMatchObject({ AccountType: 'Income', AccountSubType: 'ServiceFeeIncome', Classification: 'Revenue' });
  });

  it('a sub-type alone implies its type; an unknown one is 2020 alone (no type) and 2170 with a type', async () => {
    const inferred = await h.create('Account', { Name: 'Fuel Dock Cash', AccountSubType: 'CashOnHand' });
    expect(inferred.AccountType).toBe('Bank');
    expect(code(await h.api('POST', '/account', { Name: 'Made Up', AccountSubType: 'MarinaMagic' }))).toBe('2020');
    expect(code(await h.api('POST', '/account', { Name: 'Made Up', AccountType: 'Expense', AccountSubType: 'MarinaMagic' }))).toBe('2170');
  });

  it('an update moving an account to a type its sub-type does not fit is refused', async () => {
    const acct = await h.create('Account', { Name: 'Moorings', AccountType: 'Income', AccountSubType: 'ServiceFeeIncome' });
    const r = await h.api('POST', '/account', { Id: acct.Id, SyncToken: acct.SyncToken, sparse: true, AccountType: 'Other Income' });
    expect(code(r)).toBe('2170');
  });

  it('the seeded chart of accounts fits the table: every seeded account round-trips a full update', async () => {
    const all = (await h.control('GET', `/realms/${h.realmId}/entities/Account`)).json.Account as any[];
    for (const a of all) {
      const r = await h.api('POST', '/account', { Id: a.Id, SyncToken: a.SyncToken, Name: a.Name, AccountType: a.AccountType, AccountSubType: a.AccountSubType });
      expect(r.status, a.Name).toBe(200);
    }
  });
});

describe('Term Type is read-only', () => {
  it('a sent Type is ignored: QBO derives it from DueDays', async () => {
    const t = await h.create('Term', { Name: 'Net 10', Type: 'DATE_DRIVEN', DueDays: 10 });
    expect(t.Type).toBe('STANDARD');
    const odd = await h.create('Term', { Name: 'Odd', Type: 'Nonsense', DueDays: 5 });
    expect(odd.Type).toBe('STANDARD');
    const dated = await h.create('Term', { Name: '15th', DayOfMonthDue: 15 });
    expect(dated.Type).toBe('DATE_DRIVEN');
    const upd = await h.api('POST', '/term', { Id: t.Id, SyncToken: t.SyncToken, sparse: true, Type: 'DATE_DRIVEN' });
    expect(upd.json.Term.Type).toBe('STANDARD');
  });
});

describe('PrivateNote length', () => {
  it('over 4,000 characters is 2050 on transactions; exactly 4,000 is fine', async () => {
    const { customer, services } = await customerAndInvoice(h);
    const line = [{ DetailType: 'SalesItemLineDetail', Amount: 5, SalesItemLineDetail: { ItemRef: { value: services.Id } } }];
    const long = await h.api('POST', '/invoice', { CustomerRef: { value: customer.Id }, PrivateNote: 'x'.repeat(4001), Line: line });
    expect(code(long)).toBe('2050');
    expect(long.json.Fault.Error[0].Detail).toContain('Max:4000');
    expect(code(await h.api('POST', '/payment', { CustomerRef: { value: customer.Id }, TotalAmt: 1, PrivateNote: 'x'.repeat(4001) }))).toBe('2050');
    expect((await h.api('POST', '/invoice', { CustomerRef: { value: customer.Id }, PrivateNote: 'x'.repeat(4000), Line: line })).status).toBe(200);
  });
});

describe('6140 duplicate DocNumber', () => {
  it("names the other transaction's TxnType and TxnId, across sales-form types", async () => {
    const { customer, invoice, services } = await customerAndInvoice(h, 'M-7');
    const line = [{ DetailType: 'SalesItemLineDetail', Amount: 5, SalesItemLineDetail: { ItemRef: { value: services.Id } } }];
    const sr = await h.api('POST', '/salesreceipt', { CustomerRef: { value: customer.Id }, DocNumber: 'M-7', Line: line });
    expect(code(sr)).toBe('6140');
    expect(sr.json.Fault.Error[0].Detail).toContain(`DocNumber=M-7 is assigned to TxnType=Invoice with TxnId=${invoice.Id}`);
    const cm = await h.create('CreditMemo', { CustomerRef: { value: customer.Id }, DocNumber: 'CM-1', Line: line });
    const inv = await h.api('POST', '/invoice', { CustomerRef: { value: customer.Id }, DocNumber: 'CM-1', Line: line });
    expect(inv.json.Fault.Error[0].Detail).toContain(`TxnType=CreditMemo with TxnId=${cm.Id}`);
  });

  it('journal numbers do not clash with sales forms', async () => {
    await h.control('PATCH', `/realms/${h.realmId}/settings`, { warnDuplicateJournalNumber: true });
    await customerAndInvoice(h, 'J-1');
    const bank = await seeded(h, 'Account', 'Checking');
    const income = await seeded(h, 'Account', 'Services');
    const je = await h.api('POST', '/journalentry', {
      DocNumber: 'J-1',
      Line: [
        { DetailType: 'JournalEntryLineDetail', Amount: 5, JournalEntryLineDetail: { PostingType: 'Debit', AccountRef: { value: bank.Id } } },
        { DetailType: 'JournalEntryLineDetail', Amount: 5, JournalEntryLineDetail: { PostingType: 'Credit', AccountRef: { value: income.Id } } },
      ],
    });
    expect(je.status).toBe(200);
  });
});
