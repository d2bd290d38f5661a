import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../worker/config';
import { createDb } from '../../worker/db/client';
import { fetchQboReports } from '../../worker/qbo/reports';
import type { TestCompany } from './helpers';
import { call, connect, createQboCompany, entities, newRealm, runCron, sim, simEnv } from './qbo-helpers';

const lists = [
  { kind: 'account', id: 'A-1100', data: { name: 'Accounts Receivable', type: 'accounts_receivable' } },
  { kind: 'account', id: 'A-4000', data: { name: 'Slip Rental Income', type: 'income' } },
  { kind: 'account', id: 'A-1010', data: { name: 'Operating Bank', type: 'bank' } },
  { kind: 'item', id: 'P-SLIP', data: { name: 'Slip Rental', type: 'service', price: '100.00', incomeAccount: 'A-4000', taxable: false } },
  { kind: 'customer', id: 'C-1', data: { name: 'Anchor, Ava' } },
];
const memo = (id: string, amount: string) => ({
  kind: 'credit_memo',
  id,
  data: { customer: 'C-1', date: '2026-03-05', docNumber: id, lines: [{ item: 'P-SLIP', description: 'Goodwill credit', amount }], tax: '0', applications: [] },
});
const overpayment = (id: string, amount: string) => ({ kind: 'payment', id, data: { customer: 'C-1', date: '2026-03-04', amount, method: 'check', depositAccount: 'A-1010', applications: [] } });
const refund = (id: string, of: { kind: 'credit_memo' | 'payment'; id: string }, amount: string) => ({
  kind: 'refund',
  id,
  data: { customer: 'C-1', date: '2026-03-06', of, amount, method: 'check', account: 'A-1010' },
});

async function company(name: string) {
  const co = await createQboCompany(name);
  const realm = await newRealm();
  await connect(co, realm);
  const res = await call('PATCH', `/v1/companies/${co.id}/settings`, { token: co.operator, body: { settings: { arAccount: 'A-1100' } } });
  expect(res.status, res.text).toBeLessThan(300);
  return { co, realm };
}

const push = async (co: TestCompany, records: unknown[]) => {
  const res = await call('POST', `/v1/companies/${co.id}/records/bulk`, { token: co.mms, body: { records } });
  expect(res.status, res.text).toBe(200);
  expect(res.json.summary.rejected ?? 0, res.text).toBe(0);
};
const jobOf = async (co: TestCompany, sourceId: string) => (await call('GET', `/v1/companies/${co.id}/jobs?sourceId=${sourceId}`, { token: co.viewer })).json.jobs[0];
const attempts = async (co: TestCompany, jobId: number) => (await call('GET', `/v1/companies/${co.id}/jobs/${jobId}`, { token: co.viewer })).json.attemptHistory as any[];
/** Zero-amount payments that link a refund: they carry its Sharper marker. */
const linksOf = async (realm: string, refundId: string) => (await entities(realm, 'Payment')).filter((p) => String(p.PrivateNote ?? '').endsWith(`Sharper refund ${refundId}`));
const refundJe = async (realm: string, refundId: string) => (await entities(realm, 'JournalEntry')).find((j) => String(j.PrivateNote ?? '').endsWith(`Sharper refund ${refundId}`));

/** QuickBooks' own A/R aging for the company, as the reconciliation reads it: open items, and each customer's total. */
async function aging(co: TestCompany) {
  const [detail, summary] = (await fetchQboReports({
    db: createDb(env.DB),
    config: loadConfig(simEnv()),
    companyId: co.id,
    now: new Date(),
    reports: [
      { name: 'AgedReceivableDetail', params: { report_date: '2026-03-31' } },
      { name: 'AgedReceivables', params: { report_date: '2026-03-31' } },
    ],
  })) as any[];
  const open = (detail.Rows?.Row ?? []).flatMap((s: any) => s.Rows?.Row ?? []).map((r: any) => ({ type: r.ColData[1].value, open: r.ColData[6].value }));
  const customers = (summary.Rows?.Row ?? []).filter((r: any) => r.ColData?.[0]?.id).map((r: any) => ({ name: r.ColData[0].value, total: r.ColData[6].value }));
  return { open, customers };
}

