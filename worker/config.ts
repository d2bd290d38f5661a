import { z } from 'zod';

const base64Key = z
  .string()
  .refine((v) => {
    try {
      return atob(v).length === 32;
    } catch {
      return false;
    }
  }, 'ENCRYPTION_KEY must be base64 of 32 random bytes (`openssl rand -base64 32`)');

const envSchema = z.object({
  ADMIN_TOKEN: z.string().min(16, 'ADMIN_TOKEN must be at least 16 characters (set it with `wrangler secret put ADMIN_TOKEN`)'),
  ENVIRONMENT: z.string().default('production'),
  /** Only the test harness sets this (`--var TEST_SUPPORT:enabled`); never set it in a deployment. */
  TEST_SUPPORT: z.literal('enabled').optional(),
  QBO_API_BASE: z.url().optional(),
  ENCRYPTION_KEY: base64Key,
  QBO_CLIENT_ID: z.string().min(1).optional(),
  QBO_CLIENT_SECRET: z.string().min(1).optional(),
  QBO_REDIRECT_URI: z.url().optional(),
  QBO_OAUTH_BASE: z.url().optional(),
  QBO_WEBHOOK_VERIFIER: z.string().min(1).optional(),
  QBO_RUN_BUDGET_MS: z.coerce.number().int().positive().default(60_000),
  /** How long a claimed QBO job may go unanswered before the cron sweep returns it, in doubt. */
  QBO_LEASE_MS: z.coerce.number().int().positive().default(10 * 60_000),
  QBO_RETRY_BASE_MS: z.coerce.number().int().nonnegative().default(1_000),
  QBO_SYNC_NOW_MIN_INTERVAL_S: z.coerce.number().int().nonnegative().default(300),
  /** How long after a send its requestid is trusted for a replay; later, QBO is looked in first. */
  QBO_REPLAY_WINDOW_S: z.coerce.number().int().nonnegative().default(300),
});

export type Config = Readonly<{
  adminToken: string;
  environment: string;
  /** Test-only routes (seeding fake sync results) answer only when this is on. */
  testSupport: boolean;
  qboApiBase: string | undefined;
  encryptionKey: string;
  qbo: Readonly<{
    clientId: string | undefined;
    clientSecret: string | undefined;
    redirectUri: string | undefined;
    /** Overrides Intuit's OAuth hosts (the simulator in tests and the local demo). */
    oauthBase: string | undefined;
    webhookVerifier: string | undefined;
    runBudgetMs: number;
    leaseMs: number;
    retryBaseMs: number;
    syncNowMinIntervalMs: number;
    replayWindowMs: number;
  }>;
}>;

/** Parses the Worker's env once per invocation; a bad secret fails loudly here, not mid-request. */
export function loadConfig(env: Env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid Worker configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const d = parsed.data;
  return Object.freeze({
    adminToken: d.ADMIN_TOKEN,
    environment: d.ENVIRONMENT,
    testSupport: d.TEST_SUPPORT === 'enabled',
    qboApiBase: d.QBO_API_BASE,
    encryptionKey: d.ENCRYPTION_KEY,
    qbo: Object.freeze({
      clientId: d.QBO_CLIENT_ID,
      clientSecret: d.QBO_CLIENT_SECRET,
      redirectUri: d.QBO_REDIRECT_URI,
      oauthBase: d.QBO_OAUTH_BASE,
      webhookVerifier: d.QBO_WEBHOOK_VERIFIER,
      runBudgetMs: d.QBO_RUN_BUDGET_MS,
      leaseMs: d.QBO_LEASE_MS,
      retryBaseMs: d.QBO_RETRY_BASE_MS,
      syncNowMinIntervalMs: d.QBO_SYNC_NOW_MIN_INTERVAL_S * 1000,
      replayWindowMs: d.QBO_REPLAY_WINDOW_S * 1000,
    }),
  });
}
