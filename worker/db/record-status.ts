import { sql } from 'drizzle-orm';
import type { Db } from './client';
import type { RecordKind } from './schema/enums';
import { toJobRow, type JobRow } from './job-rows';
import { toStoredRecord, type StoredRecord } from './records';

/** A record with its newest job: what Sharper shows next to the record in its own UI. */
export async function findRecordWithLatestJob(
  db: Db,
  companyId: string,
  kind: RecordKind,
  sourceId: string,
): Promise<{ record: StoredRecord; job: JobRow | null } | undefined> {
  const row = await db.get<Record<string, unknown>>(sql`
    SELECT * FROM records WHERE company_id = ${companyId} AND kind = ${kind} AND source_id = ${sourceId}`);
  if (!row) return undefined;
  const job = await db.get<Record<string, unknown>>(sql`
    SELECT * FROM jobs WHERE company_id = ${companyId} AND record_kind = ${kind} AND source_id = ${sourceId} ORDER BY id DESC LIMIT 1`);
  return { record: toStoredRecord(row), job: job ? toJobRow(job) : null };
}
