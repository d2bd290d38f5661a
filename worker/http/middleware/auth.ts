import type { MiddlewareHandler } from 'hono';
import { resolveCredential } from '../../companies';
import { findCompany } from '../../db/companies';
import type { UserRole } from '../../db/schema/enums';
import { sha256Hex } from '../../shared/canonical';
import { ServiceError } from '../../shared/errors';
import type { AppEnv } from '../context';

function bearer(header: string | undefined): string | null {
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m ? m[1] : null;
}

const unauthorized = () => new ServiceError('UNAUTHORIZED', 'Send a valid token as "Authorization: Bearer <token>"');

/** Hashing both sides first makes the comparison constant-time whatever the lengths. */
async function sameSecret(a: string, b: string): Promise<boolean> {
  const [ha, hb] = await Promise.all([sha256Hex(a), sha256Hex(b)]);
  let diff = 0;
  for (let i = 0; i < ha.length; i++) diff |= ha.charCodeAt(i) ^ hb.charCodeAt(i);
  return diff === 0;
}

export function requireAdmin(): MiddlewareHandler<AppEnv> {
  return async function requireAdmin(c, next) {
    const token = bearer(c.req.header('authorization'));
    if (!token || !(await sameSecret(token, c.get('ctx').config.adminToken))) throw unauthorized();
    c.set('principal', { kind: 'admin' });
    await next();
  };
}

export type Access = { mms?: boolean; user?: UserRole };

/**
 * Lets a company's own credentials in. Another company's credentials get the same 404 as a
 * company that does not exist, so nobody can learn which company ids are real.
 */
export function requireCompanyAccess(access: Access): MiddlewareHandler<AppEnv> {
  return async function requireCompanyAccess(c, next) {
    const token = bearer(c.req.header('authorization'));
    if (!token) throw unauthorized();
    const { db } = c.get('ctx');
    const principal = await resolveCredential(db, token);
    if (!principal) throw unauthorized();
    const companyId = c.req.param('companyId');
    const company = companyId === principal.companyId ? await findCompany(db, companyId) : undefined;
    if (!company) throw new ServiceError('NOT_FOUND', `Company ${companyId} not found`);
    if (principal.kind === 'mms_key' && !access.mms) {
      throw new ServiceError('FORBIDDEN', 'This route is for accountants\' user tokens, not the MMS API key');
    }
    if (principal.kind === 'user_token') {
      if (!access.user) throw new ServiceError('FORBIDDEN', 'This route is for Sharper\'s MMS API key, not user tokens');
      if (access.user === 'operator' && principal.role !== 'operator') {
        throw new ServiceError('FORBIDDEN', 'This action needs the operator role; your token is a viewer');
      }
    }
    c.set('principal', principal);
    c.set('company', company);
    await next();
  };
}

/** Any valid user token (for listing the companies it can see). */
export function requireUserToken(): MiddlewareHandler<AppEnv> {
  return async function requireUserToken(c, next) {
    const token = bearer(c.req.header('authorization'));
    const principal = token ? await resolveCredential(c.get('ctx').db, token) : null;
    if (!principal) throw unauthorized();
    c.set('principal', principal);
    await next();
  };
}
