import type { DriftInsert } from '../../db/qbo-drift';
import type { RecordKind } from '../../db/schema/enums';
import type { ObservedChange } from './observed';

/**
 * Drift of a Sharper record through the QBO Payment that links it (a credit memo's application, a
 * refund's link): the record itself is still in QBO, only what links it changed. Null when QBO's
 * Payment links what Sharper expects (both lists in the same order).
 */
export function linkPaymentDrift(a: {
  companyId: string;
  now: Date;
  change: ObservedChange;
  kind: RecordKind;
  sourceId: string;
  expected: unknown[];
  actual: unknown[];
  /** What the diff says when QBO deleted the Payment. */
  deletedSays: string;
}): DriftInsert | null {
  if (JSON.stringify(a.expected) === JSON.stringify(a.actual)) return null;
  return {
    companyId: a.companyId,
    kind: a.kind,
    sourceId: a.sourceId,
    qbEntity: 'Payment',
    qbId: a.change.qbId,
    qbSyncToken: a.change.deleted ? 'deleted' : (a.change.syncToken ?? 'unknown'),
    deleted: false,
    diff: JSON.stringify([{ field: 'lines', sharper: a.expected, quickbooks: a.change.deleted ? a.deletedSays : a.actual }]),
    source: a.change.source,
    status: 'open',
    detectedAt: a.now.toISOString(),
  };
}
