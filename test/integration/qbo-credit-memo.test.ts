import { describe, expect, it } from 'vitest';
import type { TestCompany } from './helpers';
import { call, connect, createQboCompany, entities, newRealm, runCron, sim } from './qbo-helpers';

const lists = [
  { kind: 'account', id: 'A-4000', data: { name: 'Slip Rental Income', type: 'income' } },
  { kind: 'account', id: 'A-1010', data: { name: 'Operating Bank', type: 'bank' } },
  { kind: 'item', id: 'P-SLIP', data: { name: 'Slip Rental', type: 'service', price: '100.00', incomeAccount: 'A-4000', taxable: false } },
  { kind: 'customer', id: 'C-1', data: { name: 'Anchor, Ava' } },
];
const invoice = (id: string, doc: string, amount = '100.00') => ({ kind: 'invoice', id, data: { customer: 'C-1', date: '2026-03-02', docNumber: doc, lines: [{ item: 'P-SLIP', amount }], tax: '0' } });
const memo = (id: string, amount: string, applications: { invoice: string; amount: string }[], description = 'Goodwill credit') => ({
  kind: 'credit_memo',
  id,
  data: { customer: 'C-1', date: '2026-03-05', docNumber: id, lines: [{ item: 'P-SLIP', description, amount }], tax: '0', applications },
});

async function company(name: string) {
  const co = await createQboCompany(name);
  const realm = await newRealm();
  await connect(co, realm);
  return { co, realm };
}

const push = async (co: TestCompany, records: unknown[]) => {
  const res = await call('POST', `/v1/companies/${co.id}/records/bulk`, { token: co.mms, body: { records } });
  expect(res.status, res.text).toBe(200);
  expect(res.json.summary.rejected ?? 0, res.text).toBe(0);
};
const jobOf = async (co: TestCompany, sourceId: string) => (await call('GET', `/v1/companies/${co.id}/jobs?sourceId=${sourceId}`, { token: co.viewer })).json.jobs[0];
const attempts = async (co: TestCompany, jobId: number) => (await call('GET', `/v1/companies/${co.id}/jobs/${jobId}`, { token: co.viewer })).json.attemptHistory as any[];
const qboInvoice = async (realm: string, doc: string) => (await entities(realm, 'Invoice')).find((i) => i.DocNumber === doc);
const qboMemo = async (realm: string, doc: string) => (await entities(realm, 'CreditMemo')).find((m) => m.DocNumber === doc);
/** The zero-amount payments that apply a memo: they carry its Sharper marker. */
const applicationsOf = async (realm: string, memoId: string) => (await entities(realm, 'Payment')).filter((p) => String(p.PrivateNote ?? '').endsWith(`Sharper credit_memo ${memoId}`));

/**
 * A synced invoice, then a 30.00 memo applied to it, pushed by a run whose first batch (the memo)
 * is answered and whose next batch (the application) meets `action` `times` times.
 */
async function memoWithFaultOnItsApplication(name: string, action: Record<string, unknown>, times: number) {
  const { co, realm } = await company(name);
  await push(co, [...lists, invoice('INV-1', '101')]);
  await runCron();
  await push(co, [memo('CM-1', '30.00', [{ invoice: 'INV-1', amount: '30.00' }])]);
  await sim('POST', '/faults', { match: { realmId: realm, operation: 'batch' }, action: { kind: 'hang', ms: 0 }, times: 1 });
  await sim('POST', '/faults', { match: { realmId: realm, operation: 'batch' }, action, times });
  await runCron();
  return { co, realm };
}

