import { sql } from 'drizzle-orm';
import type { Db } from './client';

/**
 * When the Web Connector last talked to us for this company. Read by SQL here (not through
 * worker/qbd/) so the extension's summary does not reach into the QBD path's internals.
 */
export async function findLastWebConnectorContact(db: Db, companyId: string): Promise<{ lastSessionAt: string | null; lastResult: string | null } | undefined> {
  const row = await db.get<{ last_session_at: string | null; last_result: string | null }>(
    sql`SELECT last_session_at, last_result FROM qbd_connections WHERE company_id = ${companyId}`,
  );
  return row ? { lastSessionAt: row.last_session_at, lastResult: row.last_result } : undefined;
}
