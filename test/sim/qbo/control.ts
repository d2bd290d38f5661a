import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  configureWebhook,
  createTaxCode,
  getEntity,
  getRequestLog,
  getStats,
  listEntities,
  realmOrThrow,
  registerClient,
  resetRealm,
  resetSimulator,
  resetStats,
  setClock,
  SimControlError,
  triggerWebhook,
  updateRealmSettings,
  userCreate,
  userDelete,
  userEdit,
  userVoid,
  settingsPatchSchema,
} from './control-ops';
import { isRec } from './entities/common';
import { scheduleFault } from './fault-rules';
import { faultBody, QboFault } from './faults';
import { sendJson } from './http';
import { expireAccessTokens } from './oauth';
import { createRealm, now } from './state';
import type { RealmSettings, Rec, SimState } from './types';

const createRealmSchema = z.object({
  realmId: z.string().optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
  empty: z.boolean().optional(),
});
const clientSchema = z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1) });
const eventsSchema = z.object({
  events: z.array(
    z.object({ name: z.string(), id: z.string(), operation: z.enum(['Create', 'Update', 'Delete', 'Void', 'Merge', 'Emailed']).optional() }),
  ),
});

interface Route {
  method: string;
  pattern: RegExp;
  run: (state: SimState, m: string[], body: unknown, q: URLSearchParams) => unknown;
}

function obj(body: unknown): Rec {
  if (!isRec(body)) throw new SimControlError(400, 'JSON object body required');
  return body;
}

