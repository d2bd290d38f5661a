import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './processes';

/**
 * Makes sure .dev.vars (git-ignored) holds the Worker's secrets for local runs, generating
 * random ones on a fresh machine, and returns them.
 */
export function ensureDevVars(file = path.join(ROOT, '.dev.vars')): Record<string, string> {
  const vars: Record<string, string> = {};
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
      if (m) vars[m[1]] = m[2];
    }
  }
  let changed = false;
  if (!vars.ADMIN_TOKEN || vars.ADMIN_TOKEN.length < 16) {
    vars.ADMIN_TOKEN = `adm_${randomBytes(24).toString('base64url')}`;
    changed = true;
  }
  if (!vars.ENCRYPTION_KEY) {
    vars.ENCRYPTION_KEY = randomBytes(32).toString('base64');
    changed = true;
  }
  // The local demo talks to the QBO simulator, whose default OAuth client has this secret.
  if (!vars.QBO_CLIENT_SECRET) {
    vars.QBO_CLIENT_SECRET = 'sim-client-secret';
    changed = true;
  }
  if (!vars.QBO_WEBHOOK_VERIFIER) {
    vars.QBO_WEBHOOK_VERIFIER = randomBytes(24).toString('base64url');
    changed = true;
  }
  if (changed) {
    writeFileSync(file, `${Object.entries(vars).map(([k, v]) => `${k}=${v}`).join('\n')}\n`, { mode: 0o600 });
  }
  return vars;
}
