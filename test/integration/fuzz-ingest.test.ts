import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { DEMO_LISTS, demoCompanyOperations } from '../fixtures/demo-company';
import { createFuzzer } from '../fuzz/mutate';
import { api, setupCompany } from './helpers';

const SLUGS: Record<string, string> = {
  account: 'accounts', terms: 'terms', sales_tax_item: 'sales-tax-items', customer: 'customers', item: 'items',
  invoice: 'invoices', payment: 'payments', credit_memo: 'credit-memos', refund: 'refunds', journal_entry: 'journal-entries',
};

function safeSegment(value: unknown): string {
  try {
    return encodeURIComponent(String(value)) || 'empty';
  } catch {
    return 'lone%20surrogate';
  }
}

/** A bounded, seeded slice of the ingest fuzz run (the full run is `npm run fuzz`). */
describe('ingest API under fuzzed input', () => {
  it('never answers 5xx and never changes records it rejected', async () => {
    const co = await setupCompany();
    const seedOps = demoCompanyOperations(3, 4);
    const base = await api('POST', `/v1/companies/${co.id}/records/bulk`, { token: co.mms, body: { records: seedOps } });
    expect(base.json.summary.rejected).toBe(0);
    const snapshot = async () =>
      (await api('GET', `/v1/companies/${co.id}/jobs/export.csv`, { token: co.viewer })).text.split('\r\n').map((l) => l.replace(/,[^,]*$/, '')).join('\n');
    const before = await snapshot();

    const fuzz = createFuzzer(20261127);
    const statuses = new Map<number, number>();
    const touched = new Set<string>();
    const noteAccepted = (json: any) => {
      for (const r of json?.results ?? [json]) if (r?.ok && r.outcome !== 'unchanged') touched.add(`${r.kind},${r.id}`);
    };
    for (let i = 0; i < 300; i++) {
      const op = fuzz.pick([...seedOps, ...DEMO_LISTS]);
      const mode = fuzz.int(4);
      let res: { status: number; json: any };
      if (mode === 0) {
        res = await api('POST', `/v1/companies/${co.id}/records/bulk`, { token: co.mms, body: { records: Array.from({ length: 1 + fuzz.int(5) }, () => fuzz.mutate({ kind: op.kind, id: op.id, data: op.data })) } });
      } else if (mode === 1) {
        res = await api('POST', `/v1/companies/${co.id}/records/bulk`, { token: co.mms, body: fuzz.mutate({ records: [{ kind: op.kind, id: op.id, data: op.data }] }) });
      } else if (mode === 2) {
        const raw = JSON.stringify(fuzz.mutate(op.data)).slice(0, fuzz.int(400));
        const r = await SELF.fetch(`http://sync.test/v1/companies/${co.id}/records/${SLUGS[op.kind]}/${op.id}`, { method: 'PUT', headers: { authorization: `Bearer ${co.mms}` }, body: raw });
        res = { status: r.status, json: await r.json() };
      } else {
        res = await api('PUT', `/v1/companies/${co.id}/records/${SLUGS[op.kind]}/${safeSegment(fuzz.pick([op.id, fuzz.weirdValue()]))}`, { token: co.mms, body: fuzz.mutate(op.data) });
      }
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status < 300) noteAccepted(res.json);
      expect(res.status, JSON.stringify(res.json).slice(0, 300)).toBeLessThan(500);
      if (res.status >= 400) expect(res.json.error.code).toMatch(/^[A-Z_]+$/);
    }
    // Some mutations are valid changes; the rest were refused. Only accepted ones may add jobs.
    const after = await snapshot();
    const beforeLines = new Set(before.split('\n'));
    const changed = after.split('\n').filter((l) => !beforeLines.has(l));
    for (const line of changed) {
      const [, , , kind, id] = line.split(',');
      expect(touched, `job line changed for a record no accepted request touched: ${line}`).toContain(`${kind},${id}`);
    }
    expect(statuses.get(422) ?? 0).toBeGreaterThan(50);
  });
});