const routes: Route[] = [
  { method: 'GET', pattern: /^\/health$/, run: (s) => ({ ok: true, now: now(s).toISOString() }) },
  { method: 'POST', pattern: /^\/reset$/, run: (s) => (resetSimulator(s), { ok: true }) },
  { method: 'GET', pattern: /^\/realms$/, run: (s) => ({ realms: [...s.realms.keys()] }) },
  {
    method: 'POST',
    pattern: /^\/realms$/,
    run: (s, _m, b) => {
      const input = createRealmSchema.parse(b ?? {});
      // Settings that shape the seed (automated sales tax, the company's state) apply before it.
      const settings = input.settings ? settingsPatchSchema.parse(input.settings) : undefined;
      const realm = createRealm(s, { realmId: input.realmId, empty: input.empty, settings: settings as Partial<RealmSettings> | undefined });
      return { realmId: realm.id, settings: realm.settings };
    },
  },
  { method: 'GET', pattern: /^\/realms\/([^/]+)$/, run: (s, m) => ({ realmId: m[1], settings: realmOrThrow(s, m[1]).settings }) },
  { method: 'DELETE', pattern: /^\/realms\/([^/]+)$/, run: (s, m) => (realmOrThrow(s, m[1]), s.realms.delete(m[1]), { ok: true }) },
  { method: 'POST', pattern: /^\/realms\/([^/]+)\/reset$/, run: (s, m) => ({ realmId: resetRealm(s, m[1]).id }) },
  { method: 'GET', pattern: /^\/realms\/([^/]+)\/settings$/, run: (s, m) => realmOrThrow(s, m[1]).settings },
  { method: 'PATCH', pattern: /^\/realms\/([^/]+)\/settings$/, run: (s, m, b) => updateRealmSettings(s, m[1], obj(b)) },
  { method: 'POST', pattern: /^\/realms\/([^/]+)\/settings$/, run: (s, m, b) => updateRealmSettings(s, m[1], obj(b)) },
  { method: 'POST', pattern: /^\/realms\/([^/]+)\/taxcodes$/, run: (s, m, b) => createTaxCode(s, m[1], obj(b)) },
  {
    method: 'GET',
    pattern: /^\/realms\/([^/]+)\/entities\/([^/]+)$/,
    run: (s, m, _b, q) => ({ [m[2]]: listEntities(s, m[1], m[2], { includeDeleted: q.get('includeDeleted') === '1' }) }),
  },
  { method: 'POST', pattern: /^\/realms\/([^/]+)\/entities\/([^/]+)$/, run: (s, m, b) => ({ [m[2]]: userCreate(s, m[1], m[2], obj(b)) }) },
  {
    method: 'GET',
    pattern: /^\/realms\/([^/]+)\/entities\/([^/]+)\/([^/]+)$/,
    run: (s, m) => {
      const e = getEntity(s, m[1], m[2], m[3]);
      if (!e) throw new SimControlError(404, `${m[2]} ${m[3]} not found`);
      return { [m[2]]: e };
    },
  },
  { method: 'PATCH', pattern: /^\/realms\/([^/]+)\/entities\/([^/]+)\/([^/]+)$/, run: (s, m, b) => ({ [m[2]]: userEdit(s, m[1], m[2], m[3], obj(b)) }) },
  { method: 'DELETE', pattern: /^\/realms\/([^/]+)\/entities\/([^/]+)\/([^/]+)$/, run: (s, m) => ({ [m[2]]: userDelete(s, m[1], m[2], m[3]) }) },
  { method: 'POST', pattern: /^\/realms\/([^/]+)\/entities\/([^/]+)\/([^/]+)\/void$/, run: (s, m) => ({ [m[2]]: userVoid(s, m[1], m[2], m[3]) }) },
  { method: 'GET', pattern: /^\/realms\/([^/]+)\/stats$/, run: (s, m) => getStats(s, m[1]) },
  { method: 'POST', pattern: /^\/realms\/([^/]+)\/stats\/reset$/, run: (s, m) => (resetStats(s, m[1]), { ok: true }) },
  { method: 'GET', pattern: /^\/realms\/([^/]+)\/requests$/, run: (s, m) => ({ requests: getRequestLog(s, m[1]) }) },
  { method: 'POST', pattern: /^\/realms\/([^/]+)\/tokens\/expire$/, run: (s, m) => ({ expired: expireAccessTokens(s, realmOrThrow(s, m[1]).id) }) },
  { method: 'POST', pattern: /^\/tokens\/expire$/, run: (s) => ({ expired: expireAccessTokens(s) }) },
  { method: 'GET', pattern: /^\/faults$/, run: (s) => ({ faults: s.faultRules }) },
  {
    method: 'POST',
    pattern: /^\/faults$/,
    run: (s, _m, b) => {
      try {
        return scheduleFault(s, obj(b) as Parameters<typeof scheduleFault>[1]);
      } catch (err) {
        if (err instanceof z.ZodError) throw err;
        throw new SimControlError(400, err instanceof Error ? err.message : String(err));
      }
    },
  },
  { method: 'DELETE', pattern: /^\/faults$/, run: (s) => ((s.faultRules = []), { ok: true }) },
  { method: 'DELETE', pattern: /^\/faults\/([^/]+)$/, run: (s, m) => ((s.faultRules = s.faultRules.filter((r) => r.id !== m[1])), { ok: true }) },
  { method: 'GET', pattern: /^\/clock$/, run: (s) => ({ now: now(s).toISOString(), offsetMs: s.clockOffsetMs }) },
  { method: 'POST', pattern: /^\/clock$/, run: (s, _m, b) => setClock(s, obj(b) as Parameters<typeof setClock>[1]) },
  { method: 'POST', pattern: /^\/clients$/, run: (s, _m, b) => (registerClient(s, clientSchema.parse(b)), { ok: true }) },
  { method: 'POST', pattern: /^\/webhooks$/, run: (s, _m, b) => (configureWebhook(s, obj(b) as Parameters<typeof configureWebhook>[1]), { ok: true }) },
  { method: 'GET', pattern: /^\/webhooks$/, run: (s) => ({ config: s.webhook, deliveries: s.webhookDeliveries }) },
  { method: 'POST', pattern: /^\/realms\/([^/]+)\/webhooks\/send$/, run: (s, m, b) => triggerWebhook(s, m[1], eventsSchema.parse(b).events) },
];

/** /__sim/* — JSON in and out, no auth (the server only answers it on loopback). */
export async function handleControl(state: SimState, method: string, subPath: string, q: URLSearchParams, raw: string, res: ServerResponse): Promise<void> {
  try {
    const body: unknown = raw ? JSON.parse(raw) : undefined;
    for (const route of routes) {
      if (route.method !== method) continue;
      const m = route.pattern.exec(subPath);
      if (!m) continue;
      const result = await route.run(state, m.map((x) => decodeURIComponent(x)), body, q);
      return sendJson(res, 200, result ?? { ok: true });
    }
    sendJson(res, 404, { error: 'not_found', path: subPath });
  } catch (err) {
    if (err instanceof QboFault) return sendJson(res, err.status, faultBody(err, now(state).toISOString()));
    if (err instanceof SimControlError) return sendJson(res, err.status, { error: err.message });
    if (err instanceof z.ZodError) return sendJson(res, 400, { error: 'invalid_request', issues: err.issues });
    if (err instanceof SyntaxError) return sendJson(res, 400, { error: `bad JSON: ${err.message}` });
    console.error('[qbo-sim] control error', err);
    sendJson(res, 500, { error: err instanceof Error ? err.message : String(err) });
  }
}
