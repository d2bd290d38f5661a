import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const qboConnectionStatuses = ['connected', 'reconnect_needed', 'disconnected'] as const;
export type QboConnectionStatus = (typeof qboConnectionStatuses)[number];

/**
 * `automated`: US Automated Sales Tax (PartnerTaxEnabled) — QBO computes tax unless TotalTax is sent.
 * `manual`: US sales tax set up by hand — Sharper's tax items become TaxService codes.
 * `unsupported`: outside the US — refused until tax codes are mapped.
 */
export const qboTaxModes = ['automated', 'manual', 'unsupported'] as const;
export type QboTaxMode = (typeof qboTaxModes)[number];

export const qboEnvironments = ['sandbox', 'production'] as const;
export type QboEnvironment = (typeof qboEnvironments)[number];

/**
 * One QuickBooks Online connection per company. Tokens are AES-GCM ciphertext (qbo/crypto.ts).
 * `token_version` and `refresh_lease_*` single-flight the refresh across invocations: D1 has no
 * transactions, so a conditional UPDATE is the lock.
 */
export const qboConnectionsTable = sqliteTable(
  'qbo_connections',
  {
    companyId: text('company_id').primaryKey(),
    realmId: text('realm_id').notNull(),
    environment: text('environment', { enum: qboEnvironments }).notNull(),
    status: text('status', { enum: qboConnectionStatuses }).notNull(),
    statusMessage: text('status_message'),
    accessTokenEnc: text('access_token_enc'),
    refreshTokenEnc: text('refresh_token_enc'),
    /** Epoch ms. */
    accessExpiresAt: integer('access_expires_at').notNull().default(0),
    refreshExpiresAt: integer('refresh_expires_at').notNull().default(0),
    tokenVersion: integer('token_version').notNull().default(0),
    refreshLeaseUntil: integer('refresh_lease_until').notNull().default(0),
    refreshLeaseToken: text('refresh_lease_token'),
    /** One sync run per company at a time (cron, a second cron, "sync now"). */
    syncLeaseUntil: integer('sync_lease_until').notNull().default(0),
    syncLeaseToken: text('sync_lease_token'),
    lastSyncStartedAt: integer('last_sync_started_at').notNull().default(0),
    lastSyncFinishedAt: text('last_sync_finished_at'),
    lastSyncSummary: text('last_sync_summary'),
    /** ISO time of the last CDC read; the next one asks for changes since then. */
    cdcSince: text('cdc_since'),
    /** JSON LimiterWindow: the last run's requests that still count against the realm's per-minute limits. */
    limiterWindow: text('limiter_window'),
    /** Epoch ms when Intuit forces a reconnect whatever the rolling window (5-year hard maximum); 0 = not reported. */
    refreshHardExpiresAt: integer('refresh_hard_expires_at').notNull().default(0),
    /** CompanyInfo.Country as QBO reports it (e.g. "US", "CA"); null until read. */
    country: text('country'),
    /** How the company taxes sales, read from Preferences.TaxPrefs: decides how tax is sent (qbo/tax-mode.ts). */
    taxMode: text('tax_mode', { enum: qboTaxModes }),
    /** ISO time the company's preferences were last read (re-read daily or when QBO reports a change). */
    prefsReadAt: text('prefs_read_at'),
    connectedAt: text('connected_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('qbo_connections_realm_idx').on(t.realmId)],
);
