import { z } from 'zod';
import { parseMoney } from './money';

/** Sharper's ids: printable, no slashes, so they stay safe in URLs and qbXML queries. */
export const sourceId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, 'use letters, digits, ".", "_", ":" or "-"');

export const isoDate = z.iso.date({ message: 'expected a date as YYYY-MM-DD' });

/** Money in, integer cents out; see ledger/money.ts for why only strings are accepted. */
export const money = z.string().transform((input, ctx) => {
  const parsed = parseMoney(input);
  if (parsed.ok) return parsed.value;
  const message =
    parsed.error.reason === 'fractional_cent'
      ? `"${input}" has a fraction of a cent; money takes at most 2 decimals`
      : parsed.error.reason === 'too_large'
        ? `"${input}" is too large`
        : `"${input}" is not a decimal string like "125.00"`;
  ctx.addIssue({ code: 'custom', message, params: { errorCode: parsed.error.reason === 'fractional_cent' ? 'FRACTIONAL_CENT' : 'VALIDATION_FAILED' } });
  return z.NEVER;
});

/** Money that may not be negative. */
export const amount = money.refine((cents) => cents >= 0, 'must not be negative');

/** Quantities and unit rates may carry more decimals than money (prorated daily rates). */
export const decimal = z
  .string()
  .regex(/^-?\d{1,13}(\.\d{1,5})?$/, 'expected a decimal string with at most 5 decimals');

/** A sales-tax rate in percent, e.g. "7.5". */
export const percent = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,4})?$/, 'expected a percentage like "7.5"')
  .refine((v) => Number(v) <= 100, 'must be at most 100');

export const shortText = (max: number) => z.string().trim().min(1).max(max);
