import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from './client';
import { qbdConnectionsTable } from './schema';

export type QbdConnectionRow = typeof qbdConnectionsTable.$inferSelect;

export async function findQbdConnection(db: Db, companyId: string): Promise<QbdConnectionRow | undefined> {
  return db.select().from(qbdConnectionsTable).where(eq(qbdConnectionsTable.companyId, companyId)).get();
}

export async function findQbdConnectionByUsername(db: Db, username: string): Promise<QbdConnectionRow | undefined> {
  return db.select().from(qbdConnectionsTable).where(eq(qbdConnectionsTable.username, username)).get();
}

/** Sets (or replaces) the password; a new password also clears any lock-out. */
export async function upsertQbdPassword(
  db: Db,
  a: { companyId: string; username: string; passwordHash: string; fileId: string; now: string },
): Promise<QbdConnectionRow> {
  const [row] = await db
    .insert(qbdConnectionsTable)
    .values({ companyId: a.companyId, username: a.username, passwordHash: a.passwordHash, fileId: a.fileId, createdAt: a.now, updatedAt: a.now })
    .onConflictDoUpdate({
      target: qbdConnectionsTable.companyId,
      set: { passwordHash: a.passwordHash, failedLogins: 0, lockedUntil: null, updatedAt: a.now },
    })
    .returning();
  return row;
}

/** Counts a wrong password atomically and returns the new count. */
export async function recordQbdLoginFailure(db: Db, companyId: string, now: string): Promise<number> {
  const [row] = await db
    .update(qbdConnectionsTable)
    .set({ failedLogins: sql`${qbdConnectionsTable.failedLogins} + 1`, updatedAt: now })
    .where(eq(qbdConnectionsTable.companyId, companyId))
    .returning({ failedLogins: qbdConnectionsTable.failedLogins });
  return row?.failedLogins ?? 0;
}

export async function lockQbdLogin(db: Db, companyId: string, until: number): Promise<void> {
  await db.update(qbdConnectionsTable).set({ lockedUntil: until }).where(eq(qbdConnectionsTable.companyId, companyId));
}

export async function recordQbdLoginSuccess(db: Db, companyId: string, now: string): Promise<void> {
  await db
    .update(qbdConnectionsTable)
    .set({ failedLogins: 0, lockedUntil: null, lastSessionAt: now, updatedAt: now })
    .where(eq(qbdConnectionsTable.companyId, companyId));
}

/** Binds the company file once: only the first session's report is kept (a conditional UPDATE). */
export async function bindQbdCompanyFile(db: Db, a: { companyId: string; filePath: string; companyName: string | null; now: string }): Promise<void> {
  await db
    .update(qbdConnectionsTable)
    .set({ boundFilePath: a.filePath, boundCompanyName: a.companyName, boundAt: a.now, updatedAt: a.now })
    .where(and(eq(qbdConnectionsTable.companyId, a.companyId), isNull(qbdConnectionsTable.boundFilePath)));
}

/** Forgets the bound file, so the next session binds again (the operator moved the company file). */
export async function unbindQbdCompanyFile(db: Db, companyId: string, now: string): Promise<void> {
  await db
    .update(qbdConnectionsTable)
    .set({ boundFilePath: null, boundCompanyName: null, boundAt: null, updatedAt: now })
    .where(eq(qbdConnectionsTable.companyId, companyId));
}

export async function recordQbdSessionResult(db: Db, companyId: string, result: string, now: string): Promise<void> {
  await db.update(qbdConnectionsTable).set({ lastResult: result, updatedAt: now }).where(eq(qbdConnectionsTable.companyId, companyId));
}
