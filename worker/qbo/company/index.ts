export { readPrefsAtConnect } from './check-at-connect';
export { currentCompanyPrefs } from './current-prefs';
export { readCompanyPrefs } from './read-prefs';
export { companyPrefsOf, isUs, PREFS_MAX_AGE_MS, unsupportedCountryMessage, type CompanyPrefs } from './tax-mode';
