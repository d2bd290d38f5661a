import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { chunk } from './chunks';
import type { Db } from './client';
import { qboWebhookEventsTable } from './schema/qbo-webhook-events';

export type WebhookEventRow = typeof qboWebhookEventsTable.$inferSelect;
export type WebhookEventInsert = typeof qboWebhookEventsTable.$inferInsert;

/** Records notifications; one Intuit retries is the same row. Returns how many were new. */
export async function insertWebhookEvents(db: Db, rows: WebhookEventInsert[]): Promise<number> {
  let inserted = 0;
  for (const part of chunk(rows, 10)) {
    const res = await db.insert(qboWebhookEventsTable).values(part).onConflictDoNothing().returning({ id: qboWebhookEventsTable.id });
    inserted += res.length;
  }
  return inserted;
}

export async function pendingWebhookEvents(db: Db, companyId: string, limit: number): Promise<WebhookEventRow[]> {
  return db.select().from(qboWebhookEventsTable).where(eq(qboWebhookEventsTable.companyId, companyId)).orderBy(asc(qboWebhookEventsTable.id)).limit(limit).all();
}

export async function deleteWebhookEvents(db: Db, companyId: string, ids: number[]): Promise<void> {
  for (const part of chunk(ids, 90)) {
    await db.delete(qboWebhookEventsTable).where(and(eq(qboWebhookEventsTable.companyId, companyId), inArray(qboWebhookEventsTable.id, part)));
  }
}

export async function countWebhookEvents(db: Db, companyId: string): Promise<number> {
  const row = await db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM qbo_webhook_events WHERE company_id = ${companyId}`);
  return Number(row?.n ?? 0);
}
