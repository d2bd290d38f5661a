const encoder = new TextEncoder();

function base64Bytes(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length > 200) return null;
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/**
 * Checks `intuit-signature` = base64(HMAC-SHA256(raw body, verifier token)) (qbo-api.md §2.8).
 * WebCrypto's HMAC verify compares in constant time, unlike Intuit's own PHP sample (strcmp).
 */
export async function verifyIntuitSignature(body: ArrayBuffer, signature: string | undefined, verifier: string): Promise<boolean> {
  const given = signature ? base64Bytes(signature.trim()) : null;
  if (!given) return false;
  const key = await crypto.subtle.importKey('raw', encoder.encode(verifier), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  return crypto.subtle.verify('HMAC', key, given, body);
}

/** The signature Intuit would send for `body` (tests and the local demo). */
export async function signIntuitBody(body: string, verifier: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(verifier), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(body)));
  return btoa(String.fromCharCode(...mac));
}
