export { createCompany } from './create';
export { updateCompanySettings } from './update-settings';
export { issueCredential, resolveCredential, listCompanyCredentials, revokeCompanyCredential, type Principal } from './credentials';
export { companyView, type CompanyView } from './view';
export {
  createCompanySchema,
  updateCompanySettingsSchema,
  issueUserTokenSchema,
  issueMmsKeySchema,
  companySettingsSchema,
  type CompanySettings,
} from './schemas';
