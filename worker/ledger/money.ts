import { err, ok, type Result } from '../shared/result';

export type MoneyError = { reason: 'not_decimal_string' } | { reason: 'fractional_cent' } | { reason: 'too_large' };

const DECIMAL = /^(-)?(\d{1,13})(?:\.(\d+))?$/;

/**
 * Parses Sharper's decimal money string ("1234.5", "-12.00") into integer cents.
 * Numbers are refused on purpose: a JSON float cannot say whether 0.1 + 0.2 was meant.
 * @example parseMoney('12.30') // { ok: true, value: 1230 }
 */
export function parseMoney(input: unknown): Result<number, MoneyError> {
  if (typeof input !== 'string') return err({ reason: 'not_decimal_string' });
  const m = DECIMAL.exec(input.trim());
  if (!m) return err({ reason: 'not_decimal_string' });
  const [, sign, whole, fraction = ''] = m;
  if (fraction.replace(/0+$/, '').length > 2) return err({ reason: 'fractional_cent' });
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
  if (!Number.isSafeInteger(cents)) return err({ reason: 'too_large' });
  return ok(sign && cents !== 0 ? -cents : cents);
}

/** Formats integer cents as a plain decimal string ("-12.05"), the form every edge uses. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
