import { astCode } from './entities/ast';
import { z } from 'zod';
import { preferencesChanged } from './company';
import type { OpContext } from './entities/common';
import { entityFromName } from './entities/registry';
import { createTaxService } from './entities/tax';
import { createEntity, updateEntity, userDelete as deleteAsUser, voidEntity } from './operations';
import { createRealm, emptyStats, now } from './state';
import { clone, deletedView, getStored, listAll } from './store';
import { companyDate } from './time';
import type { EntityName, Realm, RealmSettings, Rec, SimState } from './types';
import { type ChangeEvent, sendWebhook } from './webhooks';

export class SimControlError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export function realmOrThrow(state: SimState, realmId: string): Realm {
  const realm = state.realms.get(realmId);
  if (!realm) throw new SimControlError(404, `realm ${realmId} not found`);
  return realm;
}

function entityOrThrow(name: string): EntityName {
  const entity = entityFromName(name);
  if (!entity) throw new SimControlError(404, `unknown entity ${name}`);
  return entity;
}

function userContext(state: SimState, realm: Realm): OpContext {
  const t = now(state);
  return { state, realm, now: t, actor: 'user', include: new Set(), today: companyDate(t, realm.settings.utcOffsetMinutes) };
}

export const settingsPatchSchema = z
  .object({
    companyName: z.string(),
    closingDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    warnDuplicateDocNumber: z.boolean(),
    warnDuplicateJournalNumber: z.boolean(),
    customTxnNumbers: z.boolean(),
    utcOffsetMinutes: z.number().int(),
    automatedSalesTax: z.boolean(),
    country: z.string().regex(/^[A-Z]{2}$/),
    companyState: z.string().min(2),
    requestIdMemoryMs: z.number().int().min(0).nullable(),
    replayFaultCode: z.string().nullable(),
    limits: z
      .object({
        requestsPerMinute: z.number().int().min(1),
        requestsPerSecond: z.number().int().min(1),
        batchesPerMinute: z.number().int().min(1),
        concurrent: z.number().int().min(1),
        batchItems: z.number().int().min(1),
      })
      .partial(),
  })
  .partial();

export type RealmSettingsPatch = z.input<typeof settingsPatchSchema>;

export function updateRealmSettings(state: SimState, realmId: string, patch: RealmSettingsPatch): RealmSettings {
  const realm = realmOrThrow(state, realmId);
  const parsed = settingsPatchSchema.parse(patch);
  const before = realm.settings;
  realm.settings = { ...realm.settings, ...parsed, limits: { ...realm.settings.limits, ...parsed.limits } };
  preferencesChanged(state, realm, before, now(state).getTime());
  // Turning automated sales tax on is QBO's "Set up sales tax": the home state's agency exists from then.
  if (realm.settings.automatedSalesTax && !before.automatedSalesTax) astCode({ realm, now: now(state) }, realm.settings.companyState);
  return clone(realm.settings);
}

/** Back to a freshly seeded company; settings and OAuth grants survive. */
export function resetRealm(state: SimState, realmId: string): Realm {
  const old = realmOrThrow(state, realmId);
  return createRealm(state, { realmId, settings: old.settings });
}

export function resetSimulator(state: SimState): void {
  state.realms.clear();
  state.authCodes.clear();
  state.accessTokens.clear();
  state.refreshTokens.clear();
  state.revokedGrants.clear();
  state.faultRules = [];
  state.clockOffsetMs = 0;
  state.webhook = null;
  state.webhookDeliveries = [];
}

export function listEntities(state: SimState, realmId: string, entity: string, opts: { includeDeleted?: boolean } = {}): Rec[] {
  const realm = realmOrThrow(state, realmId);
  return listAll(realm, entityOrThrow(entity))
    .filter((s) => opts.includeDeleted || !s.deleted)
    .map((s) => (s.deleted ? deletedView(s) : clone(s.data)));
}

export function getEntity(state: SimState, realmId: string, entity: string, id: string): Rec | undefined {
  const s = getStored(realmOrThrow(state, realmId), entityOrThrow(entity), id);
  return s ? (s.deleted ? deletedView(s) : clone(s.data)) : undefined;
}

/** "A user in the QBO UI" creates something: full validation, no auth, limits or metering. */
export function userCreate(state: SimState, realmId: string, entity: string, body: Rec): Rec {
  const realm = realmOrThrow(state, realmId);
  return createEntity(userContext(state, realm), entityOrThrow(entity), body);
}

