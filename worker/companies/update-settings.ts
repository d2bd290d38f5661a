import type { Db } from '../db/client';
import { updateCompany } from '../db/companies';
import { notFound } from '../shared/errors';
import type { UpdateCompanySettingsInput } from './schemas';
import { companyView, type CompanyView } from './view';

/** Operators change the closing date, mappings and the "Open in Sharper" link. */
export async function updateCompanySettings({
  ctx,
  companyId,
  input,
}: {
  ctx: { db: Db; now: Date };
  companyId: string;
  input: UpdateCompanySettingsInput;
}): Promise<CompanyView> {
  const row = await updateCompany(ctx.db, companyId, {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.closingDate !== undefined && { closingDate: input.closingDate }),
    ...(input.settings !== undefined && { settings: JSON.stringify(input.settings) }),
    ...(input.openInSharperUrlTemplate !== undefined && { openInSharperUrlTemplate: input.openInSharperUrlTemplate }),
    updatedAt: ctx.now.toISOString(),
  });
  if (!row) throw notFound(`Company ${companyId}`);
  return companyView(row);
}
