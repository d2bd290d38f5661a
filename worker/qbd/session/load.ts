import type { Db } from '../../db/client';
import { findQbdSession, type QbdSessionRow } from '../../db/qbd-sessions';

/** The open, unexpired session behind a ticket, or null (stale, forged and closed tickets alike). */
export async function loadOpenSession(ctx: { db: Db; now: Date }, ticket: string): Promise<QbdSessionRow | null> {
  if (!/^[0-9a-f-]{36}$/.test(ticket)) return null;
  const session = await findQbdSession(ctx.db, ticket);
  if (!session || session.state !== 'open' || session.expiresAt < ctx.now.getTime()) return null;
  return session;
}

export const UNKNOWN_TICKET = 'This Web Connector session is unknown or has expired; run the update again.';
