import type { CompanyRow } from '../db/companies';
import type { CompanySettings } from './schemas';

/** The public shape of a company (never credentials). */
export function companyView(row: CompanyRow) {
  return {
    id: row.id,
    name: row.name,
    accountingSystem: row.accountingSystem,
    closingDate: row.closingDate,
    settings: JSON.parse(row.settings) as CompanySettings,
    openInSharperUrlTemplate: row.openInSharperUrlTemplate,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export type CompanyView = ReturnType<typeof companyView>;
