import type { Db } from './client';
import type { QboConnectionStatus } from './schema/qbo-connections';
import type { RecordKind } from './schema/enums';
import { qboConnectionsTable, qboDriftTable } from './schema';

/**
 * Development-only writes behind POST /v1/extension/test-support/seed (see worker/extension/test-seed.ts):
 * a QBO connection row without tokens, and drift rows, for the extension's browser tests.
 */
export async function upsertSeedQboConnection(db: Db, a: { companyId: string; realmId: string; status: QboConnectionStatus; message: string | null; lastSyncFinishedAt: string | null; now: string }) {
  await db
    .insert(qboConnectionsTable)
    .values({ companyId: a.companyId, realmId: a.realmId, environment: 'sandbox', status: a.status, statusMessage: a.message, lastSyncFinishedAt: a.lastSyncFinishedAt, lastSyncStartedAt: a.lastSyncFinishedAt ? Date.parse(a.lastSyncFinishedAt) : 0, connectedAt: a.now, updatedAt: a.now })
    .onConflictDoUpdate({ target: qboConnectionsTable.companyId, set: { realmId: a.realmId, status: a.status, statusMessage: a.message, lastSyncFinishedAt: a.lastSyncFinishedAt, updatedAt: a.now } });
}

export async function insertSeedDrift(db: Db, rows: { companyId: string; kind: RecordKind; sourceId: string; qbEntity: string; qbId: string; qbSyncToken: string; diff: string; detectedAt: string }[]) {
  if (rows.length === 0) return;
  await db.insert(qboDriftTable).values(rows.map((r) => ({ ...r, deleted: false, source: 'webhook' as const, status: 'open' as const })));
}
