import { describe, expect, it } from 'vitest';
import type { ApiRequest, QboApi } from '../api/client';
import { CDC_LOOKBACK_MS, readChanges } from './cdc';

const T0 = Date.parse('2026-03-15T18:00:00Z');

/** A CDC endpoint over a fixed change list, oldest first per type, 1,000 objects per answer. */
function fakeCdc(changes: { entity: string; id: string; atMs: number }[], serverMs: number) {
  const calls: Record<string, string>[] = [];
  const api = {
    async call(req: ApiRequest) {
      calls.push(req.query!);
      const since = Date.parse(req.query!.changedSince);
      let budget = 1000;
      const responses = req.query!.entities.split(',').map((entity) => {
        const rows = changes.filter((c) => c.entity === entity && c.atMs >= since).sort((a, b) => a.atMs - b.atMs).slice(0, budget);
        budget -= rows.length;
        return { [entity]: rows.map((r) => ({ Id: r.id, SyncToken: '0', MetaData: { LastUpdatedTime: new Date(Math.floor(r.atMs / 1000) * 1000).toISOString() } })) };
      });
      return { kind: 'ok', status: 200, text: '', json: { CDCResponse: [{ QueryResponse: responses }], time: new Date(serverMs).toISOString() } };
    },
  } as unknown as QboApi;
  return { api, calls };
}

describe('readChanges', () => {
  it('makes one call when the answer is complete and moves the window to the server time less an overlap', async () => {
    const { api, calls } = fakeCdc([{ entity: 'Invoice', id: '1', atMs: T0 - 5000 }], T0);
    const r = await readChanges(api, { since: T0 - 3600_000, nowMs: T0 });
    expect(calls).toHaveLength(1);
    expect(calls[0].entities.split(',')).toEqual(expect.arrayContaining(['Invoice', 'Payment', 'Customer', 'JournalEntry']));
    expect(r).toMatchObject({ kind: 'ok', calls: 1, clamped: false, nextSince: new Date(T0 - 60_000).toISOString() });
    expect(r.kind === 'ok' && r.changes.map((c) => [c.entity, c.qbId, c.source])).toEqual([['Invoice', '1', 'cdc']]);
  });

  it('never asks further back than 30 days, and says so', async () => {
    const { api, calls } = fakeCdc([], T0);
    const r = await readChanges(api, { since: T0 - 40 * 24 * 3600_000, nowMs: T0 });
    expect(Date.parse(calls[0].changedSince)).toBe(T0 - CDC_LOOKBACK_MS);
    expect(r).toMatchObject({ clamped: true });
  });

  it('pages a truncated answer per type from its own mark, seeing every change, and never moves past an unfinished type', async () => {
    const changes = [
      ...Array.from({ length: 2500 }, (_, i) => ({ entity: 'Invoice', id: `i${i}`, atMs: T0 - 3000_000 + i * 1000 })),
      ...Array.from({ length: 30 }, (_, i) => ({ entity: 'Payment', id: `p${i}`, atMs: T0 - 3000_000 + i * 1000 })),
      ...Array.from({ length: 600 }, (_, i) => ({ entity: 'Customer', id: `c${i}`, atMs: T0 - 3000_000 + i * 1000 })),
    ];
    const { api, calls } = fakeCdc(changes, T0);
    const r = await readChanges(api, { since: T0 - 3600_000, nowMs: T0 });
    if (r.kind !== 'ok') throw new Error(r.kind);
    expect(new Set(r.changes.map((c) => c.qbId)).size).toBe(changes.length);
    expect(r.calls).toBe(calls.length);
    // 1 cut answer, 1 for the other types together, then the invoice pages (2,500 → 2 more).
    expect(r.calls).toBeLessThanOrEqual(5);
    expect(r.nextSince).toBe(new Date(T0 - 60_000).toISOString());
  });
});
