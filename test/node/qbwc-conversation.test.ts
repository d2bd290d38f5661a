import { describe, expect, it } from 'vitest';
import { demoCompanyOperations } from '../fixtures/demo-company';
import { call, desktopMarina, jobs, newCompanyFile, runQbwc, syncUntilDone } from './qbwc-support';

/** Jobs neither synced nor held, ignoring ones that wait for records a small fixture never sends. */
const unsettled = (all: Awaited<ReturnType<typeof jobs>>) =>
  all.filter((j) => !['synced', 'held'].includes(j.state) && !/not yet received from Sharper/.test(j.message ?? ''));

describe('Web Connector conversations: the demo marina into a QuickBooks company file', () => {
  it('syncs every record once, in dependency order, with ids in the map and nothing duplicated', async () => {
    const m = await desktopMarina(8);
    const qb = newCompanyFile();
    const runs = await syncUntilDone(m, qb);
    expect(runs[0].status).toBe('done');
    expect(runs.at(-1)!.status).toBe('noWork');
    const first = runs[0].transcript.map((t) => t.method);
    expect(first.slice(0, 4)).toEqual(['serverVersion', 'clientVersion', 'authenticate', 'sendRequestXML']);
    expect(first.at(-1)).toBe('closeConnection');
    const percents = runs[0].transcript.filter((t) => t.method === 'receiveResponseXML').map((t) => t.result as number);
    expect(percents.at(-1)).toBe(100);
    expect(percents.every((p, i) => i === 0 || p >= percents[i - 1])).toBe(true);

    const all = await jobs(m);
    const byState = all.reduce<Record<string, number>>((a, j) => ({ ...a, [j.state]: (a[j.state] ?? 0) + 1 }), {});
    // The invoice on the retired product is held by the planner; everything else reaches QuickBooks.
    expect(byState).toEqual({ synced: all.length - 1, held: 1 });
    for (const j of all.filter((x) => x.state === 'synced')) expect(j.qbId).toMatch(/^[0-9A-F]+-\d+$/);

    // Accounts QuickBooks already had (same name and type) were adopted, not duplicated.
    expect(qb.lists('Account').filter((a) => a.name === 'Accounts Receivable')).toHaveLength(1);
    const ar = all.find((j) => j.record.id === 'A-1100')!;
    expect(ar.message).toMatch(/already had|linked to it/i);
    // Every invoice once, with the prorated service period in its text.
    const invoices = all.filter((j) => j.record.kind === 'invoice' && j.state === 'synced');
    expect(qb.txns('Invoice')).toHaveLength(invoices.length);
    for (const inv of qb.txns('Invoice')) expect(qb.findTxnsByRefNumber('Invoice', inv.refNumber!)).toHaveLength(1);
    expect(qb.txns('ReceivePayment').length).toBe(all.filter((j) => j.record.kind === 'payment' && j.state === 'synced').length);
    expect(qb.txns('Check')).toHaveLength(1); // the check refund of the overpayment
    expect(qb.txns('CreditMemo')).toHaveLength(1);
    expect(qb.txns('JournalEntry')).toHaveLength(1);

    const status = await call('GET', `/v1/companies/${m.id}/qbd/status`, m.operator);
    expect(status.json.companyFile.path).toBe(qb.info.filePath);
    expect(status.json.lastSession.qbxmlVersion).toBe('13.0');
  });

  it('wrong password: nvu, no session, and repeated failures lock the user out for a while', async () => {
    const m = await desktopMarina(1);
    const qb = newCompanyFile();
    const bad = await runQbwc(m, qb, [], 'not-the-password');
    expect(bad.status).toBe('invalidUser');
    for (let i = 0; i < 5; i++) await runQbwc(m, qb, [], 'still-wrong');
    const locked = await runQbwc(m, qb); // right password, but locked for now
    expect(locked.status).toBe('invalidUser');
    expect(qb.txns('Invoice')).toHaveLength(0);
    const status = await call('GET', `/v1/companies/${m.id}/qbd/status`, m.operator);
    expect(status.json.loginLocked).toBe(true);
  });

  it('a different company file later gets an error that says so, and no work', async () => {
    const m = await desktopMarina(1);
    const qb = newCompanyFile();
    const accountsOnly = await runQbwc(m, qb, [{ kind: 'dieAfterReceives', receives: 1 }]);
    expect(accountsOnly.status).toBe('died');
    const other = newCompanyFile('Someone Else Boatyard');
    const run = await runQbwc(m, qb, [{ kind: 'differentCompanyFile', company: other }]);
    expect(run.status).not.toBe('done');
    expect(other.requestLog.filter((r) => /Add|Mod|Del|Void/.test(r))).toHaveLength(0);
    expect(other.count('Customer')).toBe(0);
    const text = JSON.stringify(run.transcript);
    expect(text).toMatch(/could not open the company file|Wrong QuickBooks company file/);
  });

  it('QuickBooks busy at open: connectionError says done, the next run syncs', async () => {
    const m = await desktopMarina(1);
    const qb = newCompanyFile();
    const busy = await runQbwc(m, qb, [{ kind: 'busyAtOpen' }]);
    expect(busy.status).toBe('connectionError');
    expect(busy.transcript.find((t) => t.method === 'connectionError')!.result).toBe('done');
    const runs = await syncUntilDone(m, qb);
    expect(runs[0].status).toBe('done');
    expect(qb.txns('Invoice').length).toBeGreaterThan(0);
  });

  it('response lost after QuickBooks applied it: the next session looks first and adopts, no duplicates', async () => {
    const m = await desktopMarina(3);
    const qb = newCompanyFile();
    for (let n = 1; n <= 4; n++) {
      const lost = await runQbwc(m, qb, [{ kind: 'loseResponse', request: n }]);
      expect(['responseLost', 'noWork', 'done']).toContain(lost.status);
    }
    await syncUntilDone(m, qb, 10);
    const all = await jobs(m);
    expect(unsettled(all)).toEqual([]);
    expect(all.some((j) => /verified/.test(j.message ?? ''))).toBe(true);
    for (const inv of qb.txns('Invoice')) expect(qb.findTxnsByRefNumber('Invoice', inv.refNumber!)).toHaveLength(1);
    const names = qb.lists('Customer').map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(qb.txns('ReceivePayment').length).toBe(all.filter((j) => j.record.kind === 'payment' && j.state === 'synced').length);
  });

  it('an hresult from the Web Connector is a connection problem: jobs go back in doubt, then sync once', async () => {
    const m = await desktopMarina(2);
    const qb = newCompanyFile();
    await runQbwc(m, qb, [{ kind: 'dieAfterReceives', receives: 1 }]);
    qb.faults.failAfterCommit(1, { hresult: '0x80040408' });
    const run = await runQbwc(m, qb);
    expect(run.status).toBe('error');
    expect(run.lastError).toMatch(/connection problem, not a data problem/);
    await syncUntilDone(m, qb, 8);
    const all = await jobs(m);
    expect(unsettled(all)).toEqual([]);
    for (const inv of qb.txns('Invoice')) expect(qb.findTxnsByRefNumber('Invoice', inv.refNumber!)).toHaveLength(1);
  });

  it('a record edited in QuickBooks meanwhile (3200) is re-read and then updated', async () => {
    const m = await desktopMarina(1);
    const qb = newCompanyFile();
    await syncUntilDone(m, qb);
    const cust = qb.lists('Customer')[0];
    qb.editAsUser(cust.listId, { isActive: true });
    const changed = await call('PUT', `/v1/companies/${m.id}/records/customers/C-001`, m.mms, {
      name: cust.name, email: 'new.address@example.com', terms: 'T-NET15', taxItem: 'TX-FL',
    });
    expect(changed.status).toBeLessThan(300);
    await syncUntilDone(m, qb);
    const job = (await jobs(m, '&kind=customer')).find((j) => j.record.id === 'C-001' && j.state === 'synced');
    expect(job).toBeTruthy();
    expect(qb.findList('Customer', cust.name)!.extra.find((n) => n.name === 'Email')?.text).toBe('new.address@example.com');
  });

  it('a journal entry corrected in Sharper after it synced is changed in QuickBooks (lines replaced, still one entry)', async () => {
    const m = await desktopMarina(1);
    const qb = newCompanyFile();
    await syncUntilDone(m, qb);
    const before = qb.findTxnsByRefNumber('JournalEntry', 'JE-0326');
    expect(before).toHaveLength(1);
    // The demo's month-end entry, corrected: both lines to 4,300.00.
    const je = demoCompanyOperations(42, 1).find((o) => o.id === 'JE-2026-03')!.data as { lines: { debit?: string; credit?: string }[] };
    const corrected = await call('PUT', `/v1/companies/${m.id}/records/journal-entries/JE-2026-03`, m.mms, {
      ...je,
      lines: je.lines.map((l) => ({ ...l, ...(l.debit ? { debit: '4300.00' } : { credit: '4300.00' }), memo: 'Annual contracts 1/12, corrected' })),
    });
    expect(corrected.status).toBeLessThan(300);
    await syncUntilDone(m, qb);
    const after = qb.findTxnsByRefNumber('JournalEntry', 'JE-0326');
    expect(after).toHaveLength(1);
    expect(after[0].txnId).toBe(before[0].txnId);
    expect(after[0].totalCents).toBe(430000);
    expect(after[0].lines.map((l) => [l.side, l.amountCents, l.memo])).toEqual([
      ['Debit', 430000, 'Annual contracts 1/12, corrected'],
      ['Credit', 430000, 'Annual contracts 1/12, corrected'],
    ]);
    const jeJobs = (await jobs(m, '&kind=journal_entry')).filter((j) => j.record.id === 'JE-2026-03');
    expect(jeJobs.map((j) => j.state)).toEqual(['synced', 'synced']);
  });
});
