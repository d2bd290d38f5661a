import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { findQboConnection } from '../../db/qbo-connections';
import { saveQboCompanyPrefs, saveQboLimiterWindow } from '../../db/qbo-company-prefs';
import { addQboUsage } from '../../db/qbo-usage';
import { realmApi } from '../realm-api';
import { readCompanyPrefs } from './read-prefs';
import type { CompanyPrefs } from './tax-mode';

/**
 * Reads the just-connected company's country and sales-tax setting (two metered reads) and keeps
 * them, so the first sync already knows how to send tax and a company outside the US can be
 * refused at once. Null when QBO did not answer: the first run reads them instead.
 */
export async function readPrefsAtConnect(a: { db: Db; config: Config; companyId: string; now: Date }): Promise<CompanyPrefs | null> {
  const conn = await findQboConnection(a.db, a.companyId);
  if (!conn) return null;
  const api = realmApi({ db: a.db, config: a.config, conn, options: { maxRetries: 1 } });
  const prefs = await readCompanyPrefs(api).catch((error) => {
    console.warn(`qbo: could not read the preferences of company ${a.companyId} at connect`, error);
    return null;
  });
  await addQboUsage(a.db, a.companyId, a.now.toISOString().slice(0, 7), api.usage);
  await saveQboLimiterWindow(a.db, { companyId: a.companyId, limiterWindow: JSON.stringify(api.limiter.window()) });
  if (prefs) await saveQboCompanyPrefs(a.db, { companyId: a.companyId, ...prefs, readAt: a.now.toISOString() });
  return prefs;
}
