import { describe, expect, it } from 'vitest';
import { buildJobRequests } from './build';
import { fakeRefs, toBuildJobs, xmllint } from './fixtures.test-support';
import { qbxmlMessage, QBXML_TARGET } from './message';

const schemaDir = process.env.QBXML_SCHEMA_DIR;

const memo = (applications: { invoice: string; amount: string }[]) => ({
  kind: 'credit_memo',
  id: 'CM-9',
  data: { customer: 'C-1', date: '2026-04-03', docNumber: 'CM9', lines: [{ item: 'P-PUMP', amount: '40.00' }], tax: '0', applications },
});

/** The memo as QuickBooks has it (`synced`) and as Sharper has it now, built as a top-up step. */
function topUp(synced: { invoice: string; amount: string }[], now: { invoice: string; amount: string }[]) {
  const [previous] = toBuildJobs([memo(synced)]);
  const [job] = toBuildJobs([memo(now)]);
  const refs = { ...fakeRefs, previous: () => previous.data };
  return buildJobRequests({ ...job, existing: { qbId: '1A-CM9', qbLock: '3' } }, refs, 'apply');
}

describe('credit memo top-up (a memo applied more after it synced)', () => {
  it('applies only what each invoice gets on top of the synced version, from the memo by TxnID', () => {
    const built = topUp([{ invoice: 'INV-1', amount: '10.00' }], [{ invoice: 'INV-1', amount: '15.00' }, { invoice: 'INV-22', amount: '20.00' }]);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const xml = built.value[0].xml;
    expect(built.value.map((r) => r.purpose)).toEqual(['apply']);
    expect(xml.match(/<AppliedAmount>[^<]+<\/AppliedAmount>/g)).toEqual(['<AppliedAmount>5.00</AppliedAmount>', '<AppliedAmount>20.00</AppliedAmount>']);
    expect(xml).toContain('<CreditTxnID>1A-CM9</CreditTxnID>');
    expect(xml).toContain('<TotalAmount>0.00</TotalAmount>');
    if (schemaDir) expect(xmllint(qbxmlMessage([xml], QBXML_TARGET), schemaDir)).toEqual([]);
  });

  it('holds a memo that now applies less, or whose credit QuickBooks shows more of than Sharper expects', () => {
    const less = topUp([{ invoice: 'INV-1', amount: '10.00' }], [{ invoice: 'INV-1', amount: '4.00' }]);
    expect(less).toMatchObject({ ok: false, error: { reason: 'unsupported_change', message: expect.stringContaining('applies less to invoice INV-1') } });
    const same = topUp([{ invoice: 'INV-1', amount: '10.00' }], [{ invoice: 'INV-1', amount: '10.00' }]);
    expect(same).toMatchObject({ ok: false, error: { reason: 'unsupported_change', message: expect.stringContaining('more credit left in QuickBooks than Sharper expects') } });
  });
});
