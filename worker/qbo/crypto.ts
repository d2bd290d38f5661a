/** Web Crypto helpers for the QBO path: tokens at rest, signed OAuth state, webhook signatures. */

const enc = new TextEncoder();
const dec = new TextDecoder();

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array {
  const raw = atob(text);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

export const toBase64Url = (bytes: Uint8Array) => toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
export const fromBase64Url = (text: string) => fromBase64(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));

/** Separate keys per purpose, derived from the one ENCRYPTION_KEY secret (HKDF), so a state signature can never be confused with a token ciphertext. */
async function deriveKey(secretB64: string, purpose: 'tokens' | 'state'): Promise<CryptoKey> {
  const master = await crypto.subtle.importKey('raw', fromBase64(secretB64), 'HKDF', false, ['deriveKey']);
  const params = { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: enc.encode(`sharper-qbo-${purpose}`) };
  return purpose === 'tokens'
    ? crypto.subtle.deriveKey(params, master, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
    : crypto.subtle.deriveKey(params, master, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign', 'verify']);
}

/** AES-GCM with the company id as associated data: a ciphertext copied to another company's row does not decrypt. */
export async function encryptToken(secretB64: string, plaintext: string, companyId: string): Promise<string> {
  const key = await deriveKey(secretB64, 'tokens');
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: enc.encode(companyId) }, key, enc.encode(plaintext));
  return `v1.${toBase64(iv)}.${toBase64(new Uint8Array(ct))}`;
}

export async function decryptToken(secretB64: string, stored: string, companyId: string): Promise<string> {
  const [version, iv, ct] = stored.split('.');
  if (version !== 'v1' || !iv || !ct) throw new Error('token ciphertext has an unknown format');
  const key = await deriveKey(secretB64, 'tokens');
  const pt = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(iv), additionalData: enc.encode(companyId) }, key, fromBase64(ct));
  return dec.decode(pt);
}

export async function signState(secretB64: string, payload: string): Promise<string> {
  const key = await deriveKey(secretB64, 'state');
  return toBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(payload))));
}

/** HMAC verify is constant-time in Web Crypto. */
export async function verifyState(secretB64: string, payload: string, signature: string): Promise<boolean> {
  let sig: Uint8Array;
  try {
    sig = fromBase64Url(signature);
  } catch {
    return false;
  }
  const key = await deriveKey(secretB64, 'state');
  return crypto.subtle.verify('HMAC', key, sig, enc.encode(payload));
}
