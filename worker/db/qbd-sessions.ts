import { and, eq, sql } from 'drizzle-orm';
import type { Db } from './client';
import { qbdSessionsTable } from './schema';

export type QbdSessionRow = typeof qbdSessionsTable.$inferSelect;
export type QbdSessionPatch = Partial<
  Pick<QbdSessionRow, 'state' | 'awaiting' | 'qbxmlVersion' | 'companyFile' | 'country' | 'lastError' | 'workDone' | 'roundTrips' | 'inflight' | 'expiresAt'>
>;

export async function insertQbdSession(db: Db, row: typeof qbdSessionsTable.$inferInsert): Promise<void> {
  await db.insert(qbdSessionsTable).values(row);
}

export async function findQbdSession(db: Db, ticket: string): Promise<QbdSessionRow | undefined> {
  return db.select().from(qbdSessionsTable).where(eq(qbdSessionsTable.ticket, ticket)).get();
}

/**
 * Updates a session only if it is still open and at the step the caller read, so two calls
 * racing on one ticket cannot both apply (the loser sees false).
 */
export async function updateQbdSession(
  db: Db,
  a: { ticket: string; from: QbdSessionRow['awaiting']; patch: QbdSessionPatch; now: string },
): Promise<boolean> {
  const rows = await db
    .update(qbdSessionsTable)
    .set({ ...a.patch, updatedAt: a.now })
    .where(and(eq(qbdSessionsTable.ticket, a.ticket), eq(qbdSessionsTable.state, 'open'), eq(qbdSessionsTable.awaiting, a.from)))
    .returning({ ticket: qbdSessionsTable.ticket });
  return rows.length === 1;
}

/** Closes a session whatever step it is at (closeConnection, connectionError, a newer login). */
export async function closeQbdSession(db: Db, a: { ticket: string; lastError?: string | null; now: string }): Promise<QbdSessionRow | undefined> {
  const [row] = await db
    .update(qbdSessionsTable)
    .set({ state: 'closed', ...(a.lastError !== undefined && { lastError: a.lastError }), updatedAt: a.now })
    .where(and(eq(qbdSessionsTable.ticket, a.ticket), eq(qbdSessionsTable.state, 'open')))
    .returning();
  return row;
}

/** Closes every open session of a company and returns them (their in-flight jobs need settling). */
export async function closeOpenQbdSessions(db: Db, companyId: string, now: string): Promise<QbdSessionRow[]> {
  return db
    .update(qbdSessionsTable)
    .set({ state: 'closed', updatedAt: now, lastError: sql`COALESCE(${qbdSessionsTable.lastError}, 'Superseded by a newer Web Connector session.')` })
    .where(and(eq(qbdSessionsTable.companyId, companyId), eq(qbdSessionsTable.state, 'open')))
    .returning();
}

export async function latestQbdSession(db: Db, companyId: string): Promise<QbdSessionRow | undefined> {
  return db.select().from(qbdSessionsTable).where(eq(qbdSessionsTable.companyId, companyId)).orderBy(sql`${qbdSessionsTable.createdAt} DESC`).limit(1).get();
}
