import type { Db } from '../../db/client';
import { saveQboCompanyPrefs } from '../../db/qbo-company-prefs';
import type { QboConnectionRow } from '../../db/qbo-connections';
import type { QboApi } from '../api/client';
import { readCompanyPrefs } from './read-prefs';
import { PREFS_MAX_AGE_MS, type CompanyPrefs } from './tax-mode';

/**
 * The company's tax preferences for this run: the stored ones while fresh, else read again and
 * stored (also when `force`d: CDC saw Preferences change). Null when they were never read and QBO
 * did not answer now: the run must not guess how tax is sent.
 */
export async function currentCompanyPrefs(a: { db: Db; api: QboApi; conn: QboConnectionRow; nowMs: number; force?: boolean }): Promise<CompanyPrefs | null> {
  const { conn } = a;
  const known = conn.taxMode && conn.country !== null ? { country: conn.country, taxMode: conn.taxMode } : null;
  const readAt = conn.prefsReadAt ? Date.parse(conn.prefsReadAt) : NaN;
  if (known && !a.force && a.nowMs - readAt < PREFS_MAX_AGE_MS) return known;
  const read = await readCompanyPrefs(a.api);
  if (!read) return known;
  await saveQboCompanyPrefs(a.db, { companyId: conn.companyId, ...read, readAt: new Date(a.nowMs).toISOString() });
  return read;
}
