import type { Db } from '../../db/client';
import {
  findQbdConnectionByUsername,
  lockQbdLogin,
  recordQbdLoginFailure,
  recordQbdLoginSuccess,
} from '../../db/qbd-connections';
import { countPendingQbdRecon } from '../../db/qbd-recon-requests';
import { closeOpenQbdSessions, insertQbdSession } from '../../db/qbd-sessions';
import { countReadyJobs, releaseOrphanedClaims } from '../../queue';
import { DUMMY_HASH, verifyPassword } from '../password';
import { lockUntil } from '../throttle';
import { emptyInflight, readInflight, settleInDoubt } from './inflight';

/** authenticate's special answers (QBWC guide p.21); emitted lower-case. */
export const AUTH_INVALID_USER = 'nvu';
export const AUTH_NO_WORK = 'none';

/** A session lives this long after its last call (sliding), far above a QBWC call gap. */
export const SESSION_TTL_MS = 30 * 60_000;

export interface AuthAnswer {
  ticket: string;
  /** `nvu`, `none`, `""` (the open company file) or the path of the bound company file. */
  answer: string;
}

/**
 * Checks a Web Connector login. The username names exactly one company; a wrong password (or
 * a locked-out username) gets `nvu`. A good login first settles any session that ended without
 * its answers (those jobs become in doubt), then opens a new session if there is work.
 */
export async function authenticate({ ctx, username, password }: { ctx: { db: Db; now: Date }; username: string; password: string }): Promise<AuthAnswer> {
  const nowIso = ctx.now.toISOString();
  const nowMs = ctx.now.getTime();
  const denied = { ticket: '', answer: AUTH_INVALID_USER };
  const conn = username ? await findQbdConnectionByUsername(ctx.db, username) : undefined;
  if (!conn) {
    await verifyPassword(password, DUMMY_HASH); // same cost as a real check: usernames stay unguessable
    return denied;
  }
  if (conn.lockedUntil && conn.lockedUntil > nowMs) return denied;
  if (!(await verifyPassword(password, conn.passwordHash))) {
    const failures = await recordQbdLoginFailure(ctx.db, conn.companyId, nowIso);
    const until = lockUntil(failures, nowMs);
    if (until) await lockQbdLogin(ctx.db, conn.companyId, until);
    return denied;
  }
  await recordQbdLoginSuccess(ctx.db, conn.companyId, nowIso);
  for (const old of await closeOpenQbdSessions(ctx.db, conn.companyId, nowIso)) {
    await settleInDoubt(ctx, conn.companyId, readInflight(old.inflight), 'The Web Connector session ended before QuickBooks\' answer arrived; Sharper checks QuickBooks for it before sending it again.');
  }
  // Anything a finished conversation still held (claimed but never carried in a message) is
  // no one's now: back in doubt, so this session checks it in QuickBooks first.
  await releaseOrphanedClaims({ ctx, companyId: conn.companyId, target: 'qbd', message: 'An earlier Web Connector session ended while this was claimed; Sharper checks QuickBooks for it before sending it again.' });
  const ticket = crypto.randomUUID();
  const ready = (await countReadyJobs({ ctx, companyId: conn.companyId, target: 'qbd' })).ready;
  // Reconciliation figures someone asked for are work too: a session only for the report queries.
  if (ready === 0 && (await countPendingQbdRecon(ctx.db, conn.companyId, null)) === 0) return { ticket, answer: AUTH_NO_WORK };
  await insertQbdSession(ctx.db, {
    ticket,
    companyId: conn.companyId,
    state: 'open',
    awaiting: 'send',
    expiresAt: nowMs + SESSION_TTL_MS,
    inflight: JSON.stringify(emptyInflight()),
    createdAt: nowIso,
    updatedAt: nowIso,
  });
  return { ticket, answer: conn.boundFilePath ?? '' };
}
