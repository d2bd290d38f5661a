import type { QboTaxMode } from '../../db/schema/qbo-connections';

export interface CompanyPrefs {
  /** CompanyInfo.Country, upper-case ("US", "CA", …); "" when QBO did not say. */
  country: string;
  taxMode: QboTaxMode;
}

/** QBO reports the US as "US" on CompanyInfo and "USA" (ISO alpha-3) on addresses since Oct 2025 (qbo-api.md §4.1). */
const US = new Set(['US', 'USA', 'UNITED STATES']);

export const isUs = (country: string) => US.has(country.trim().toUpperCase());

/**
 * How the company taxes sales, from `GET /preferences` and `GET /companyinfo` (pure).
 * A company that does not say where it is counts as the US: QBO's US edition is the one that
 * omits nothing here, and every other edition reports its country (guess, see README).
 * `PartnerTaxEnabled` is Automated Sales Tax, on for every US company created since Nov 2017 (§4.10).
 */
export function companyPrefsOf(preferences: Record<string, any> | undefined, companyInfo: Record<string, any> | undefined): CompanyPrefs {
  const country = String(companyInfo?.Country ?? companyInfo?.CompanyAddr?.Country ?? '').trim().toUpperCase();
  if (country && !isUs(country)) return { country, taxMode: 'unsupported' };
  return { country: country || 'US', taxMode: preferences?.TaxPrefs?.PartnerTaxEnabled === true ? 'automated' : 'manual' };
}

/** Why a company outside the US is refused, in words for its bookkeeper. */
export const unsupportedCountryMessage = (country: string) =>
  `This QuickBooks Online company is in ${country}. Sharper Sync sends sales tax the way US companies keep it (Sharper's tax amount on each document, lines marked taxable or not); ` +
  `QuickBooks Online outside the US needs its own tax code on every line, which Sharper Sync does not map yet. Nothing was sent. Connect a US company, or keep this company's books in QuickBooks Desktop.`;

/** How long the company's tax preferences are trusted before they are read again. */
export const PREFS_MAX_AGE_MS = 24 * 3600_000;
