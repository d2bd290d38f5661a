import type { RequestCtx } from '../../http/context';
import { insertOauthState } from '../../db/qbo-connections';
import type { QboEnvironment } from '../../db/schema/qbo-connections';
import { randomToken } from '../../shared/canonical';
import { QBO_SCOPE } from '../endpoints';
import { intuitClient } from './intuit';
import { encodeState, STATE_TTL_MS } from './state';

export const callbackPath = '/v1/qbo/oauth/callback';

export const redirectUriFor = (ctx: RequestCtx, origin: string) => ctx.config.qbo.redirectUri ?? `${origin}${callbackPath}`;

/** Builds Intuit's consent URL with a signed, single-use state that expires in 10 minutes. */
export async function startConnect({ ctx, companyId, environment, origin }: { ctx: RequestCtx; companyId: string; environment: QboEnvironment; origin: string }) {
  const client = intuitClient(ctx.config, environment, redirectUriFor(ctx, origin));
  const nonce = randomToken(18);
  const expiresAt = ctx.now.getTime() + STATE_TTL_MS;
  await insertOauthState(ctx.db, { nonce, companyId, expiresAt });
  const state = await encodeState(ctx.config.encryptionKey, { n: nonce, c: companyId, e: environment, x: expiresAt });
  return { authorizeUrl: client.authorizeUri({ scope: [QBO_SCOPE], state }), expiresAt: new Date(expiresAt).toISOString() };
}
