import type { Db } from '../db/client';
import { insertCompany } from '../db/companies';
import { randomToken } from '../shared/canonical';
import type { CreateCompanyInput } from './schemas';
import { companyView, type CompanyView } from './view';

export async function createCompany({ ctx, input }: { ctx: { db: Db; now: Date }; input: CreateCompanyInput }): Promise<CompanyView> {
  const now = ctx.now.toISOString();
  const row = await insertCompany(ctx.db, {
    id: `cmp_${randomToken(9)}`,
    name: input.name,
    accountingSystem: input.accountingSystem,
    closingDate: input.closingDate ?? null,
    settings: JSON.stringify(input.settings),
    openInSharperUrlTemplate: input.openInSharperUrlTemplate ?? null,
    createdAt: now,
    updatedAt: now,
  });
  return companyView(row);
}
