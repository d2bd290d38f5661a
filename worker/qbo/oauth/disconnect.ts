import type { RequestCtx } from '../../http/context';
import { findQboConnection, setQboConnectionStatus } from '../../db/qbo-connections';
import { notFound } from '../../shared/errors';
import { decryptToken } from '../crypto';
import { intuitClient } from './intuit';

/**
 * Revokes the grant at Intuit and forgets the tokens. The connection row stays (realm, history)
 * so reconnecting the same QuickBooks company keeps the id map meaningful.
 */
export async function disconnect({ ctx, companyId }: { ctx: RequestCtx; companyId: string }) {
  const row = await findQboConnection(ctx.db, companyId);
  if (!row || row.status === 'disconnected') throw notFound('QuickBooks Online connection');
  let revoked = false;
  if (row.refreshTokenEnc) {
    try {
      const refresh = await decryptToken(ctx.config.encryptionKey, row.refreshTokenEnc, companyId);
      await intuitClient(ctx.config, row.environment, ctx.config.qbo.redirectUri ?? 'http://localhost/').revoke({ refresh_token: refresh });
      revoked = true;
    } catch (error) {
      // The tokens are dropped either way; an unrevoked grant is only listed in QBO's Apps page.
      console.warn(`qbo: revoke failed for company ${companyId}`, error);
    }
  }
  await setQboConnectionStatus(ctx.db, { companyId, status: 'disconnected', message: 'Disconnected by an operator', now: ctx.now.toISOString(), clearTokens: true });
  return { companyId, realmId: row.realmId, status: 'disconnected' as const, revoked };
}
