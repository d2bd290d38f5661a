import type { Db } from '../db/client';
import { findActiveCredentialByHash, insertCredential, listCredentials, revokeCredential } from '../db/credentials';
import type { UserRole } from '../db/schema/enums';
import { randomToken, sha256Hex } from '../shared/canonical';
import { notFound } from '../shared/errors';

const PREFIX = { mms_key: 'shp_mms_', user_token: 'shp_usr_' } as const;

export interface Principal {
  kind: 'mms_key' | 'user_token';
  credentialId: string;
  companyId: string;
  role: UserRole | null;
  label: string;
}

/** Issues a secret, keeping only its SHA-256; the secret is shown to the caller once. */
export async function issueCredential({
  ctx,
  companyId,
  kind,
  label,
  role,
}: {
  ctx: { db: Db; now: Date };
  companyId: string;
  kind: 'mms_key' | 'user_token';
  label: string;
  role?: UserRole;
}) {
  const secret = `${PREFIX[kind]}${randomToken(32)}`;
  const row = await insertCredential(ctx.db, {
    id: `cred_${randomToken(9)}`,
    companyId,
    kind,
    role: kind === 'user_token' ? (role ?? 'viewer') : null,
    label,
    tokenHash: await sha256Hex(secret),
    createdAt: ctx.now.toISOString(),
  });
  return { id: row.id, kind: row.kind, role: row.role, label: row.label, createdAt: row.createdAt, secret };
}

/** Finds who a bearer secret belongs to; tokens are random 256-bit values, so a plain hash suffices. */
export async function resolveCredential(db: Db, secret: string): Promise<Principal | null> {
  if (!secret.startsWith(PREFIX.mms_key) && !secret.startsWith(PREFIX.user_token)) return null;
  const row = await findActiveCredentialByHash(db, await sha256Hex(secret));
  if (!row) return null;
  return { kind: row.kind, credentialId: row.id, companyId: row.companyId, role: row.role, label: row.label };
}

export async function listCompanyCredentials(db: Db, companyId: string) {
  const rows = await listCredentials(db, companyId);
  return rows.map((r) => ({ id: r.id, kind: r.kind, role: r.role, label: r.label, createdAt: r.createdAt, revokedAt: r.revokedAt }));
}

export async function revokeCompanyCredential({ ctx, companyId, credentialId }: { ctx: { db: Db; now: Date }; companyId: string; credentialId: string }) {
  const done = await revokeCredential(ctx.db, companyId, credentialId, ctx.now.toISOString());
  if (!done) throw notFound(`Credential ${credentialId}`);
}
