import type { QboApi } from '../api/client';
import { companyPrefsOf, type CompanyPrefs } from './tax-mode';

/**
 * Reads the company's preferences and country (two metered reads). Null when QBO did not answer
 * both: the caller keeps what it knew and tries again next run.
 */
export async function readCompanyPrefs(api: QboApi): Promise<CompanyPrefs | null> {
  const prefs = await api.call({ method: 'GET', path: '/preferences', read: true });
  if (prefs.kind !== 'ok') return null;
  const info = await api.call({ method: 'GET', path: `/companyinfo/${api.options.realmId}`, read: true });
  if (info.kind !== 'ok') return null;
  return companyPrefsOf(prefs.json.Preferences, info.json.CompanyInfo);
}
