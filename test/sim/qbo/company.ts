import { formatQboTime } from './time';
import type { Realm, Rec, SimState } from './types';
import { emitChange } from './webhooks';

/** QBO answers Country in ISO alpha-3 on addresses since Oct 2025 (reference §4.1). */
const ALPHA3: Record<string, string> = { US: 'USA', CA: 'CAN', GB: 'GBR', AU: 'AUS', IN: 'IND', FR: 'FRA' };

export function companyInfo(realm: Realm): Rec {
  const s = realm.settings;
  return {
    CompanyName: s.companyName,
    LegalName: s.companyName,
    CompanyAddr: { Line1: '1 Harbor Way', CountrySubDivisionCode: s.companyState, Country: ALPHA3[s.country] ?? s.country },
    Country: s.country,
    SupportedLanguages: 'en',
    FiscalYearStartMonth: 'January',
    domain: 'QBO',
    sparse: false,
    Id: '1',
    SyncToken: '1',
  };
}

export function preferences(realm: Realm): Rec {
  const s = realm.settings;
  const updated = formatQboTime(new Date(realm.preferences.updatedAtMs), s.utcOffsetMinutes);
  return {
    AccountingInfoPrefs: { BookCloseDate: s.closingDate ?? undefined, TrackDepartments: false, ClassTrackingPerTxn: false },
    SalesFormsPrefs: { CustomTxnNumbers: s.customTxnNumbers, AllowDeposit: true, AllowDiscount: true },
    // PartnerTaxEnabled is how an app detects AST (minorversion >= 3, reference §4.10).
    TaxPrefs: { UsingSalesTax: true, PartnerTaxEnabled: s.automatedSalesTax },
    CurrencyPrefs: { MultiCurrencyEnabled: false, HomeCurrency: { value: 'USD' } },
    OtherPrefs: { NameValue: [{ Name: 'SalesFormsPrefs.WarnDuplicateDocNum', Value: String(s.warnDuplicateDocNumber) }] },
    domain: 'QBO',
    Id: '1',
    SyncToken: String(realm.preferences.syncToken),
    MetaData: { CreateTime: updated, LastUpdatedTime: updated },
  };
}

/** Settings that show in Preferences or change what they mean (country decides the tax model). */
const PREFERENCE_SETTINGS = ['automatedSalesTax', 'country', 'closingDate', 'customTxnNumbers', 'warnDuplicateDocNumber'] as const;

/**
 * A settings change that QBO would show as a Preferences change bumps its SyncToken and
 * LastUpdatedTime, so CDC (`entities=Preferences`) and auto webhooks see it like any entity.
 */
export function preferencesChanged(state: SimState, realm: Realm, before: Realm['settings'], nowMs: number): void {
  if (PREFERENCE_SETTINGS.every((k) => before[k] === realm.settings[k])) return;
  realm.preferences = { syncToken: realm.preferences.syncToken + 1, updatedAtMs: nowMs };
  emitChange(state, {
    realmId: realm.id,
    name: 'Preferences',
    id: '1',
    operation: 'Update',
    lastUpdated: formatQboTime(new Date(nowMs), realm.settings.utcOffsetMinutes),
  });
}
