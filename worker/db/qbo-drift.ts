import { sql } from 'drizzle-orm';
import type { Db } from './client';

export async function countOpenDrift(db: Db, companyId: string): Promise<number> {
  const row = await db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM qbo_drift WHERE company_id = ${companyId} AND status = 'open'`);
  return Number(row?.n ?? 0);
}
