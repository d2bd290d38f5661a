import type { Principal } from '../companies';
import { findCompany, type CompanyRow } from '../db/companies';
import type { Db } from '../db/client';

/**
 * The companies a user token can see. Today a token belongs to one company; the extension and its
 * endpoints treat it as a list so a multi-company token changes only this function.
 */
export async function companiesOf(db: Db, principal: Principal): Promise<CompanyRow[]> {
  const company = await findCompany(db, principal.companyId);
  return company ? [company] : [];
}
