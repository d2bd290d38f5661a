import { Hono } from 'hono';
import { z } from 'zod';
import { completeConnect } from '../../qbo';
import type { AppEnv } from '../context';
import { documentRoute } from '../openapi-registry';
import { parseQuery } from '../validate';

// Loose on purpose: the verb checks each parameter and names the bad one.
const callbackQuery = z.object({ code: z.string().max(2000).optional(), state: z.string().max(2000).optional(), realmId: z.string().max(100).optional(), error: z.string().max(500).optional(), error_description: z.string().max(2000).optional() }).passthrough();

documentRoute({ method: 'get', path: '/v1/qbo/oauth/callback', summary: "Intuit's OAuth redirect: checks the state, exchanges the code, stores the realm and encrypted tokens", tag: 'QuickBooks Online', auth: 'none', query: callbackQuery, responses: { 200: { description: 'Connected' } } });

/** Routes Intuit calls (no Sharper credentials: the signed state or the webhook signature authenticates). */
export const qboPublicRoutes = new Hono<AppEnv>().get('/oauth/callback', async (c) => {
  const q = parseQuery(c, callbackQuery);
  return c.json(await completeConnect({ ctx: c.get('ctx'), input: q, origin: new URL(c.req.url).origin }));
});
