import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from './client';
import { qboConnectionsTable, qboOauthStatesTable } from './schema';

export type QboConnectionRow = typeof qboConnectionsTable.$inferSelect;

export async function findQboConnection(db: Db, companyId: string): Promise<QboConnectionRow | undefined> {
  return db.select().from(qboConnectionsTable).where(eq(qboConnectionsTable.companyId, companyId)).get();
}

export async function findQboConnectionByRealm(db: Db, realmId: string): Promise<QboConnectionRow | undefined> {
  return db.select().from(qboConnectionsTable).where(eq(qboConnectionsTable.realmId, realmId)).get();
}

/** Connected companies with QBO jobs ready to claim (or retry) now, plus all connected ones for CDC. */
export async function listQboConnectionsDue(db: Db): Promise<QboConnectionRow[]> {
  return db.select().from(qboConnectionsTable).where(eq(qboConnectionsTable.status, 'connected')).all();
}

/** Stores a fresh grant; a realm already linked to another company is refused by the unique index. */
export async function upsertQboConnection(db: Db, row: typeof qboConnectionsTable.$inferInsert): Promise<void> {
  await db
    .insert(qboConnectionsTable)
    .values(row)
    .onConflictDoUpdate({
      target: qboConnectionsTable.companyId,
      set: {
        realmId: row.realmId,
        environment: row.environment,
        status: 'connected',
        statusMessage: null,
        accessTokenEnc: row.accessTokenEnc,
        refreshTokenEnc: row.refreshTokenEnc,
        accessExpiresAt: row.accessExpiresAt,
        refreshExpiresAt: row.refreshExpiresAt,
        refreshHardExpiresAt: row.refreshHardExpiresAt ?? 0,
        tokenVersion: sql`${qboConnectionsTable.tokenVersion} + 1`,
        refreshLeaseUntil: 0,
        refreshLeaseToken: null,
        // Possibly another QuickBooks company: what was read of the old one no longer holds.
        country: null,
        taxMode: null,
        prefsReadAt: null,
        connectedAt: row.connectedAt,
        updatedAt: row.updatedAt,
      },
    });
}

/** Takes the per-company refresh lease only if nobody rotated the token since `version` was read. */
export async function takeRefreshLease(db: Db, a: { companyId: string; version: number; nowMs: number; untilMs: number; token: string }): Promise<boolean> {
  const rows = await db
    .update(qboConnectionsTable)
    .set({ refreshLeaseUntil: a.untilMs, refreshLeaseToken: a.token })
    .where(
      and(
        eq(qboConnectionsTable.companyId, a.companyId),
        eq(qboConnectionsTable.tokenVersion, a.version),
        eq(qboConnectionsTable.status, 'connected'),
        lt(qboConnectionsTable.refreshLeaseUntil, a.nowMs),
      ),
    )
    .returning({ companyId: qboConnectionsTable.companyId });
  return rows.length === 1;
}

/** Saves a rotated pair under the lease; the version bump tells waiting invocations to re-read. */
export async function saveRefreshedTokens(
  db: Db,
  a: { companyId: string; leaseToken: string; accessTokenEnc: string; refreshTokenEnc: string; accessExpiresAt: number; refreshExpiresAt: number; refreshHardExpiresAt: number; now: string },
): Promise<boolean> {
  const rows = await db
    .update(qboConnectionsTable)
    .set({
      accessTokenEnc: a.accessTokenEnc,
      refreshTokenEnc: a.refreshTokenEnc,
      accessExpiresAt: a.accessExpiresAt,
      refreshExpiresAt: a.refreshExpiresAt,
      // An answer without the hard expiry keeps the one already known: the grant's end does not move.
      ...(a.refreshHardExpiresAt > 0 && { refreshHardExpiresAt: a.refreshHardExpiresAt }),
      tokenVersion: sql`${qboConnectionsTable.tokenVersion} + 1`,
      refreshLeaseUntil: 0,
      refreshLeaseToken: null,
      updatedAt: a.now,
    })
    .where(and(eq(qboConnectionsTable.companyId, a.companyId), eq(qboConnectionsTable.refreshLeaseToken, a.leaseToken)))
    .returning({ companyId: qboConnectionsTable.companyId });
  return rows.length === 1;
}

