import { z } from 'zod';
import { accountingSystems, userRoles } from '../db/schema/enums';

/** Which of Sharper's accounts and items the targets use where a record does not say. */
export const companySettingsSchema = z
  .object({
    arAccount: z.string().min(1).max(64).optional(),
    undepositedFundsAccount: z.string().min(1).max(64).optional(),
    salesTaxPayableAccount: z.string().min(1).max(64).optional(),
    defaultIncomeAccount: z.string().min(1).max(64).optional(),
    tipItem: z.string().min(1).max(64).optional(),
    serviceFeeItem: z.string().min(1).max(64).optional(),
    /**
     * QuickBooks Online with automated sales tax: the QBO tax agency (its name) each of Sharper's
     * sales-tax items posts to, by the tax item's id. Unset → the agency named like the tax item's
     * own agency, else the company's first agency (qbo/sync/tax.ts).
     */
    qboTaxAgencies: z.record(z.string().min(1).max(64), z.string().trim().min(1).max(100)).optional(),
  })
  .strict();

const urlTemplate = z
  .string()
  .max(500)
  .refine((v) => /^https?:\/\//.test(v) && v.includes('{id}'), 'must be an http(s) URL containing {id} (and optionally {kind})');

export const createCompanySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    accountingSystem: z.enum(accountingSystems),
    closingDate: z.iso.date().nullable().optional(),
    settings: companySettingsSchema.default({}),
    openInSharperUrlTemplate: urlTemplate.optional(),
  })
  .strict();

export const updateCompanySettingsSchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    closingDate: z.iso.date().nullable().optional(),
    settings: companySettingsSchema.optional(),
    openInSharperUrlTemplate: urlTemplate.nullable().optional(),
  })
  .strict();

export const issueUserTokenSchema = z
  .object({ label: z.string().trim().min(1).max(100), role: z.enum(userRoles) })
  .strict();

export const issueMmsKeySchema = z.object({ label: z.string().trim().min(1).max(100).default('Sharper MMS') }).strict();

export type CreateCompanyInput = z.output<typeof createCompanySchema>;
export type UpdateCompanySettingsInput = z.output<typeof updateCompanySettingsSchema>;
export type IssueUserTokenInput = z.output<typeof issueUserTokenSchema>;
export type IssueMmsKeyInput = z.output<typeof issueMmsKeySchema>;
export type CompanySettings = z.output<typeof companySettingsSchema>;
