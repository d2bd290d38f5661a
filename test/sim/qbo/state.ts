import { seedRealm } from './seed';
import type { Realm, RealmSettings, RealmStats, SimState } from './types';

export const DEFAULT_CLIENT = { clientId: 'sim-client-id', clientSecret: 'sim-client-secret' } as const;

export function createSimState(clock: () => Date = () => new Date()): SimState {
  return {
    baseClock: clock,
    clockOffsetMs: 0,
    realms: new Map(),
    nextRealmId: 9130350000000001,
    clients: new Map([[DEFAULT_CLIENT.clientId, { ...DEFAULT_CLIENT }]]),
    authCodes: new Map(),
    accessTokens: new Map(),
    refreshTokens: new Map(),
    revokedGrants: new Set(),
    faultRules: [],
    nextFaultId: 1,
    webhook: null,
    webhookDeliveries: [],
    oauthStats: { authorizations: 0, tokenCalls: 0, refreshes: 0, invalidGrants: 0, revokes: 0 },
  };
}

/** The simulator's now: the injected clock plus the offset the control API can move. */
export function now(state: SimState): Date {
  return new Date(state.baseClock().getTime() + state.clockOffsetMs);
}

export function defaultSettings(): RealmSettings {
  return {
    companyName: 'Sandbox Company',
    closingDate: null,
    warnDuplicateDocNumber: true,
    warnDuplicateJournalNumber: false,
    customTxnNumbers: false,
    utcOffsetMinutes: -480,
    limits: { requestsPerMinute: 500, batchesPerMinute: 40, concurrent: 10, batchItems: 30 },
  };
}

export function emptyStats(): RealmStats {
  return {
    requests: 0,
    reads: 0,
    meteredReads: 0,
    writes: 0,
    batches: 0,
    batchItems: 0,
    throttled: 0,
    injectedFaults: 0,
    errors: 0,
    idempotentReplays: 0,
    byEndpoint: {},
  };
}

export interface CreateRealmInput {
  realmId?: string;
  settings?: Partial<RealmSettings>;
  /** Skip the sandbox-like chart of accounts, terms and "Services" item. */
  empty?: boolean;
}

/** Creates (or replaces) a realm, seeded like a fresh QBO company. */
export function createRealm(state: SimState, input: CreateRealmInput = {}): Realm {
  const id = input.realmId ?? String(state.nextRealmId++);
  const base = defaultSettings();
  const realm: Realm = {
    id,
    settings: { ...base, ...input.settings, limits: { ...base.limits, ...input.settings?.limits } },
    entities: new Map(),
    nextId: 1,
    requestIds: new Map(),
    stats: emptyStats(),
    log: [],
    window: { requests: [], batches: [] },
    inFlight: 0,
  };
  if (!input.empty) seedRealm(realm, now(state));
  state.realms.set(id, realm);
  return realm;
}