/** Test seeding only (the browser tests have no Intuit to report one): a grant about to end. */
export async function setRefreshHardExpiry(db: Db, a: { companyId: string; at: number }): Promise<void> {
  await db.update(qboConnectionsTable).set({ refreshHardExpiresAt: a.at }).where(eq(qboConnectionsTable.companyId, a.companyId));
}

export async function releaseRefreshLease(db: Db, companyId: string, leaseToken: string): Promise<void> {
  await db
    .update(qboConnectionsTable)
    .set({ refreshLeaseUntil: 0, refreshLeaseToken: null })
    .where(and(eq(qboConnectionsTable.companyId, companyId), eq(qboConnectionsTable.refreshLeaseToken, leaseToken)));
}

export async function setQboConnectionStatus(
  db: Db,
  a: { companyId: string; status: QboConnectionRow['status']; message: string | null; now: string; clearTokens?: boolean },
): Promise<void> {
  await db
    .update(qboConnectionsTable)
    .set({
      status: a.status,
      statusMessage: a.message,
      updatedAt: a.now,
      refreshLeaseUntil: 0,
      refreshLeaseToken: null,
      ...(a.clearTokens && { accessTokenEnc: null, refreshTokenEnc: null, accessExpiresAt: 0, refreshExpiresAt: 0, refreshHardExpiresAt: 0 }),
    })
    .where(eq(qboConnectionsTable.companyId, a.companyId));
}

/**
 * One sync run per company at a time. `minStartedBeforeMs` makes "sync now" refuse to start
 * sooner than the minimum interval after the last run, in the same conditional UPDATE. Returns
 * the previous run's limiter window, read under the lease so no run in between is missed.
 */
export async function takeSyncLease(
  db: Db,
  a: { companyId: string; nowMs: number; untilMs: number; token: string; minStartedBeforeMs?: number },
): Promise<{ limiterWindow: string | null } | null> {
  const rows = await db
    .update(qboConnectionsTable)
    .set({ syncLeaseUntil: a.untilMs, syncLeaseToken: a.token, lastSyncStartedAt: a.nowMs })
    .where(
      and(
        eq(qboConnectionsTable.companyId, a.companyId),
        eq(qboConnectionsTable.status, 'connected'),
        lt(qboConnectionsTable.syncLeaseUntil, a.nowMs),
        a.minStartedBeforeMs === undefined ? undefined : lt(qboConnectionsTable.lastSyncStartedAt, a.minStartedBeforeMs),
      ),
    )
    .returning({ limiterWindow: qboConnectionsTable.limiterWindow });
  return rows[0] ?? null;
}

export async function finishSyncLease(db: Db, a: { companyId: string; token: string; now: string; summary: string; cdcSince?: string; limiterWindow: string }): Promise<void> {
  await db
    .update(qboConnectionsTable)
    .set({ syncLeaseUntil: 0, syncLeaseToken: null, lastSyncFinishedAt: a.now, lastSyncSummary: a.summary, limiterWindow: a.limiterWindow, ...(a.cdcSince && { cdcSince: a.cdcSince }) })
    .where(and(eq(qboConnectionsTable.companyId, a.companyId), eq(qboConnectionsTable.syncLeaseToken, a.token)));
}

export async function insertOauthState(db: Db, row: typeof qboOauthStatesTable.$inferInsert): Promise<void> {
  await db.insert(qboOauthStatesTable).values(row);
}

/** Marks a state nonce used; false when it is unknown, expired, for another company or already used. */
export async function consumeOauthState(db: Db, a: { nonce: string; companyId: string; nowMs: number; now: string }): Promise<boolean> {
  const rows = await db
    .update(qboOauthStatesTable)
    .set({ usedAt: a.now })
    .where(
      and(
        eq(qboOauthStatesTable.nonce, a.nonce),
        eq(qboOauthStatesTable.companyId, a.companyId),
        sql`${qboOauthStatesTable.usedAt} IS NULL`,
        sql`${qboOauthStatesTable.expiresAt} > ${a.nowMs}`,
      ),
    )
    .returning({ nonce: qboOauthStatesTable.nonce });
  return rows.length === 1;
}
