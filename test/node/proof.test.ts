import { describe, expect, it } from 'vitest';
import { runProof } from '../../scripts/proof/index';

/**
 * A reduced `npm run proof`: a few months of a small marina through the real Worker into both
 * QuickBooks simulators, with the fault schedule's first faults (lost responses after commit, a 429
 * storm, a dying Web Connector, a lost qbXML answer). The full year is `npm run proof`.
 */
describe('reduced proof: both paths, under faults', () => {
  it('no duplicates, nothing lost, receivables equal to the cent', { timeout: 240_000 }, async () => {
    const result = await runProof({ seed: 7, customers: 24, months: 3 });
    expect(result.rejected).toEqual([]);
    expect(result.faults.qbo.length + result.faults.qbd.length).toBeGreaterThanOrEqual(4);
    for (const path of result.paths) {
      expect(path.accepted, path.name).toBeGreaterThan(100);
      expect(path.duplicates, path.name).toEqual([]);
      expect(path.lost, `${path.name}: ${path.causes.join(' | ')}`).toBe(0);
      expect(path.counts.failed ?? 0, `${path.name}: ${path.causes.join(' | ')}`).toBe(0);
      expect(path.ar.examples, path.name).toEqual([]);
      expect(path.ar.unexplainedCents, path.name).toBe(0);
      expect(path.gl.differing, path.name).toEqual([]);
      expect(path.invoices.differing, path.name).toEqual([]);
    }
  });
});
