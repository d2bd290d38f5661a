import { sql } from 'drizzle-orm';
import type { Db } from './client';

export interface UsageDelta {
  reads: number;
  writes: number;
  requests: number;
  throttled: number;
}

/** Adds one run's call counts to the company's month (one statement, no read first). */
export async function addQboUsage(db: Db, companyId: string, month: string, d: UsageDelta): Promise<void> {
  if (d.requests === 0 && d.throttled === 0) return;
  await db.run(sql`
    INSERT INTO qbo_usage (company_id, month, reads, writes, requests, throttled)
    VALUES (${companyId}, ${month}, ${d.reads}, ${d.writes}, ${d.requests}, ${d.throttled})
    ON CONFLICT (company_id, month) DO UPDATE SET reads = reads + excluded.reads, writes = writes + excluded.writes,
      requests = requests + excluded.requests, throttled = throttled + excluded.throttled`);
}

export async function findQboUsage(db: Db, companyId: string, month: string): Promise<UsageDelta> {
  const row = await db.get<UsageDelta>(sql`SELECT reads, writes, requests, throttled FROM qbo_usage WHERE company_id = ${companyId} AND month = ${month}`);
  return row ?? { reads: 0, writes: 0, requests: 0, throttled: 0 };
}
