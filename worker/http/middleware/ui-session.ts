import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { resolveCredential } from '../../companies';
import { findCompany } from '../../db/companies';
import type { AppEnv } from '../context';

export const SESSION_COOKIE = 'sharper_session';

/**
 * The Accounting Sync page signs in with a user token kept in an HttpOnly, SameSite=Strict cookie.
 * Anything else (no cookie, a revoked token, an MMS key) goes back to the sign-in form.
 */
export function requireUiSession(): MiddlewareHandler<AppEnv> {
  return async function requireUiSession(c, next) {
    const token = getCookie(c, SESSION_COOKIE);
    const { db } = c.get('ctx');
    const principal = token ? await resolveCredential(db, token) : null;
    const company = principal?.kind === 'user_token' ? await findCompany(db, principal.companyId) : undefined;
    if (!principal || !company) return c.redirect('/app/sign-in', 303);
    c.set('principal', principal);
    c.set('company', company);
    await next();
  };
}

/** Form posts must come from our own pages (the SameSite cookie is the first guard, this the second). */
export function requireSameOrigin(): MiddlewareHandler<AppEnv> {
  return async function requireSameOrigin(c, next) {
    if (c.req.method === 'POST') {
      const origin = c.req.header('origin');
      const site = c.req.header('sec-fetch-site');
      if ((origin && origin !== new URL(c.req.url).origin) || (site && site !== 'same-origin' && site !== 'none')) {
        return c.text('This form must be sent from the Accounting Sync page itself.', 403);
      }
    }
    await next();
  };
}
