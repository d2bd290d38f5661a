import { describe, expect, it } from 'vitest';
import { api, put, setupCompany } from './helpers';
import { call, connect, createQboCompany, entities, newRealm, runCron } from './qbo-helpers';

const BANK_SUBTYPES = ['CashOnHand', 'Checking', 'MoneyMarket', 'RentsHeldInTrust', 'Savings', 'TrustAccounts'];

describe('an account whose subtype does not fit its type', () => {
  it('answers 422 naming the field and the subtypes allowed for that type, and stores nothing', async () => {
    const co = await setupCompany();
    const res = await put(co, 'accounts', 'A-1000', { name: 'Operating', type: 'bank', subType: 'ServiceFeeIncome' });
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'subType', record: { kind: 'account', id: 'A-1000' } });
    expect(res.json.error.message).toContain('"ServiceFeeIncome" is not a subtype of a bank account');
    expect(res.json.error.details.violations[0]).toMatchObject({ field: 'subType', allowed: BANK_SUBTYPES });
    expect((await api('GET', `/v1/companies/${co.id}/records/accounts/A-1000`, { token: co.mms })).status).toBe(404);
  });

  it('rejects just that record in a bulk request, with the same machine-readable shape', async () => {
    const co = await setupCompany();
    const res = await api('POST', `/v1/companies/${co.id}/records/bulk`, {
      token: co.mms,
      body: {
        records: [
          { kind: 'account', id: 'A-1000', data: { name: 'Operating', type: 'bank', subType: 'Undeposited Funds' } },
          { kind: 'account', id: 'A-1499', data: { name: 'Undeposited', type: 'other_current_asset', subType: 'Undeposited Funds' } },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.json.summary).toMatchObject({ accepted: 1, rejected: 1 });
    expect(res.json.results[0]).toMatchObject({ ok: false, status: 422, error: { code: 'VALIDATION_FAILED', field: 'subType', violations: [{ allowed: BANK_SUBTYPES }] } });
    const stored = await api('GET', `/v1/companies/${co.id}/records/accounts/A-1499`, { token: co.mms });
    expect(stored.json.data.subType).toBe('UndepositedFunds');
  });
});

describe('QBO: accounts and terms as sent', () => {
  it('creates each account with a subtype of its type (a default when Sharper named none), and terms without Type', async () => {
    const co = await createQboCompany('Subtype Marina');
    const realm = await newRealm();
    await connect(co, realm);
    await call('POST', `/v1/companies/${co.id}/records/bulk`, {
      token: co.mms,
      body: {
        records: [
          { kind: 'account', id: 'A-4100', data: { name: 'Fuel Sales', type: 'income', subType: 'sales of product income' } },
          { kind: 'account', id: 'A-1010', data: { name: 'Marina Operating', type: 'bank' } },
          { kind: 'terms', id: 'T-NET45', data: { name: 'Net 45', netDays: 45 } },
        ],
      },
    });
    await runCron();
    const accounts = await entities(realm, 'Account');
    expect(accounts.find((a: any) => a.Name === 'Fuel Sales')).toMatchObject({ AccountType: 'Income', AccountSubType: 'SalesOfProductIncome' });
    expect(accounts.find((a: any) => a.Name === 'Marina Operating')).toMatchObject({ AccountType: 'Bank', AccountSubType: 'Checking' });
    expect((await entities(realm, 'Term')).find((t: any) => t.Name === 'Net 45')).toMatchObject({ DueDays: 45 });
  });
});