describe('QBO: a refund linked to the credit it pays out', () => {
  it('a refund of an unapplied credit memo: one zero-amount payment links the journal entry and the memo, so aging shows nothing open', async () => {
    const { co, realm } = await company('Refund Link Marina');
    await push(co, [...lists, memo('CM-1', '50.00'), refund('RF-1', { kind: 'credit_memo', id: 'CM-1' }, '50.00')]);
    await runCron();

    const job = await jobOf(co, 'RF-1');
    const je = await refundJe(realm, 'RF-1');
    expect(job).toMatchObject({ state: 'synced', qbId: je.Id });
    expect(job.message).toMatch(/^Linked to credit memo CM-1 in QuickBooks Online: payment \d+ \(amount 0\.00\) links JournalEntry/);
    expect((await attempts(co, job.id)).map((a) => a.outcome)).toEqual(['step', 'synced']);
    const links = await linksOf(realm, 'RF-1');
    expect(links).toHaveLength(1);
    const memoQb = (await entities(realm, 'CreditMemo')).find((m) => m.DocNumber === 'CM-1');
    expect(Number(links[0].TotalAmt)).toBe(0);
    expect(links[0].Line.map((l: any) => [l.LinkedTxn[0].TxnType, l.LinkedTxn[0].TxnId, Number(l.Amount)])).toEqual([
      ['JournalEntry', je.Id, 50],
      ['CreditMemo', memoQb.Id, 50],
    ]);
    expect(Number(memoQb.RemainingCredit)).toBe(0);
    expect(await aging(co)).toEqual({ open: [], customers: [] });

    // Its own writes are not drift at the next run, and nothing is sent again.
    await runCron();
    expect((await call('GET', `/v1/companies/${co.id}/qbo/drift?status=open`, { token: co.viewer })).json.drift).toEqual([]);
    expect(await linksOf(realm, 'RF-1')).toHaveLength(1);
  });

  it('a refund of an overpayment: the overpaying payment is updated to apply its unapplied amount to the journal entry', async () => {
    const { co, realm } = await company('Overpaid Marina');
    await push(co, [...lists, overpayment('P-1', '80.00'), refund('RF-2', { kind: 'payment', id: 'P-1' }, '80.00')]);
    await runCron();

    const job = await jobOf(co, 'RF-2');
    expect(job.state, job.message).toBe('synced');
    const je = await refundJe(realm, 'RF-2');
    const payments = await entities(realm, 'Payment');
    expect(payments).toHaveLength(1);
    expect(Number(payments[0].UnappliedAmt)).toBe(0);
    expect(payments[0].Line.map((l: any) => [l.LinkedTxn[0].TxnType, l.LinkedTxn[0].TxnId, Number(l.Amount)])).toEqual([['JournalEntry', je.Id, 80]]);
    expect(await aging(co)).toEqual({ open: [], customers: [] });

    // The payment changed in Sharper later (its memo): its update keeps the line linking the refund.
    await push(co, [{ ...overpayment('P-1', '80.00'), data: { ...overpayment('P-1', '80.00').data, memo: 'Paid twice by mistake' } }]);
    await runCron();
    expect((await jobOf(co, 'P-1')).state).toBe('synced');
    const [after] = await entities(realm, 'Payment');
    expect(after.PrivateNote).toMatch(/^Paid twice by mistake/);
    expect(Number(after.UnappliedAmt)).toBe(0);
    expect(await aging(co)).toEqual({ open: [], customers: [] });
    expect((await call('GET', `/v1/companies/${co.id}/qbo/drift?status=open`, { token: co.viewer })).json.drift).toEqual([]);
  });

  it('a refund changed after sync (its amount): the old link is removed first, the journal entry changed, then linked again', async () => {
    const { co, realm } = await company('Changed Refund Marina');
    await push(co, [...lists, memo('CM-1', '50.00'), refund('RF-1', { kind: 'credit_memo', id: 'CM-1' }, '50.00')]);
    await runCron();
    const [first] = await linksOf(realm, 'RF-1');

    await push(co, [refund('RF-1', { kind: 'credit_memo', id: 'CM-1' }, '30.00')]);
    await runCron();
    const job = await jobOf(co, 'RF-1');
    expect(job.state, job.message).toBe('synced');
    expect((await attempts(co, job.id)).slice(-3).map((a) => a.outcome)).toEqual(['step', 'step', 'synced']);
    const links = await linksOf(realm, 'RF-1');
    expect(links).toHaveLength(1);
    expect(links[0].Id).not.toBe(first.Id);
    expect(links[0].Line.map((l: any) => Number(l.Amount))).toEqual([30, 30]);
    expect(Number((await refundJe(realm, 'RF-1')).Line[0].Amount)).toBe(30);
    // 20.00 of the memo is still the customer's credit; the journal entry is settled.
    expect(Number((await entities(realm, 'CreditMemo'))[0].RemainingCredit)).toBe(20);
    expect((await aging(co)).open).toEqual([{ type: 'CreditMemo', open: '-20.00' }]);

    // Deleted in Sharper: the link goes first, then the journal entry; the memo's credit is open again.
    const del = await call('DELETE', `/v1/companies/${co.id}/records/refunds/RF-1`, { token: co.mms });
    expect(del.status, del.text).toBeLessThan(300);
    await runCron();
    expect((await jobOf(co, 'RF-1')).state).toBe('synced');
    expect(await linksOf(realm, 'RF-1')).toHaveLength(0);
    expect(await refundJe(realm, 'RF-1')).toBeUndefined();
    expect(Number((await entities(realm, 'CreditMemo'))[0].RemainingCredit)).toBe(50);
  });

  it('a lost answer on the link write does not make two links: replayed within the window, looked up after it', async () => {
    for (const window of [undefined, '0']) {
      const { co, realm } = await company(`Lost Link Marina ${window ?? 'replay'}`);
      await push(co, [...lists, memo('CM-1', '50.00')]);
      await runCron();
      await push(co, [refund('RF-1', { kind: 'credit_memo', id: 'CM-1' }, '50.00')]);
      // The journal entry's batch is answered; the link's lands in QBO but its answer is lost.
      await sim('POST', '/faults', { match: { realmId: realm, operation: 'batch' }, action: { kind: 'hang', ms: 0 }, times: 1 });
      await sim('POST', '/faults', { match: { realmId: realm, operation: 'batch' }, action: { kind: 'lost-response', mode: 'abort' }, times: 4 });
      await runCron();
      expect(await jobOf(co, 'RF-1')).toMatchObject({ state: 'queued', inDoubt: true, code: 'QBO_NO_ANSWER' });
      expect(await linksOf(realm, 'RF-1')).toHaveLength(1);

      await runCron(window ? { QBO_REPLAY_WINDOW_S: window } : {});
      const job = await jobOf(co, 'RF-1');
      expect(job.state, job.message).toBe('synced');
      expect(await linksOf(realm, 'RF-1')).toHaveLength(1);
      expect(Number((await entities(realm, 'CreditMemo'))[0].RemainingCredit)).toBe(0);
      expect(await aging(co)).toEqual({ open: [], customers: [] });
    }
  });

  it("a link deleted in QuickBooks is drift of its refund (not someone else's payment), and restore links it again", async () => {
    const { co, realm } = await company('Link Drift Marina');
    await push(co, [...lists, memo('CM-1', '50.00'), refund('RF-1', { kind: 'credit_memo', id: 'CM-1' }, '50.00')]);
    await runCron();
    const [link] = await linksOf(realm, 'RF-1');
    await sim('DELETE', `/realms/${realm}/entities/Payment/${link.Id}`);
    await runCron();
    const [drift] = (await call('GET', `/v1/companies/${co.id}/qbo/drift?status=open`, { token: co.viewer })).json.drift;
    expect(drift).toMatchObject({ record: { kind: 'refund', id: 'RF-1' }, qbEntity: 'Payment', qbId: link.Id, deleted: false });
    const restored = await call('POST', `/v1/companies/${co.id}/qbo/drift/${drift.id}/restore`, { token: co.operator });
    expect(restored.status, restored.text).toBe(200);
    await runCron();
    expect((await jobOf(co, 'RF-1')).state).toBe('synced');
    expect(await linksOf(realm, 'RF-1')).toHaveLength(1);
    expect(await entities(realm, 'JournalEntry')).toHaveLength(1);
    expect(await aging(co)).toEqual({ open: [], customers: [] });
  });
});
