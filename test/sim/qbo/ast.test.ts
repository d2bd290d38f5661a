import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seeded, type SimHarness, startHarness } from './test-helpers';

let h: SimHarness;
let services: Record<string, any>;
beforeEach(async () => {
  h = await startHarness({ settings: { automatedSalesTax: true, companyState: 'CA' } });
  services = await seeded(h, 'Item', 'Services');
});
afterEach(async () => {
  await h.close();
});

const code = (r: { json: any }) => r.json.Fault?.Error?.[0]?.code as string | undefined;
const line = (amount: number, taxCode = 'TAX') => ({
  DetailType: 'SalesItemLineDetail',
  Amount: amount,
  SalesItemLineDetail: { ItemRef: { value: services.Id }, TaxCodeRef: { value: taxCode } },
});

async function manualTaxCode(name = 'Marina 5') {
  const agency = await h.create('TaxAgency', { DisplayName: `Agency ${name}` });
  const r = await h.control('POST', `/realms/${h.realmId}/taxcodes`, {
    TaxCode: name,
    TaxRateDetails: [{ TaxRateName: `${name} rate`, RateValue: '5', TaxAgencyId: agency.Id }],
  });
  return r.json.TaxCodeId as string;
}

describe('AST settings as QBO shows them', () => {
  it('Preferences.TaxPrefs.PartnerTaxEnabled follows the setting, and the change is visible to CDC', async () => {
    expect((await h.api('GET', '/preferences')).json.Preferences.TaxPrefs.PartnerTaxEnabled).toBe(true);
    await h.control('POST', '/clock', { advanceMs: 5_000 });
    const since = (await h.control('GET', '/clock')).json.now as string;
    const cdc = (q: string) => h.api('GET', `/cdc?entities=Preferences&changedSince=${encodeURIComponent(q)}`);
    expect((await cdc(since)).json.CDCResponse[0].QueryResponse[0].Preferences).toBeUndefined();
    const before = (await h.api('GET', '/preferences')).json.Preferences.SyncToken;
    await h.control('PATCH', `/realms/${h.realmId}/settings`, { automatedSalesTax: false });
    const after = (await h.api('GET', '/preferences')).json.Preferences;
    expect(after.TaxPrefs.PartnerTaxEnabled).toBe(false);
    expect(Number(after.SyncToken)).toBe(Number(before) + 1);
    const changed = (await cdc(since)).json.CDCResponse[0].QueryResponse[0].Preferences;
    expect(changed[0].TaxPrefs.PartnerTaxEnabled).toBe(false);
  });

  it('a Preferences change is sent to an auto webhook like any entity change', async () => {
    const received: string[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push(body);
        res.end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const port = (receiver.address() as AddressInfo).port;
    try {
      await h.control('POST', '/webhooks', { url: `http://127.0.0.1:${port}/hook`, verifierToken: 'v', format: 'legacy', auto: true });
      await h.control('PATCH', `/realms/${h.realmId}/settings`, { companyName: 'Not a preference' });
      await h.control('PATCH', `/realms/${h.realmId}/settings`, { automatedSalesTax: false });
      for (let i = 0; i < 50 && received.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
      expect(received).toHaveLength(1);
      const entities = JSON.parse(received[0]).eventNotifications[0].dataChangeEvent.entities;
      expect(entities).toEqual([expect.objectContaining({ name: 'Preferences', id: '1', operation: 'Update' })]);
    } finally {
      await new Promise((r) => receiver.close(r));
    }
  });

  it('CompanyInfo reports the realm country, and the address country in alpha-3', async () => {
    const us = (await h.api('GET', `/companyinfo/${h.realmId}`)).json.CompanyInfo;
    expect(us.Country).toBe('US');
    expect(us.CompanyAddr).toMatchObject({ Country: 'USA', CountrySubDivisionCode: 'CA' });
    await h.control('PATCH', `/realms/${h.realmId}/settings`, { country: 'CA' });
    const ca = (await h.api('GET', `/companyinfo/${h.realmId}`)).json.CompanyInfo;
    expect(ca.Country).toBe('CA');
    expect(ca.CompanyAddr.Country).toBe('CAN');
  });
});

describe('AST computes the tax itself', () => {
  it('an invoice without TotalTax gets AST tax at the ship-to rate: 100.00 of TAX lines becomes 107.00 in an unlisted state', async () => {
    const c = await h.create('Customer', { DisplayName: 'Maine Boat', BillAddr: { CountrySubDivisionCode: 'ME' } });
    const inv = await h.create('Invoice', { CustomerRef: { value: c.Id }, Line: [line(100)] });
    expect(inv.TxnTaxDetail.TotalTax).toBe(7);
    expect(inv.TotalAmt).toBe(107);
    expect(inv.Balance).toBe(107);
  });

  it('ship-to is the form ShipAddr, else the customer ShipAddr, else BillAddr, else the company state', async () => {
    const c = await h.create('Customer', { DisplayName: 'Ship Co', ShipAddr: { CountrySubDivisionCode: 'TX' }, BillAddr: { CountrySubDivisionCode: 'NY' } });
    const viaCustomer = await h.create('Invoice', { CustomerRef: { value: c.Id }, Line: [line(100)] });
    expect(viaCustomer.TxnTaxDetail.TotalTax).toBe(8.25);
    const viaForm = await h.create('Invoice', { CustomerRef: { value: c.Id }, ShipAddr: { CountrySubDivisionCode: 'NY' }, Line: [line(100)] });
    expect(viaForm.TxnTaxDetail.TotalTax).toBe(8.88);
    const bare = await h.create('Customer', { DisplayName: 'No Address' });
    const viaCompany = await h.create('Invoice', { CustomerRef: { value: bare.Id }, Line: [line(100), line(50, 'NON')] });
    expect(viaCompany.TxnTaxDetail.TotalTax).toBe(7.25);
    expect(viaCompany.TotalAmt).toBe(157.25);
  });

  it('overrides the TxnTaxCodeRef the client sends; a code made with /taxservice is created but never used', async () => {
    const mine = await manualTaxCode();
    const c = await h.create('Customer', { DisplayName: 'Code Sender' });
    const inv = await h.create('Invoice', { CustomerRef: { value: c.Id }, Line: [line(100)], TxnTaxDetail: { TxnTaxCodeRef: { value: mine } } });
    expect(inv.TxnTaxDetail.TxnTaxCodeRef.value).not.toBe(mine);
    expect(inv.TxnTaxDetail.TxnTaxCodeRef.name).toBe('CA (AST)');
    expect(inv.TxnTaxDetail.TotalTax).toBe(7.25);
    expect((await h.api('GET', `/taxcode/${mine}`)).json.TaxCode.Name).toBe('Marina 5');
  });

  it('a line TaxCodeRef other than TAX or NON is fault 6100', async () => {
    const mine = await manualTaxCode();
    const c = await h.create('Customer', { DisplayName: 'Line Coder' });
    const r = await h.api('POST', '/invoice', { CustomerRef: { value: c.Id }, Line: [line(100, mine)] });
    expect(r.status).toBe(400);
    expect(r.json.Fault.type).toBe('ValidationFault');
    expect(r.json.Fault.Error[0]).toMatchObject({ code: '6100', Message: 'Invalid Line TaxCode in the request' });
    expect(r.json.Fault.Error[0].Detail).toContain(`Supplied value: ${mine}`);
  });

  it('keeps an explicit TotalTax (0 included) and prorates it across the AST rates', async () => {
    const c = await h.create('Customer', { DisplayName: 'Imposer' });
    const inv = await h.create('Invoice', { CustomerRef: { value: c.Id }, Line: [line(100)], TxnTaxDetail: { TotalTax: 5 } });
    expect(inv.TotalAmt).toBe(105);
    const lines = inv.TxnTaxDetail.TaxLine as any[];
    expect(lines).toHaveLength(2);
    expect(lines.reduce((s, l) => s + Math.round(l.Amount * 100), 0)).toBe(500);
    expect(lines.map((l) => l.TaxLineDetail.TaxPercent)).toEqual([6, 1.25]);
    const zero = await h.create('Invoice', { CustomerRef: { value: c.Id }, Line: [line(100)], TxnTaxDetail: { TotalTax: 0 } });
    expect(zero.TotalAmt).toBe(100);
  });

  it('applies to SalesReceipt, CreditMemo and RefundReceipt too', async () => {
    const c = await h.create('Customer', { DisplayName: 'All Forms' });
    const bank = await seeded(h, 'Account', 'Checking');
    const sr = await h.create('SalesReceipt', { CustomerRef: { value: c.Id }, Line: [line(100)] });
    const cm = await h.create('CreditMemo', { CustomerRef: { value: c.Id }, Line: [line(100)] });
    const rr = await h.create('RefundReceipt', { CustomerRef: { value: c.Id }, DepositToAccountRef: { value: bank.Id }, Line: [line(100)] });
    expect([sr.TotalAmt, cm.TotalAmt, rr.TotalAmt]).toEqual([107.25, 107.25, 107.25]);
    const bad = await h.api('POST', '/creditmemo', { CustomerRef: { value: c.Id }, Line: [line(100, '99')] });
    expect(code(bad)).toBe('6100');
  });
});

describe('AST on updates', () => {
  it('a full update without TotalTax recomputes with AST, dropping an earlier explicit amount', async () => {
    const c = await h.create('Customer', { DisplayName: 'Full Updater' });
    const inv = await h.create('Invoice', { CustomerRef: { value: c.Id }, Line: [line(100)], TxnTaxDetail: { TotalTax: 5 } });
    const r = await h.api('POST', '/invoice', { Id: inv.Id, SyncToken: inv.SyncToken, CustomerRef: { value: c.Id }, Line: [line(100)] });
    expect(r.json.Invoice.TxnTaxDetail.TotalTax).toBe(7.25);
  });

  it('a sparse update that leaves TxnTaxDetail out keeps an explicit TotalTax, else recomputes over the new lines', async () => {
    const c = await h.create('Customer', { DisplayName: 'Sparse Updater' });
    const imposed = await h.create('Invoice', { CustomerRef: { value: c.Id }, Line: [line(100)], TxnTaxDetail: { TotalTax: 5 } });
    const kept = await h.api('POST', '/invoice', { Id: imposed.Id, SyncToken: imposed.SyncToken, sparse: true, Line: [line(200)] });
    expect(kept.json.Invoice.TxnTaxDetail.TotalTax).toBe(5);
    expect(kept.json.Invoice.TotalAmt).toBe(205);
    const own = await h.create('Invoice', { CustomerRef: { value: c.Id }, Line: [line(100)] });
    const redone = await h.api('POST', '/invoice', { Id: own.Id, SyncToken: own.SyncToken, sparse: true, Line: [line(200)] });
    expect(redone.json.Invoice.TxnTaxDetail.TotalTax).toBe(14.5);
  });
});

describe('without AST, and outside the US', () => {
  it('AST off: TxnTaxCodeRef rates over TAX lines, and no tax without a code', async () => {
    await h.control('PATCH', `/realms/${h.realmId}/settings`, { automatedSalesTax: false });
    const mine = await manualTaxCode();
    const c = await h.create('Customer', { DisplayName: 'Manual' });
    const none = await h.create('Invoice', { CustomerRef: { value: c.Id }, Line: [line(100)] });
    expect(none.TotalAmt).toBe(100);
    const coded = await h.create('Invoice', { CustomerRef: { value: c.Id }, Line: [line(100)], TxnTaxDetail: { TxnTaxCodeRef: { value: mine } } });
    expect(coded.TxnTaxDetail).toMatchObject({ TotalTax: 5, TxnTaxCodeRef: { value: mine } });
  });

  it('a non-US realm takes a TaxCode id on lines and refuses TAX/NON with 6100', async () => {
    await h.control('PATCH', `/realms/${h.realmId}/settings`, { country: 'CA' });
    const mine = await manualTaxCode('GST');
    const c = await h.create('Customer', { DisplayName: 'Canuck' });
    expect(code(await h.api('POST', '/invoice', { CustomerRef: { value: c.Id }, Line: [line(100, 'TAX')] }))).toBe('6100');
    const ok = await h.create('Invoice', { CustomerRef: { value: c.Id }, Line: [line(100, mine)], TxnTaxDetail: { TxnTaxCodeRef: { value: mine } } });
    expect(ok.TotalAmt).toBe(105);
  });
});
