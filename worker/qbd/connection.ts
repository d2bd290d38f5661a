import { z } from 'zod';
import type { Db } from '../db/client';
import { findQbdConnection, unbindQbdCompanyFile, upsertQbdPassword } from '../db/qbd-connections';
import { listQbdReconRequests } from '../db/qbd-recon-requests';
import { latestQbdSession } from '../db/qbd-sessions';
import { ServiceError } from '../shared/errors';
import { hashPassword } from './password';
import { buildQwc, newFileId } from './qwc';

export const setQbdPasswordSchema = z
  .object({ password: z.string().min(12, 'must be at least 12 characters').max(128) })
  .strict();

export const qwcQuerySchema = z
  .object({ everyMinutes: z.coerce.number().int().min(1).max(1440).optional() })
  .strict();

/** The Web Connector username of a company: derived from its id, so it names exactly one company. */
export const qbdUsername = (companyId: string) => `sharper-${companyId}`;

/** Sets (or replaces) the Web Connector password; the password is only ever stored hashed. */
export async function setQbdPassword({ ctx, companyId, password }: { ctx: { db: Db; now: Date }; companyId: string; password: string }) {
  const existing = await findQbdConnection(ctx.db, companyId);
  const row = await upsertQbdPassword(ctx.db, {
    companyId,
    username: qbdUsername(companyId),
    passwordHash: await hashPassword(password),
    fileId: existing?.fileId ?? newFileId(),
    now: ctx.now.toISOString(),
  });
  return { userName: row.username, passwordSet: true, updatedAt: row.updatedAt };
}

async function requireConnection(db: Db, companyId: string) {
  const conn = await findQbdConnection(db, companyId);
  if (!conn) throw new ServiceError('NOT_FOUND', 'No Web Connector password is set for this company yet; set one first (PUT …/qbd/password)');
  return conn;
}

/** The company's .qwc file for "Add an application" in the Web Connector. */
export async function companyQwc({ ctx, companyId, companyName, origin, everyMinutes }: { ctx: { db: Db }; companyId: string; companyName: string; origin: string; everyMinutes?: number }) {
  const conn = await requireConnection(ctx.db, companyId);
  return buildQwc({ origin, companyName, userName: conn.username, fileId: conn.fileId, everyMinutes });
}

/**
 * What an operator sees: is a password set, which company file is bound, how the last run went, and
 * the latest reconciliation figures asked of QuickBooks (when they were requested and fetched).
 */
export async function qbdConnectionStatus({ ctx, companyId }: { ctx: { db: Db }; companyId: string }) {
  const conn = await findQbdConnection(ctx.db, companyId);
  if (!conn) return { passwordSet: false, userName: qbdUsername(companyId), companyFile: null, lastSession: null, reconciliation: [] };
  const [last, reconciliation] = await Promise.all([latestQbdSession(ctx.db, companyId), listQbdReconRequests(ctx.db, companyId, 5)]);
  return {
    passwordSet: true,
    userName: conn.username,
    loginLocked: conn.lockedUntil !== null && conn.lockedUntil > Date.now(),
    companyFile: conn.boundFilePath ? { path: conn.boundFilePath, companyName: conn.boundCompanyName, boundAt: conn.boundAt } : null,
    lastResult: conn.lastResult,
    lastSession: last
      ? { startedAt: last.createdAt, lastCallAt: last.updatedAt, state: last.state, qbxmlVersion: last.qbxmlVersion, recordsHandled: last.workDone, roundTrips: last.roundTrips, lastError: last.lastError }
      : null,
    reconciliation,
  };
}

/** Forgets the bound company file (after the marina moved or renamed it); the next run binds again. */
export async function unbindQbdFile({ ctx, companyId }: { ctx: { db: Db; now: Date }; companyId: string }) {
  await requireConnection(ctx.db, companyId);
  await unbindQbdCompanyFile(ctx.db, companyId, ctx.now.toISOString());
  return qbdConnectionStatus({ ctx, companyId });
}