describe('QBO: a credit memo applied to invoices', () => {
  it('applies the memo with one zero-amount payment per memo, sent through /batch in the round after the memo', async () => {
    const { co, realm } = await company('Credit Marina');
    await push(co, [...lists, invoice('INV-1', '101'), invoice('INV-2', '102', '20.00'), invoice('INV-3', '103', '10.00'), memo('CM-1', '30.00', [{ invoice: 'INV-1', amount: '30.00' }]), memo('CM-2', '25.00', [{ invoice: 'INV-2', amount: '20.00' }, { invoice: 'INV-3', amount: '5.00' }])]);
    await runCron();

    expect(Number((await qboInvoice(realm, '101')).Balance)).toBe(70);
    expect(Number((await qboInvoice(realm, '102')).Balance)).toBe(0);
    expect(Number((await qboInvoice(realm, '103')).Balance)).toBe(5);
    expect(Number((await qboMemo(realm, 'CM-1')).RemainingCredit)).toBe(0);
    expect(Number((await qboMemo(realm, 'CM-2')).RemainingCredit)).toBe(0);
    const [one] = await applicationsOf(realm, 'CM-1');
    expect(await applicationsOf(realm, 'CM-1')).toHaveLength(1);
    expect(await applicationsOf(realm, 'CM-2')).toHaveLength(1);
    expect(Number(one.TotalAmt)).toBe(0);
    expect(one.Line.map((l: any) => [l.LinkedTxn[0].TxnType, Number(l.Amount)])).toEqual([['Invoice', 30], ['CreditMemo', 30]]);
    // The customer owes the same: the credit moved from the open memo to the invoice.
    const customer = (await entities(realm, 'Customer')).find((c) => c.DisplayName === 'Anchor, Ava');
    expect(Number(customer.Balance)).toBe(130 - 55);

    // Every write went through the batch endpoint; the memo and its application in different batches.
    const requests = await sim('GET', `/realms/${realm}/requests`);
    const writes = (requests as any).requests.filter((r: any) => r.method === 'POST');
    expect(writes.map((r: any) => r.path.replace(/.*\/v3\/company\/[^/]+/, ''))).toEqual(writes.map(() => '/batch'));

    const job = await jobOf(co, 'CM-2');
    expect(job).toMatchObject({ state: 'synced', qbId: (await qboMemo(realm, 'CM-2')).Id });
    expect(job.message).toMatch(/^Applied to invoice INV-2 \(20\.00\), invoice INV-3 \(5\.00\) in QuickBooks Online: payment \d+ \(amount 0\.00\)/);
    const history = await attempts(co, job.id);
    expect(history.map((a) => a.outcome)).toEqual(['step', 'synced']);
    expect(history[0].message).toMatch(/^Created in QuickBooks Online as CreditMemo \d+; applying it to invoice INV-2/);
  });

  it('a lost answer to the application is replayed with its requestid in the next run: no second payment', async () => {
    // The run's first batch (the memo) is answered; the second (its application) is committed in
    // QBO, then every answer to it is lost (the first send and the client's three retries).
    const { co, realm } = await memoWithFaultOnItsApplication('Lost Answer Marina', { kind: 'lost-response', mode: 'abort' }, 4);

    const lost = await jobOf(co, 'CM-1');
    expect(lost).toMatchObject({ state: 'queued', inDoubt: true, code: 'QBO_NO_ANSWER' });
    expect(await applicationsOf(realm, 'CM-1')).toHaveLength(1);
    expect(Number((await qboInvoice(realm, '101')).Balance)).toBe(70);

    const before = ((await sim('GET', `/realms/${realm}/stats`)) as any).idempotentReplays;
    await runCron();

    const job = await jobOf(co, 'CM-1');
    expect(job).toMatchObject({ state: 'synced', inDoubt: false });
    expect(job.message).toMatch(/^Applied to invoice INV-1 \(30\.00\)/);
    expect(((await sim('GET', `/realms/${realm}/stats`)) as any).idempotentReplays).toBeGreaterThan(before);
    expect(await applicationsOf(realm, 'CM-1')).toHaveLength(1);
    expect(Number((await qboInvoice(realm, '101')).Balance)).toBe(70);
    expect(Number((await qboMemo(realm, 'CM-1')).RemainingCredit)).toBe(0);
    expect((await attempts(co, job.id)).map((a) => a.outcome)).toEqual(['step', 'unknown', 'synced']);
  });

  it('a run stopped by QBO between the memo and its application: the next run updates that memo (never a second one) and applies it', async () => {
    const { co, realm } = await memoWithFaultOnItsApplication('Throttled Marina', { kind: 'http', status: 429 }, 1);

    expect(await jobOf(co, 'CM-1')).toMatchObject({ state: 'queued', inDoubt: false, code: 'QBO_THROTTLED' });
    expect(await qboMemo(realm, 'CM-1')).toMatchObject({ RemainingCredit: 30 });
    expect(await applicationsOf(realm, 'CM-1')).toHaveLength(0);
    await runCron();

    const job = await jobOf(co, 'CM-1');
    expect(job).toMatchObject({ state: 'synced' });
    const history = await attempts(co, job.id);
    expect(history.map((a) => a.outcome)).toEqual(['step', 'step', 'synced']);
    const memoId = (await qboMemo(realm, 'CM-1')).Id;
    expect(history[0].message).toContain(`Created in QuickBooks Online as CreditMemo ${memoId};`);
    expect(history[1].message).toContain(`Updated in QuickBooks Online as CreditMemo ${memoId};`);
    expect((await entities(realm, 'CreditMemo')).filter((m) => m.DocNumber === 'CM-1')).toHaveLength(1);
    expect(await applicationsOf(realm, 'CM-1')).toHaveLength(1);
    expect(Number((await qboInvoice(realm, '101')).Balance)).toBe(70);
  });

  it('holds a memo QBO will not apply (the invoice was paid in QuickBooks meanwhile), then applies it once requeued', async () => {
    const { co, realm } = await company('Over Applied Marina');
    await push(co, [...lists, invoice('INV-1', '101')]);
    await runCron();
    const inv = await qboInvoice(realm, '101');
    // Someone receives 90.00 on the invoice directly in QuickBooks.
    const typed = (await sim('POST', `/realms/${realm}/entities/Payment`, { CustomerRef: inv.CustomerRef, TotalAmt: 90, Line: [{ Amount: 90, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }] })).Payment;
    await push(co, [memo('CM-1', '30.00', [{ invoice: 'INV-1', amount: '30.00' }])]);
    await runCron();

    const held = await jobOf(co, 'CM-1');
    expect(held).toMatchObject({ state: 'held', code: 'CREDIT_NOT_APPLIED' });
    expect(held.message).toMatch(/^Credit memo CM-1 is in QuickBooks Online \(CreditMemo \d+\), but QuickBooks refused to apply it to invoice INV-1 \(30\.00\)/);
    expect(held.message).toContain('more than its open balance');
    expect(held.message).toContain('then requeue');
    expect(await applicationsOf(realm, 'CM-1')).toHaveLength(0);
    expect(Number((await qboMemo(realm, 'CM-1')).RemainingCredit)).toBe(30);
    expect(Number((await qboInvoice(realm, '101')).Balance)).toBe(10);

    // The accountant removes the payment typed in QuickBooks and requeues the memo.
    await sim('DELETE', `/realms/${realm}/entities/Payment/${typed.Id}`);
    const requeued = await call('POST', `/v1/companies/${co.id}/jobs/${held.id}/requeue`, { token: co.operator });
    expect(requeued.status, requeued.text).toBe(200);
    await runCron();

    expect(await jobOf(co, 'CM-1')).toMatchObject({ state: 'synced' });
    expect(await applicationsOf(realm, 'CM-1')).toHaveLength(1);
    expect((await entities(realm, 'CreditMemo')).filter((m) => m.DocNumber === 'CM-1')).toHaveLength(1);
    expect(Number((await qboInvoice(realm, '101')).Balance)).toBe(70);
    expect(Number((await qboMemo(realm, 'CM-1')).RemainingCredit)).toBe(0);
  });

  it('a memo changed after sync: a changed application is removed, the memo updated, then applied again; an unchanged one stays', async () => {
    const { co, realm } = await company('Changed Memo Marina');
    await push(co, [...lists, invoice('INV-1', '101'), invoice('INV-2', '102'), memo('CM-1', '30.00', [{ invoice: 'INV-1', amount: '30.00' }])]);
    await runCron();
    const [first] = await applicationsOf(realm, 'CM-1');

    // Smaller, and applied to the other invoice: 30.00 applied would not fit a 20.00 memo.
    await push(co, [memo('CM-1', '20.00', [{ invoice: 'INV-2', amount: '20.00' }])]);
    await runCron();
    const job = await jobOf(co, 'CM-1');
    expect(job).toMatchObject({ state: 'synced', record: { version: 2 } });
    expect((await attempts(co, job.id)).map((a) => a.outcome)).toEqual(['step', 'step', 'synced']);
    const [second, ...others] = await applicationsOf(realm, 'CM-1');
    expect(others).toEqual([]);
    expect(second.Id).not.toBe(first.Id);
    expect(Number((await qboInvoice(realm, '101')).Balance)).toBe(100);
    expect(Number((await qboInvoice(realm, '102')).Balance)).toBe(80);
    expect(await qboMemo(realm, 'CM-1')).toMatchObject({ TotalAmt: 20, RemainingCredit: 0 });

    // Only the description changes: the memo is updated, its application left as it is.
    await push(co, [memo('CM-1', '20.00', [{ invoice: 'INV-2', amount: '20.00' }], 'Goodwill credit, B dock')]);
    await runCron();
    const third = await jobOf(co, 'CM-1');
    expect(third).toMatchObject({ state: 'synced', record: { version: 3 } });
    expect((await attempts(co, third.id)).map((a) => a.outcome)).toEqual(['synced']);
    expect((await applicationsOf(realm, 'CM-1')).map((p) => p.Id)).toEqual([second.Id]);
    expect((await qboMemo(realm, 'CM-1')).Line[0].Description).toBe('Goodwill credit, B dock');
  });

  it('a memo deleted in Sharper after it was applied: its application payment goes first, then the memo; the invoice is open again', async () => {
    const { co, realm } = await company('Deleted Memo Marina');
    await push(co, [...lists, invoice('INV-1', '101'), memo('CM-1', '30.00', [{ invoice: 'INV-1', amount: '30.00' }])]);
    await runCron();
    expect(await applicationsOf(realm, 'CM-1')).toHaveLength(1);

    const res = await call('POST', `/v1/companies/${co.id}/records/bulk`, { token: co.mms, body: { records: [{ kind: 'credit_memo', id: 'CM-1', op: 'delete' }] } });
    expect(res.status, res.text).toBe(200);
    await runCron();

    const job = await jobOf(co, 'CM-1');
    expect(job).toMatchObject({ state: 'synced', record: { version: 2 } });
    expect((await attempts(co, job.id)).map((a) => a.outcome)).toEqual(['step', 'synced']);
    expect(await applicationsOf(realm, 'CM-1')).toHaveLength(0);
    expect(await qboMemo(realm, 'CM-1')).toBeUndefined();
    expect(Number((await qboInvoice(realm, '101')).Balance)).toBe(100);
  });

  it('a refund of an applied memo’s remaining credit: QuickBooks agrees with Sharper on what the customer owes (nothing counted twice)', async () => {
    const { co, realm } = await company('Refund Marina');
    const res = await call('PATCH', `/v1/companies/${co.id}/settings`, { token: co.operator, body: { settings: { arAccount: 'A-1100' } } });
    expect(res.status, res.text).toBeLessThan(300);
    await push(co, [
      { kind: 'account', id: 'A-1100', data: { name: 'Accounts Receivable', type: 'accounts_receivable' } },
      ...lists,
      invoice('INV-1', '101'),
      memo('CM-1', '50.00', [{ invoice: 'INV-1', amount: '30.00' }]),
      { kind: 'refund', id: 'RF-1', data: { customer: 'C-1', date: '2026-03-06', of: { kind: 'credit_memo', id: 'CM-1' }, amount: '20.00', method: 'check', account: 'A-1010' } },
    ]);
    await runCron();
    await runCron();

    for (const id of ['INV-1', 'CM-1', 'RF-1']) expect((await jobOf(co, id)).state, id).toBe('synced');
    expect(Number((await qboInvoice(realm, '101')).Balance)).toBe(70);
    // The refund's journal entry is linked to the memo (a zero-amount payment): the 20.00 it paid
    // out is no longer open credit on the memo, nor an open charge on the journal entry.
    expect(Number((await qboMemo(realm, 'CM-1')).RemainingCredit)).toBe(0);
    expect((await entities(realm, 'Payment')).filter((p) => String(p.PrivateNote ?? '').endsWith('Sharper refund RF-1'))).toHaveLength(1);
    // Sharper: 100.00 invoiced − 50.00 credited + 20.00 refunded = 70.00 owed.
    const customer = (await entities(realm, 'Customer')).find((c) => c.DisplayName === 'Anchor, Ava');
    expect(Number(customer.Balance)).toBe(70);
  });
});

