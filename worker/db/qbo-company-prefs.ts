import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { qboConnectionsTable } from './schema';
import type { QboTaxMode } from './schema/qbo-connections';

/** Keeps what QBO said about the company's country and sales tax, and when it was read. */
export async function saveQboCompanyPrefs(db: Db, a: { companyId: string; country: string; taxMode: QboTaxMode; readAt: string }): Promise<void> {
  await db
    .update(qboConnectionsTable)
    .set({ country: a.country, taxMode: a.taxMode, prefsReadAt: a.readAt, updatedAt: a.readAt })
    .where(eq(qboConnectionsTable.companyId, a.companyId));
}

/**
 * Keeps the requests a call outside the sync run made (at connect, a report) in the window the
 * next run's limiter starts from, so together they stay under the realm's per-second limit.
 */
export async function saveQboLimiterWindow(db: Db, a: { companyId: string; limiterWindow: string }): Promise<void> {
  await db.update(qboConnectionsTable).set({ limiterWindow: a.limiterWindow }).where(eq(qboConnectionsTable.companyId, a.companyId));
}
