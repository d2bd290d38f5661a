import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from './client';
import { credentialsTable } from './schema';

export type CredentialRow = typeof credentialsTable.$inferSelect;

export async function insertCredential(db: Db, row: typeof credentialsTable.$inferInsert): Promise<CredentialRow> {
  const [created] = await db.insert(credentialsTable).values(row).returning();
  return created;
}

export async function findActiveCredentialByHash(db: Db, tokenHash: string): Promise<CredentialRow | undefined> {
  return db
    .select()
    .from(credentialsTable)
    .where(and(eq(credentialsTable.tokenHash, tokenHash), isNull(credentialsTable.revokedAt)))
    .get();
}

export async function listCredentials(db: Db, companyId: string): Promise<CredentialRow[]> {
  return db.select().from(credentialsTable).where(eq(credentialsTable.companyId, companyId)).all();
}

export async function revokeCredential(db: Db, companyId: string, id: string, at: string): Promise<boolean> {
  const rows = await db
    .update(credentialsTable)
    .set({ revokedAt: at })
    .where(and(eq(credentialsTable.id, id), eq(credentialsTable.companyId, companyId), isNull(credentialsTable.revokedAt)))
    .returning({ id: credentialsTable.id });
  return rows.length > 0;
}
