import type { Db } from '../db/client';
import { findRecordWithLatestJob } from '../db/record-status';
import type { RecordKind } from '../db/schema/enums';
import { notFound } from '../shared/errors';
import { recordKindSpecs } from './kinds';

/** The current version of a record as Sharper sent it (money in cents) and its newest sync job. */
export async function getRecord({ ctx, companyId, kind, id }: { ctx: { db: Db }; companyId: string; kind: RecordKind; id: string }) {
  const found = await findRecordWithLatestJob(ctx.db, companyId, kind, id);
  if (!found) throw notFound(`${recordKindSpecs[kind].label} ${id}`, { record: { kind, id } });
  const { record, job } = found;
  return {
    kind: record.kind,
    id: record.sourceId,
    version: record.version,
    status: record.status,
    data: JSON.parse(record.data),
    sync: job
      ? { jobId: job.id, type: job.jobType, state: job.state, version: job.version, message: job.lastMessage, qbId: job.qbId, syncedAt: job.syncedAt }
      : null,
  };
}
