import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { companiesTable } from './schema';

export type CompanyRow = typeof companiesTable.$inferSelect;

export async function insertCompany(db: Db, row: typeof companiesTable.$inferInsert): Promise<CompanyRow> {
  const [created] = await db.insert(companiesTable).values(row).returning();
  return created;
}

export async function findCompany(db: Db, id: string): Promise<CompanyRow | undefined> {
  return db.select().from(companiesTable).where(eq(companiesTable.id, id)).get();
}

export async function listCompanies(db: Db): Promise<CompanyRow[]> {
  return db.select().from(companiesTable).orderBy(companiesTable.createdAt).all();
}

export async function updateCompany(
  db: Db,
  id: string,
  patch: Partial<Pick<CompanyRow, 'name' | 'closingDate' | 'settings' | 'openInSharperUrlTemplate' | 'updatedAt'>>,
): Promise<CompanyRow | undefined> {
  const [row] = await db.update(companiesTable).set(patch).where(eq(companiesTable.id, id)).returning();
  return row;
}
