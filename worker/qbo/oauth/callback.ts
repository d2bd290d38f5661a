import type { RequestCtx } from '../../http/context';
import { consumeOauthState, findQboConnectionByRealm, setQboConnectionStatus, upsertQboConnection } from '../../db/qbo-connections';
import { readPrefsAtConnect, unsupportedCountryMessage } from '../company';
import { disconnect } from './disconnect';
import { ServiceError } from '../../shared/errors';
import { encryptToken } from '../crypto';
import { intuitClient, oauthErrorCode, tokenSetFrom } from './intuit';
import { redirectUriFor } from './start';
import { decodeState } from './state';

export interface CallbackInput {
  code?: string;
  state?: string;
  realmId?: string;
  error?: string;
}

const REALM = /^\d{1,32}$/;
const CODE = /^[A-Za-z0-9._~-]{1,512}$/;

/**
 * Intuit's redirect back: verifies the state (signature, expiry, single use), exchanges the
 * code, and stores the realm and encrypted tokens. Anything malformed is refused before any
 * call to Intuit, and nothing is stored unless the exchange succeeded.
 */
export async function completeConnect({ ctx, input, origin }: { ctx: RequestCtx; input: CallbackInput; origin: string }) {
  if (!input.state) throw new ServiceError('BAD_REQUEST', 'The callback has no state parameter', { field: 'state' });
  const decoded = await decodeState(ctx.config.encryptionKey, input.state, ctx.now.getTime());
  if (!decoded.ok) {
    const why = { malformed: 'is malformed', bad_signature: 'has a bad signature (forged or from another deployment)', expired: 'has expired; start connecting again' }[decoded.error.reason];
    throw new ServiceError(decoded.error.reason === 'expired' ? 'BAD_REQUEST' : 'FORBIDDEN', `The OAuth state ${why}`, { field: 'state' });
  }
  const { n: nonce, c: companyId, e: environment } = decoded.value;
  if (input.error) {
    await consumeOauthState(ctx.db, { nonce, companyId, nowMs: ctx.now.getTime(), now: ctx.now.toISOString() });
    throw new ServiceError('BAD_REQUEST', `QuickBooks did not grant access: ${input.error.slice(0, 100)}`, { field: 'error' });
  }
  if (!input.code || !CODE.test(input.code)) throw new ServiceError('VALIDATION_FAILED', 'The callback code parameter is missing or malformed', { field: 'code' });
  if (!input.realmId || !REALM.test(input.realmId)) throw new ServiceError('VALIDATION_FAILED', 'The callback realmId parameter is missing or not a QuickBooks company id', { field: 'realmId' });
  if (!(await consumeOauthState(ctx.db, { nonce, companyId, nowMs: ctx.now.getTime(), now: ctx.now.toISOString() }))) {
    throw new ServiceError('FORBIDDEN', 'The OAuth state was already used or is unknown; start connecting again', { field: 'state' });
  }
  const other = await findQboConnectionByRealm(ctx.db, input.realmId);
  if (other && other.companyId !== companyId) {
    throw new ServiceError('CONFLICT', `QuickBooks company ${input.realmId} is already connected to another Sharper company`, { field: 'realmId' });
  }
  const client = intuitClient(ctx.config, environment, redirectUriFor(ctx, origin));
  let json: Record<string, unknown>;
  try {
    const params = new URLSearchParams({ code: input.code, state: input.state, realmId: input.realmId });
    json = (await client.createToken(`${redirectUriFor(ctx, origin)}?${params}`)).getJson() as Record<string, unknown>;
  } catch (error) {
    throw new ServiceError('BAD_REQUEST', `Intuit refused the authorization code (${oauthErrorCode(error) ?? 'token exchange failed'}); start connecting again`, { cause: error });
  }
  const set = tokenSetFrom(json, ctx.now.getTime());
  const key = ctx.config.encryptionKey;
  await upsertQboConnection(ctx.db, {
    companyId,
    realmId: input.realmId,
    environment,
    status: 'connected',
    accessTokenEnc: await encryptToken(key, set.accessToken, companyId),
    refreshTokenEnc: await encryptToken(key, set.refreshToken, companyId),
    accessExpiresAt: set.accessExpiresAt,
    refreshExpiresAt: set.refreshExpiresAt,
    refreshHardExpiresAt: set.refreshHardExpiresAt,
    connectedAt: ctx.now.toISOString(),
    updatedAt: ctx.now.toISOString(),
  });
  // A company outside the US is refused now, before anything is sent with US tax rules.
  const prefs = await readPrefsAtConnect({ db: ctx.db, config: ctx.config, companyId, now: ctx.now });
  if (prefs?.taxMode === 'unsupported') {
    await disconnect({ ctx, companyId });
    await setQboConnectionStatus(ctx.db, { companyId, status: 'disconnected', message: unsupportedCountryMessage(prefs.country), now: ctx.now.toISOString() });
    throw new ServiceError('UNSUPPORTED_OPERATION', unsupportedCountryMessage(prefs.country), { field: 'realmId' });
  }
  return { companyId, realmId: input.realmId, environment, status: 'connected' as const, country: prefs?.country ?? null, taxMode: prefs?.taxMode ?? null };
}
