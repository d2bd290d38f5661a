import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from '../http/context';

/**
 * Extension ids allowed to call /v1/extension from a browser. The first is the unpacked build's
 * id, fixed by the manifest `key` in extension/package.json; add the Chrome Web Store id here
 * when the extension is published (the store assigns its own).
 */
export const EXTENSION_IDS = ['mkhkcpgojemlkmnbipngabkflabmckii'] as const;
const ALLOWED_ORIGINS = new Set(EXTENSION_IDS.map((id) => `chrome-extension://${id}`));

/** CORS for the extension's background worker only; web pages (QBO included) get no CORS grant. */
export function extensionCors(): MiddlewareHandler<AppEnv> {
  return cors({
    origin: (origin) => (ALLOWED_ORIGINS.has(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['authorization', 'content-type'],
    maxAge: 600,
  });
}
