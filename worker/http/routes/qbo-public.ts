import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { completeConnect, receiveWebhook } from '../../qbo';
import type { AppEnv } from '../context';
import { documentRoute } from '../openapi-registry';
import { parseQuery } from '../validate';

// Loose on purpose: the verb checks each parameter and names the bad one.
const callbackQuery = z.object({ code: z.string().max(2000).optional(), state: z.string().max(2000).optional(), realmId: z.string().max(100).optional(), error: z.string().max(500).optional(), error_description: z.string().max(2000).optional() }).passthrough();

/** A delivery carries ids only (≤ 1,000 events); anything near this size is not from Intuit. */
export const MAX_WEBHOOK_BYTES = 256 * 1024;

documentRoute({ method: 'get', path: '/v1/qbo/oauth/callback', summary: "Intuit's OAuth redirect: checks the state, exchanges the code, stores the realm and encrypted tokens", tag: 'QuickBooks Online', auth: 'none', query: callbackQuery, responses: { 200: { description: 'Connected' } } });
documentRoute({
  method: 'post',
  path: '/v1/qbo/webhooks',
  summary: 'QBO webhook endpoint (CloudEvents or legacy eventNotifications), authenticated by intuit-signature; events are recorded and checked for drift by the next sync run',
  tag: 'QuickBooks Online',
  auth: 'none',
  responses: {
    200: { description: 'Recorded (events of realms not connected here are acknowledged and ignored)' },
    400: { description: 'Not a QBO notification' },
    401: { description: 'Missing or wrong intuit-signature' },
    413: { description: `Body larger than ${MAX_WEBHOOK_BYTES / 1024} KiB` },
  },
});

/** Routes Intuit calls (no Sharper credentials: the signed state or the webhook signature authenticates). */
export const qboPublicRoutes = new Hono<AppEnv>()
  .get('/oauth/callback', async (c) => {
    const q = parseQuery(c, callbackQuery);
    return c.json(await completeConnect({ ctx: c.get('ctx'), input: q, origin: new URL(c.req.url).origin }));
  })
  .post(
    '/webhooks',
    bodyLimit({
      maxSize: MAX_WEBHOOK_BYTES,
      onError: (c) => c.json({ error: { code: 'PAYLOAD_TOO_LARGE', message: `A QBO webhook body is at most ${MAX_WEBHOOK_BYTES / 1024} KiB` } }, 413),
    }),
    async (c) => c.json(await receiveWebhook({ ctx: c.get('ctx'), body: await c.req.arrayBuffer(), signature: c.req.header('intuit-signature') })),
  );
