import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from './client';
import type { JobRow } from './job-rows';
import type { RecordKind } from './schema/enums';
import { idMapTable, jobsTable, qboConnectionsTable, qboCreditApplicationsTable, qboDriftTable, recordsTable } from './schema';

export interface OwnedRecordRow {
  kind: RecordKind;
  sourceId: string;
  syncedVersion: number;
  docNumber: string | null;
  displayName: string | null;
  recordStatus: string | null;
  latestJob: JobRow | null;
  openDrift: { diff: string; deleted: boolean; detectedAt: string; source: string } | null;
}

/** The company's QBO realm and connection state (the extension pairs a QBO page with a company by realm). */
export async function findQboRealm(db: Db, companyId: string) {
  return db
    .select({ realmId: qboConnectionsTable.realmId, status: qboConnectionsTable.status, statusMessage: qboConnectionsTable.statusMessage, lastSyncFinishedAt: qboConnectionsTable.lastSyncFinishedAt, lastSyncStartedAt: qboConnectionsTable.lastSyncStartedAt })
    .from(qboConnectionsTable)
    .where(eq(qboConnectionsTable.companyId, companyId))
    .get();
}

/**
 * The Sharper record behind a QBO id, with its newest QBO job and open drift: everything the
 * overlay shows, in two round trips (the id map first, then one batch). A Payment page may show
 * the payment that applies a credit memo: the memo is the record then.
 */
export async function findOwnedRecordByQbId(db: Db, a: { companyId: string; kinds: readonly RecordKind[]; qbId: string }): Promise<OwnedRecordRow | undefined> {
  const mapped =
    (await db
      .select({ kind: idMapTable.kind, sourceId: idMapTable.sourceId, syncedVersion: idMapTable.syncedVersion })
      .from(idMapTable)
      .where(and(eq(idMapTable.companyId, a.companyId), eq(idMapTable.target, 'qbo'), inArray(idMapTable.kind, [...a.kinds]), eq(idMapTable.qbId, a.qbId)))
      .get()) ?? (a.kinds.includes('payment') ? await findApplicationOwner(db, a.companyId, a.qbId) : undefined);
  if (!mapped) return undefined;
  const [record, jobs, drift] = await db.batch([
    db
      .select({ docNumber: recordsTable.docNumber, displayName: recordsTable.displayName, status: recordsTable.status })
      .from(recordsTable)
      .where(and(eq(recordsTable.companyId, a.companyId), eq(recordsTable.kind, mapped.kind), eq(recordsTable.sourceId, mapped.sourceId))),
    db
      .select()
      .from(jobsTable)
      .where(and(eq(jobsTable.companyId, a.companyId), eq(jobsTable.target, 'qbo'), eq(jobsTable.recordKind, mapped.kind), eq(jobsTable.sourceId, mapped.sourceId)))
      .orderBy(desc(jobsTable.id))
      .limit(1),
    db
      .select({ diff: qboDriftTable.diff, deleted: qboDriftTable.deleted, detectedAt: qboDriftTable.detectedAt, source: qboDriftTable.source })
      .from(qboDriftTable)
      .where(and(eq(qboDriftTable.companyId, a.companyId), eq(qboDriftTable.kind, mapped.kind), eq(qboDriftTable.sourceId, mapped.sourceId), eq(qboDriftTable.status, 'open')))
      .orderBy(desc(qboDriftTable.id))
      .limit(1),
  ]);
  return {
    ...mapped,
    docNumber: record[0]?.docNumber ?? null,
    displayName: record[0]?.displayName ?? null,
    recordStatus: record[0]?.status ?? null,
    latestJob: jobs[0] ? (jobs[0] as JobRow) : null,
    openDrift: drift[0] ?? null,
  };
}

/** A zero-amount Payment that applies a Sharper credit memo belongs to that memo. */
async function findApplicationOwner(db: Db, companyId: string, paymentQbId: string) {
  const row = await db
    .select({ sourceId: qboCreditApplicationsTable.memoSourceId, syncedVersion: qboCreditApplicationsTable.memoVersion })
    .from(qboCreditApplicationsTable)
    .where(and(eq(qboCreditApplicationsTable.companyId, companyId), eq(qboCreditApplicationsTable.paymentQbId, paymentQbId)))
    .get();
  return row ? { kind: 'credit_memo' as RecordKind, ...row } : undefined;
}
