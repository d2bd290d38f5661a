/**
 * QBO sends amounts as decimal numbers; sums are done in integer cents so a long invoice or a
 * trial balance never drifts by a float epsilon.
 */
export function toCents(amount: unknown): number {
  const n = typeof amount === 'string' ? Number(amount) : typeof amount === 'number' ? amount : 0;
  if (!Number.isFinite(n)) return 0;
  // toPrecision trims the binary noise of values like 1.15*100 before rounding.
  return Math.round(Number((n * 100).toPrecision(12)));
}

export function fromCents(cents: number): number {
  return cents / 100;
}

/** Report cells: amounts are strings with two decimals. */
export function centsToString(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function sumCents(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
