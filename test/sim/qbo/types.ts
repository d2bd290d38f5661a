/** Shared shapes of the QBO simulator's in-memory state. */

/** A QBO entity as it travels on the wire: free-form JSON with PascalCase keys. */
export type Rec = Record<string, unknown>;

export const ENTITY_NAMES = [
  'Customer',
  'Vendor',
  'Employee',
  'Item',
  'Account',
  'Term',
  'TaxCode',
  'TaxRate',
  'TaxAgency',
  'Invoice',
  'Payment',
  'CreditMemo',
  'RefundReceipt',
  'SalesReceipt',
  'JournalEntry',
] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

/** One stored entity; deleted ones stay as tombstones so CDC can report them. */
export interface StoredEntity {
  name: EntityName;
  data: Rec;
  deleted: boolean;
  /** Voided transactions keep their lines with zero amounts, as in QBO. */
  voided: boolean;
  /** Millisecond-precision change time; MetaData on the wire has whole seconds like QBO. */
  updatedAtMs: number;
}

export interface RealmLimits {
  requestsPerMinute: number;
  /** Intuit: "10 requests per second per realm and app" (reference §2.9). */
  requestsPerSecond: number;
  batchesPerMinute: number;
  concurrent: number;
  batchItems: number;
}

export interface RealmSettings {
  companyName: string;
  /** Books closed on and before this date (YYYY-MM-DD); null = open. */
  closingDate: string | null;
  /** "Warn if duplicate invoice number is used" → fault 6140 on sales forms. */
  warnDuplicateDocNumber: boolean;
  warnDuplicateJournalNumber: boolean;
  /** Custom transaction numbers off → QBO numbers sales forms itself when DocNumber is omitted. */
  customTxnNumbers: boolean;
  /** Fixed offset used for MetaData times and "today"; QBO reports in the company's zone. */
  utcOffsetMinutes: number;
  /** US automated sales tax: QBO picks the tax code and computes tax itself (reference §4.10). */
  automatedSalesTax: boolean;
  /** CompanyInfo.Country, ISO alpha-2 like QBO ("US", "CA", "GB"); non-US realms use real TaxCode ids on lines. */
  country: string;
  /** Company address state, AST's fallback ship-to (and ship-from). */
  companyState: string;
  /** How long a requestid is remembered on the sim clock; null = forever. */
  requestIdMemoryMs: number | null;
  /** When set, a remembered batch requestid is answered with this fault code instead of the original answer. */
  replayFaultCode: string | null;
  limits: RealmLimits;
}

export interface RealmStats {
  requests: number;
  reads: number;
  meteredReads: number;
  writes: number;
  batches: number;
  batchItems: number;
  throttled: number;
  injectedFaults: number;
  errors: number;
  idempotentReplays: number;
  byEndpoint: Record<string, number>;
}

export interface RequestLogEntry {
  at: string;
  method: string;
  path: string;
  query: string;
  status: number;
  operation: string;
  entity: string | null;
  requestId: string | null;
}

export interface CachedResponse {
  status: number;
  body: unknown;
  /** Sim-clock time of the first answer, for requestIdMemoryMs. */
  atMs: number;
}

export interface Realm {
  id: string;
  settings: RealmSettings;
  entities: Map<EntityName, Map<string, StoredEntity>>;
  nextId: number;
  requestIds: Map<string, CachedResponse>;
  stats: RealmStats;
  log: RequestLogEntry[];
  /** Accepted request times (ms, sim clock) inside the last minute, for the 500/min, 10/s and 40/min windows. */
  window: { requests: number[]; batches: number[] };
  inFlight: number;
  /** Preferences is a CDC entity of its own; it changes when tax or company settings change. */
  preferences: { syncToken: number; updatedAtMs: number };
}

export interface FaultMatch {
  realmId?: string;
  method?: string;
  /** Substring of the request path. */
  path?: string;
  entity?: string;
  operation?: string;
  bId?: string;
}

export type FaultAction =
  | { kind: 'http'; status: number; format?: 'json' | 'xml' }
  | { kind: 'hang'; ms: number; after?: boolean }
  | { kind: 'lost-response'; mode: 'abort' | '502' }
  | { kind: 'token-expired' }
  /** After the write commits, QBO holds and answers other figures (test instrument, amend.ts). */
  | { kind: 'amend'; entity: string; set: Record<string, unknown> }
  | { kind: 'fault'; code: string; status?: number; message?: string; detail?: string; type?: string };

export interface FaultRule {
  id: string;
  match: FaultMatch;
  action: FaultAction;
  remaining: number;
}

export interface OAuthClientReg {
  clientId: string;
  clientSecret: string;
}

export interface AccessTokenRec {
  realmId: string;
  clientId: string;
  grantId: string;
  expiresAtMs: number;
}

export interface RefreshTokenRec {
  realmId: string;
  clientId: string;
  grantId: string;
  expiresAtMs: number;
  hardExpiresAtMs: number;
}

export interface AuthCodeRec {
  realmId: string;
  clientId: string;
  redirectUri: string;
  expiresAtMs: number;
}

export interface WebhookConfig {
  url: string;
  verifierToken: string;
  format: 'legacy' | 'cloudevents';
  /** Send on every change instead of only on demand. */
  auto: boolean;
}

export interface SimState {
  baseClock: () => Date;
  clockOffsetMs: number;
  realms: Map<string, Realm>;
  nextRealmId: number;
  clients: Map<string, OAuthClientReg>;
  authCodes: Map<string, AuthCodeRec>;
  accessTokens: Map<string, AccessTokenRec>;
  refreshTokens: Map<string, RefreshTokenRec>;
  revokedGrants: Set<string>;
  faultRules: FaultRule[];
  nextFaultId: number;
  webhook: WebhookConfig | null;
  webhookDeliveries: { url: string; status: number | null; body: string; error?: string }[];
  oauthStats: { authorizations: number; tokenCalls: number; refreshes: number; invalidGrants: number; revokes: number };
}
