import { err, ok, type Result } from '../../shared/result';
import { fromBase64Url, signState, toBase64Url, verifyState } from '../crypto';

export const STATE_TTL_MS = 10 * 60_000;

export interface StatePayload {
  /** Nonce, stored so the state is single-use. */
  n: string;
  /** Company id. */
  c: string;
  e: 'sandbox' | 'production';
  /** Expiry, epoch ms. */
  x: number;
}

export type StateError = { reason: 'malformed' } | { reason: 'bad_signature' } | { reason: 'expired' };

export async function encodeState(secret: string, payload: StatePayload): Promise<string> {
  const body = toBase64Url(new TextEncoder().encode(JSON.stringify(payload)));
  return `${body}.${await signState(secret, body)}`;
}

/** Checks format, signature and expiry; single use is checked against D1 by the caller. */
export async function decodeState(secret: string, state: string, nowMs: number): Promise<Result<StatePayload, StateError>> {
  const parts = state.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1] || state.length > 1000) return err({ reason: 'malformed' });
  if (!(await verifyState(secret, parts[0], parts[1]))) return err({ reason: 'bad_signature' });
  let payload: StatePayload;
  try {
    payload = JSON.parse(new TextDecoder().decode(fromBase64Url(parts[0])));
  } catch {
    return err({ reason: 'malformed' });
  }
  if (typeof payload?.n !== 'string' || typeof payload.c !== 'string' || typeof payload.x !== 'number' || !['sandbox', 'production'].includes(payload.e)) {
    return err({ reason: 'malformed' });
  }
  if (payload.x <= nowMs) return err({ reason: 'expired' });
  return ok(payload);
}
