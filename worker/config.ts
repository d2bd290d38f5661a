import { z } from 'zod';

const envSchema = z.object({
  ADMIN_TOKEN: z.string().min(16, 'ADMIN_TOKEN must be at least 16 characters (set it with `wrangler secret put ADMIN_TOKEN`)'),
  ENVIRONMENT: z.string().default('production'),
  QBO_API_BASE: z.url().optional(),
});

export type Config = Readonly<{
  adminToken: string;
  environment: string;
  qboApiBase: string | undefined;
}>;

/** Parses the Worker's env once per invocation; a bad secret fails loudly here, not mid-request. */
export function loadConfig(env: Env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid Worker configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return Object.freeze({
    adminToken: parsed.data.ADMIN_TOKEN,
    environment: parsed.data.ENVIRONMENT,
    qboApiBase: parsed.data.QBO_API_BASE,
  });
}