/** A user edit: sparse merge, SyncToken and LastUpdatedTime bump (so CDC sees it), no SyncToken check. */
export function userEdit(state: SimState, realmId: string, entity: string, id: string, patch: Rec): Rec {
  const realm = realmOrThrow(state, realmId);
  return updateEntity(userContext(state, realm), entityOrThrow(entity), { ...patch, Id: id, sparse: true });
}

export function userDelete(state: SimState, realmId: string, entity: string, id: string): Rec {
  const realm = realmOrThrow(state, realmId);
  return deleteAsUser(userContext(state, realm), entityOrThrow(entity), id);
}

export function userVoid(state: SimState, realmId: string, entity: string, id: string): Rec {
  const realm = realmOrThrow(state, realmId);
  const name = entityOrThrow(entity);
  return voidEntity(userContext(state, realm), name, { Id: id }, name === 'Invoice' ? 'operation' : 'include');
}

export function createTaxCode(state: SimState, realmId: string, body: Rec): Rec {
  const realm = realmOrThrow(state, realmId);
  return createTaxService(userContext(state, realm), body);
}

export function getStats(state: SimState, realmId: string): Rec {
  const realm = realmOrThrow(state, realmId);
  return { ...clone(realm.stats), inFlight: realm.inFlight, requestsLastMinute: realm.window.requests.length, oauth: { ...state.oauthStats } };
}

export function resetStats(state: SimState, realmId: string): void {
  const realm = realmOrThrow(state, realmId);
  realm.stats = emptyStats();
  realm.log = [];
  realm.window = { requests: [], batches: [] };
}

export function getRequestLog(state: SimState, realmId: string): Rec[] {
  return clone(realmOrThrow(state, realmId).log) as unknown as Rec[];
}

export const clockSchema = z.union([
  z.object({ offsetMs: z.number() }),
  z.object({ advanceMs: z.number() }),
  z.object({ now: z.string() }),
]);

/** Moves the sim clock: absolute offset, relative advance, or "pretend it is now X". */
export function setClock(state: SimState, input: z.input<typeof clockSchema>): { now: string; offsetMs: number } {
  const parsed = clockSchema.parse(input);
  if ('offsetMs' in parsed) state.clockOffsetMs = parsed.offsetMs;
  else if ('advanceMs' in parsed) state.clockOffsetMs += parsed.advanceMs;
  else {
    const target = Date.parse(parsed.now);
    if (Number.isNaN(target)) throw new SimControlError(400, `bad date ${parsed.now}`);
    state.clockOffsetMs = target - state.baseClock().getTime();
  }
  return { now: now(state).toISOString(), offsetMs: state.clockOffsetMs };
}

export function registerClient(state: SimState, input: { clientId: string; clientSecret: string }): void {
  state.clients.set(input.clientId, { clientId: input.clientId, clientSecret: input.clientSecret });
}

export const webhookConfigSchema = z.object({
  url: z.string().url(),
  verifierToken: z.string().min(1),
  format: z.enum(['legacy', 'cloudevents']).default('cloudevents'),
  auto: z.boolean().default(false),
});

export function configureWebhook(state: SimState, input: z.input<typeof webhookConfigSchema>): void {
  state.webhook = webhookConfigSchema.parse(input);
}

/** Sends a notification now for the given entities (default operation Update). */
export async function triggerWebhook(
  state: SimState,
  realmId: string,
  events: { name: string; id: string; operation?: ChangeEvent['operation'] }[],
): Promise<{ status: number | null; body: string }> {
  const realm = realmOrThrow(state, realmId);
  const full: ChangeEvent[] = events.map((e) => {
    // Preferences is one object per company, not a stored entity, yet QBO notifies its changes too.
    if (e.name === 'Preferences') return { realmId, name: 'Preferences', id: e.id, operation: e.operation ?? 'Update', lastUpdated: now(state).toISOString() };
    const name = entityOrThrow(e.name);
    const meta = (getStored(realm, name, e.id)?.data.MetaData ?? {}) as Rec;
    return { realmId, name, id: e.id, operation: e.operation ?? 'Update', lastUpdated: String(meta.LastUpdatedTime ?? now(state).toISOString()) };
  });
  return sendWebhook(state, full);
}
