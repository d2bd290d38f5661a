import type { RecordKind } from '../db/schema/enums';
import { recordKindSpecs, type Reference } from '../ledger/kinds';
import { recordKey, type RecordKey } from './keys';

/** What the planner knows about a record another record points at. */
export interface KnownRecord {
  kind: RecordKind;
  sourceId: string;
  active: boolean;
  status: 'active' | 'voided' | 'deleted';
  displayName: string | null;
}

export interface ReadinessInput {
  kind: RecordKind;
  sourceId: string;
  docNumber?: string | null;
  references: Reference[];
  /** Records Sharper has sent, by key. */
  known: Map<RecordKey, KnownRecord>;
  /** Records already in QuickBooks for this target. */
  mapped: Set<RecordKey>;
}

export type Readiness =
  | { state: 'queued' }
  | { state: 'held'; code: string; message: string }
  | { state: 'waiting'; waitingFor: Reference[]; message: string };

/** The kinds whose inactivity QuickBooks refuses on a new transaction. */
const MUST_BE_ACTIVE: ReadonlySet<RecordKind> = new Set(['item', 'sales_tax_item', 'customer']);

function describeRecord(ref: { kind: RecordKind; id: string }, known?: KnownRecord): string {
  const label = recordKindSpecs[ref.kind].label;
  return known?.displayName ? `${label} '${known.displayName}' (${ref.id})` : `${label} ${ref.id}`;
}

/**
 * Decides whether a job can be sent now: held when it uses something inactive in Sharper,
 * waiting when something it references is not in QuickBooks yet, else queued.
 */
export function evaluateReadiness(input: ReadinessInput): Readiness {
  const spec = recordKindSpecs[input.kind];
  const title = `${spec.label[0].toUpperCase()}${spec.label.slice(1)} ${input.docNumber ?? input.sourceId}`;
  if (spec.transaction) {
    for (const ref of input.references) {
      const known = input.known.get(recordKey(ref.kind, ref.id));
      if (known && MUST_BE_ACTIVE.has(ref.kind) && !known.active) {
        const noun = ref.kind === 'item' ? 'product' : recordKindSpecs[ref.kind].label;
        const name = known.displayName ? `'${known.displayName}' (${ref.id})` : ref.id;
        return {
          state: 'held',
          code: 'INACTIVE_REFERENCE',
          message: `${title} uses ${noun} ${name}, which is inactive in Sharper: activate it, then requeue.`,
        };
      }
    }
  }
  const seen = new Set<RecordKey>();
  const waitingFor = input.references.filter((ref) => {
    const key = recordKey(ref.kind, ref.id);
    if (input.mapped.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (waitingFor.length === 0) return { state: 'queued' };
  const parts = waitingFor.map((ref) => {
    const known = input.known.get(recordKey(ref.kind, ref.id));
    const what = `${recordKindSpecs[ref.kind].jobType} of ${describeRecord(ref, known)}`;
    return known ? what : `${what}, not yet received from Sharper`;
  });
  return { state: 'waiting', waitingFor, message: `Waiting for ${parts.join('; ')}.` };
}
