import { z } from 'zod';
import { accountSubtypeOf, accountSubtypesByType, accountTypes } from './account-subtypes';
import { amount, decimal, isoDate, money, percent, shortText, sourceId } from './fields';

const address = z
  .object({
    line1: z.string().max(41).optional(),
    line2: z.string().max(41).optional(),
    city: z.string().max(31).optional(),
    state: z.string().max(21).optional(),
    postalCode: z.string().max(13).optional(),
    country: z.string().max(31).optional(),
  })
  .strict();

export const customerSchema = z
  .object({
    name: shortText(41),
    companyName: z.string().max(41).optional(),
    firstName: z.string().max(25).optional(),
    lastName: z.string().max(25).optional(),
    email: z.email().optional(),
    phone: z.string().max(21).optional(),
    billingAddress: address.optional(),
    taxable: z.boolean().default(true),
    taxItem: sourceId.optional(),
    terms: sourceId.optional(),
    active: z.boolean().default(true),
  })
  .strict();

export const itemTypes = ['service', 'inventory', 'non_inventory'] as const;

export const itemSchema = z
  .object({
    name: shortText(31),
    type: z.enum(itemTypes),
    description: z.string().max(4095).optional(),
    price: amount,
    incomeAccount: sourceId,
    cogsAccount: sourceId.optional(),
    assetAccount: sourceId.optional(),
    taxable: z.boolean().default(true),
    active: z.boolean().default(true),
  })
  .strict()
  .superRefine((item, ctx) => {
    if (item.type !== 'inventory') return;
    for (const field of ['cogsAccount', 'assetAccount'] as const) {
      if (!item[field]) ctx.addIssue({ code: 'custom', path: [field], message: 'is required for an inventory item' });
    }
  });

export const salesTaxItemSchema = z
  .object({
    name: shortText(31),
    rate: percent,
    agency: shortText(41),
    description: z.string().max(4095).optional(),
    active: z.boolean().default(true),
  })
  .strict();

const accountFields = z
  .object({
    number: z.string().max(7).optional(),
    name: shortText(31),
    type: z.enum(accountTypes),
    /** A detail type of `type` (see account-subtypes.ts); stored in its one spelling. */
    subType: z.string().trim().max(50).optional(),
    parent: sourceId.optional(),
    description: z.string().max(200).optional(),
    active: z.boolean().default(true),
  })
  .strict();

export const accountSchema = accountFields.transform((account, ctx): z.output<typeof accountFields> => {
  // A blank subtype is the same as none: the sync picks the type's usual one.
  if (!account.subType) return { ...account, subType: undefined };
  const subType = accountSubtypeOf(account.type, account.subType);
  if (subType) return { ...account, subType };
  const allowed = accountSubtypesByType[account.type];
  ctx.addIssue({
    code: 'custom',
    path: ['subType'],
    message: `"${account.subType}" is not a subtype of a ${account.type} account; use one of: ${allowed.join(', ')}`,
    params: { allowed },
  });
  return z.NEVER;
});

export const termsSchema = z
  .object({
    name: shortText(31),
    netDays: z.int().min(0).max(999),
    discountPercent: percent.optional(),
    discountDays: z.int().min(0).max(999).optional(),
    active: z.boolean().default(true),
  })
  .strict();

const salesLine = z
  .object({
    item: sourceId,
    description: z.string().max(4095).optional(),
    quantity: decimal.optional(),
    rate: decimal.optional(),
    amount: money,
    taxable: z.boolean().optional(),
    /** A prorated slip month: the part of the period this line bills. */
    servicePeriod: z.object({ start: isoDate, end: isoDate }).strict().optional(),
  })
  .strict();

const application = z.object({ invoice: sourceId, amount: amount }).strict();

const salesDocument = {
  customer: sourceId,
  date: isoDate,
  docNumber: shortText(11),
  memo: z.string().max(4095).optional(),
  taxItem: sourceId.optional(),
  lines: z.array(salesLine).min(1).max(500),
  tax: amount.default(0),
  /** Optional cross-check: when sent it must equal the lines plus tax. */
  total: money.optional(),
};

export const invoiceSchema = z
  .object({
    ...salesDocument,
    dueDate: isoDate.optional(),
    terms: sourceId.optional(),
  })
  .strict();

export const paymentMethods = ['cash', 'check', 'card', 'ach', 'other'] as const;

export const paymentSchema = z
  .object({
    customer: sourceId,
    date: isoDate,
    method: z.enum(paymentMethods),
    reference: z.string().max(20).optional(),
    depositAccount: sourceId.optional(),
    amount,
    applications: z.array(application).max(500).default([]),
    /** What stays on the customer's account as credit; must make applications + unapplied = amount. */
    unapplied: amount.optional(),
    memo: z.string().max(4095).optional(),
  })
  .strict();

export const creditMemoSchema = z
  .object({
    ...salesDocument,
    applications: z.array(application).max(500).default([]),
  })
  .strict();

export const refundSchema = z
  .object({
    customer: sourceId,
    date: isoDate,
    of: z.object({ kind: z.enum(['payment', 'credit_memo']), id: sourceId }).strict(),
    amount: amount.refine((c) => c > 0, 'must be more than zero'),
    method: z.enum(paymentMethods),
    /** The bank or card-clearing account the money leaves from. */
    account: sourceId,
    docNumber: z.string().max(11).optional(),
    memo: z.string().max(4095).optional(),
  })
  .strict();

const journalLine = z
  .object({
    account: sourceId,
    debit: amount.optional(),
    credit: amount.optional(),
    customer: sourceId.optional(),
    memo: z.string().max(4095).optional(),
  })
  .strict();

export const journalEntrySchema = z
  .object({
    date: isoDate,
    docNumber: z.string().max(11).optional(),
    memo: z.string().max(4095).optional(),
    lines: z.array(journalLine).min(2).max(500),
  })
  .strict();

export type CustomerInput = z.output<typeof customerSchema>;
export type ItemInput = z.output<typeof itemSchema>;
export type SalesTaxItemInput = z.output<typeof salesTaxItemSchema>;
export type AccountInput = z.output<typeof accountSchema>;
export type TermsInput = z.output<typeof termsSchema>;
export type InvoiceInput = z.output<typeof invoiceSchema>;
export type PaymentInput = z.output<typeof paymentSchema>;
export type CreditMemoInput = z.output<typeof creditMemoSchema>;
export type RefundInput = z.output<typeof refundSchema>;
export type JournalEntryInput = z.output<typeof journalEntrySchema>;
