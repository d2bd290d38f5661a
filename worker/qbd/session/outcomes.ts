import type { Db } from '../../db/client';
import { recordKindSpecs } from '../../ledger';
import { recordOutcome, type ClaimedJob, type Exchange, type JobOutcome } from '../../queue';
import type { BuildError } from '../qbxml/types';

/** Turns a builder refusal into the queue outcome that tells the accountant what to do. */
export function buildErrorOutcome(job: ClaimedJob, e: BuildError): JobOutcome {
  switch (e.reason) {
    case 'too_long':
      return {
        kind: 'held',
        code: 'QBD_VALUE_TOO_LONG',
        message: `${e.field} "${e.value.slice(0, 60)}${e.value.length > 60 ? '…' : ''}" is ${[...e.value].length} characters; QuickBooks Desktop allows ${e.limit}. Shorten it in Sharper and save again (Sharper never cuts it short, which could make two records collide).`,
      };
    case 'missing_reference':
      return {
        kind: 'waiting',
        message: `Waiting for ${recordKindSpecs[e.kind].label} ${e.id} (${e.field}) to reach QuickBooks first.`,
        dependencies: [{ kind: e.kind, id: e.id }],
      };
    case 'missing_setting':
      return { kind: 'held', code: 'QBD_SETTING_MISSING', message: e.message };
    case 'unsupported_change':
      return { kind: 'held', code: 'QBD_CHANGE_NOT_SUPPORTED', message: e.message };
  }
}

export async function settle(ctx: { db: Db; now: Date }, job: ClaimedJob, outcome: JobOutcome, exchange?: Exchange): Promise<void> {
  await recordOutcome({ ctx, job, outcome, exchange });
}

/** `label 'name'`/`label docNumber` for messages. */
export function describeJob(job: ClaimedJob): string {
  const d = job.data as { name?: string; docNumber?: string; reference?: string };
  return `${recordKindSpecs[job.kind].label} ${d.name ?? d.docNumber ?? d.reference ?? job.sourceId}`;
}
