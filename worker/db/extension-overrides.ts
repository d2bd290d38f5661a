import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from './client';
import { extensionOverridesTable } from './schema';

export type OverrideRow = typeof extensionOverridesTable.$inferSelect;

export async function insertOverride(db: Db, row: typeof extensionOverridesTable.$inferInsert): Promise<OverrideRow> {
  const [inserted] = await db.insert(extensionOverridesTable).values(row).returning();
  return inserted;
}

/** Newest first, cursor-paged by id, always scoped to one company. */
export async function listOverrides(db: Db, a: { companyId: string; beforeId?: number; limit: number }): Promise<OverrideRow[]> {
  return db
    .select()
    .from(extensionOverridesTable)
    .where(and(eq(extensionOverridesTable.companyId, a.companyId), a.beforeId === undefined ? undefined : lt(extensionOverridesTable.id, a.beforeId)))
    .orderBy(desc(extensionOverridesTable.id))
    .limit(a.limit)
    .all();
}