describe('QBO: drift in the payment that applies a credit memo', () => {
  const driftOf = async (co: TestCompany) => (await call('GET', `/v1/companies/${co.id}/qbo/drift?status=open`, { token: co.viewer })).json.drift as any[];

  it('a deleted or edited application shows as drift of its memo (not someone else\'s payment), and restore applies Sharper\'s version again', async () => {
    const { co, realm } = await company('Applied Drift Marina');
    await push(co, [...lists, invoice('INV-1', '101'), memo('CM-1', '30.00', [{ invoice: 'INV-1', amount: '30.00' }])]);
    await runCron();
    const [applied] = await applicationsOf(realm, 'CM-1');
    expect(Number((await qboInvoice(realm, '101')).Balance)).toBe(70);
    // The extension, on that Payment's page, shows it as part of Sharper's credit memo.
    const onPage = await call('GET', `/v1/extension/status?entity=Payment&id=${applied.Id}&realmId=${realm}`, { token: co.viewer });
    expect(onPage.json).toMatchObject({ owned: true, record: { kind: 'credit_memo', id: 'CM-1' }, sync: { state: 'synced' } });

    // Someone deletes the application in the QBO web app: the invoice is open again.
    await sim('DELETE', `/realms/${realm}/entities/Payment/${applied.Id}`);
    await runCron();
    const [drift] = await driftOf(co);
    expect(drift).toMatchObject({ record: { kind: 'credit_memo', id: 'CM-1' }, qbEntity: 'Payment', qbId: applied.Id, deleted: false });
    expect(drift.diff).toEqual([{ field: 'lines', sharper: [{ invoice: (await qboInvoice(realm, '101')).Id, amount: 3000 }], quickbooks: 'the Payment applying this credit memo was deleted' }]);

    const restored = await call('POST', `/v1/companies/${co.id}/qbo/drift/${drift.id}/restore`, { token: co.operator });
    expect(restored.status, restored.text).toBe(200);
    await runCron();
    const again = await applicationsOf(realm, 'CM-1');
    expect(again).toHaveLength(1);
    expect(Number((await qboInvoice(realm, '101')).Balance)).toBe(70);
    expect(await entities(realm, 'CreditMemo')).toHaveLength(1);
    expect(await driftOf(co)).toEqual([]);

    // Then the amount it applies is edited there: drift with both sides, restore puts 30.00 back.
    await sim('PATCH', `/realms/${realm}/entities/Payment/${again[0].Id}`, {
      Line: again[0].Line.map((l: any) => ({ ...l, Amount: 10 })),
    });
    await runCron();
    const [edited] = await driftOf(co);
    expect(edited.diff[0].quickbooks).toEqual([{ invoice: (await qboInvoice(realm, '101')).Id, amount: 1000 }]);
    await call('POST', `/v1/companies/${co.id}/qbo/drift/${edited.id}/restore`, { token: co.operator });
    await runCron();
    expect(await applicationsOf(realm, 'CM-1')).toHaveLength(1);
    expect(Number((await qboInvoice(realm, '101')).Balance)).toBe(70);
    expect(Number((await qboMemo(realm, 'CM-1')).RemainingCredit)).toBe(0);
    expect((await jobOf(co, 'CM-1')).state).toBe('synced');
  });
});
