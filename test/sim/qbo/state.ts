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

/** Every QBO company created in the US after Nov 2017 has AST on (reference §4.10): so does a new realm. */
export const DEFAULT_AUTOMATED_SALES_TAX = true;

/**
 * Intuit publishes no retention window for requestids (reference §2.3), and a client library's
 * maintainer reports they do not work as advertised: a new realm remembers them only ten minutes
 * of its clock (a guess, kept short on purpose), so a replay an hour later runs the write again.
 */
export const DEFAULT_REQUEST_ID_MEMORY_MS: number | null = 10 * 60_000;

export function defaultSettings(): RealmSettings {
  return {
    companyName: 'Sandbox Company',
    closingDate: null,
    warnDuplicateDocNumber: true,
    warnDuplicateJournalNumber: false,
    customTxnNumbers: false,
    utcOffsetMinutes: -480,
    automatedSalesTax: DEFAULT_AUTOMATED_SALES_TAX,
    country: 'US',
    companyState: 'CA',
    requestIdMemoryMs: DEFAULT_REQUEST_ID_MEMORY_MS,
    replayFaultCode: null,
    limits: { requestsPerMinute: 500, requestsPerSecond: 10, batchesPerMinute: 40, concurrent: 10, batchItems: 30 },
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
    preferences: { syncToken: 0, updatedAtMs: now(state).getTime() },
  };
  if (!input.empty) seedRealm(realm, now(state));
  state.realms.set(id, realm);
  return realm;
}
