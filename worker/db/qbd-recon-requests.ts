import { and, desc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from './client';
import { qbdReconRequestsTable as t } from './schema';

export type QbdReconRow = typeof t.$inferSelect;

export async function findQbdReconRequest(db: Db, companyId: string, asOf: string): Promise<QbdReconRow | undefined> {
  return db.select().from(t).where(and(eq(t.companyId, companyId), eq(t.asOf, asOf))).get();
}

/** Records the request once: asking again for the same date changes nothing (insert or ignore). */
export async function insertQbdReconRequest(db: Db, a: { companyId: string; asOf: string; yearStart: string; now: string }): Promise<void> {
  await db
    .insert(t)
    .values({ companyId: a.companyId, asOf: a.asOf, yearStart: a.yearStart, state: 'requested', requestedAt: a.now, updatedAt: a.now })
    .onConflictDoNothing();
}

/** Asks again for figures already fetched (or refused); a request still waiting is left as it is. */
export async function renewQbdReconRequest(db: Db, a: { companyId: string; asOf: string; now: string }): Promise<void> {
  await db
    .update(t)
    .set({ state: 'requested', requestedAt: a.now, sentAt: null, sentTicket: null, error: null, updatedAt: a.now })
    .where(and(eq(t.companyId, a.companyId), eq(t.asOf, a.asOf), inArray(t.state, ['fetched', 'failed'])));
}

/**
 * Requests a session should carry: never sent, or sent by another (ended) session whose answer
 * never came. A session that already sent one does not send it again.
 */
function pendingFor(companyId: string, ticket: string | null) {
  const resend = ticket === null ? eq(t.state, 'sent') : and(eq(t.state, 'sent'), or(isNull(t.sentTicket), ne(t.sentTicket, ticket)));
  return and(eq(t.companyId, companyId), or(eq(t.state, 'requested'), resend));
}

export async function countPendingQbdRecon(db: Db, companyId: string, ticket: string | null): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(t).where(pendingFor(companyId, ticket));
  return Number(row?.n ?? 0);
}

/** Claims up to `limit` pending requests for the session (one conditional UPDATE … RETURNING). */
export async function claimQbdReconRequests(db: Db, a: { companyId: string; ticket: string; limit: number; now: string }): Promise<QbdReconRow[]> {
  const ids = db.select({ asOf: t.asOf }).from(t).where(pendingFor(a.companyId, a.ticket)).orderBy(t.asOf).limit(a.limit);
  return db
    .update(t)
    .set({ state: 'sent', sentAt: a.now, sentTicket: a.ticket, updatedAt: a.now })
    .where(and(pendingFor(a.companyId, a.ticket), inArray(t.asOf, ids)))
    .returning();
}

/** Stores QuickBooks' answer for a request this session sent (a late answer from an older session is ignored). */
export async function storeQbdReconSnapshot(db: Db, a: { companyId: string; asOf: string; ticket: string; snapshot: string; readRequests: number; now: string }): Promise<boolean> {
  const rows = await db
    .update(t)
    .set({ state: 'fetched', snapshot: a.snapshot, readRequests: a.readRequests, fetchedAt: a.now, error: null, updatedAt: a.now })
    .where(and(eq(t.companyId, a.companyId), eq(t.asOf, a.asOf), eq(t.state, 'sent'), eq(t.sentTicket, a.ticket)))
    .returning({ asOf: t.asOf });
  return rows.length === 1;
}

export async function failQbdReconRequest(db: Db, a: { companyId: string; asOf: string; ticket: string; error: string; now: string }): Promise<void> {
  await db
    .update(t)
    .set({ state: 'failed', error: a.error, updatedAt: a.now })
    .where(and(eq(t.companyId, a.companyId), eq(t.asOf, a.asOf), eq(t.state, 'sent'), eq(t.sentTicket, a.ticket)));
}

/** The requests a session answered, fetched or refused (for its closing summary). */
export async function qbdReconAnsweredIn(db: Db, companyId: string, ticket: string): Promise<Pick<QbdReconRow, 'asOf' | 'state' | 'readRequests' | 'error'>[]> {
  return db
    .select({ asOf: t.asOf, state: t.state, readRequests: t.readRequests, error: t.error })
    .from(t)
    .where(and(eq(t.companyId, companyId), eq(t.sentTicket, ticket), inArray(t.state, ['fetched', 'failed'])))
    .orderBy(t.asOf);
}

/** The company's latest requests, newest first, without their snapshots (for the status panel). */
export async function listQbdReconRequests(db: Db, companyId: string, limit: number) {
  return db
    .select({ asOf: t.asOf, state: t.state, requestedAt: t.requestedAt, sentAt: t.sentAt, fetchedAt: t.fetchedAt, readRequests: t.readRequests, error: t.error })
    .from(t)
    .where(eq(t.companyId, companyId))
    .orderBy(desc(t.updatedAt))
    .limit(limit);
}
