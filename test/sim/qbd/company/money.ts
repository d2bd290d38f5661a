/**
 * qbXML decimals ↔ integers. Money is held in cents; prices and percentages keep more
 * precision (PRICETYPE allows 5 decimals) so Quantity*Rate rounds once, at the end, as QB does.
 */

const DECIMAL = /^-?\d{0,13}(\.\d*)?$/;

function scaled(value: string, decimals: number): number | null {
  const v = value.trim();
  if (v === '' || v === '-' || v === '.' || !DECIMAL.test(v)) return null;
  const neg = v.startsWith('-');
  const [whole, frac = ''] = (neg ? v.slice(1) : v).split('.');
  if (frac.length > decimals && /[1-9]/.test(frac.slice(decimals))) {
    const n = Number(v);
    return Math.round(n * 10 ** decimals);
  }
  const n = Number(whole || '0') * 10 ** decimals + Number((frac + '0'.repeat(decimals)).slice(0, decimals) || '0');
  return neg ? -n : n;
}

/** AMTTYPE → cents, or null when the text is not a qbXML amount. */
export function parseCents(value: string): number | null {
  return scaled(value, 2);
}

/** PRICETYPE → units of 1e-5. */
export function parsePrice(value: string): number | null {
  return scaled(value, 5);
}

/** PERCENTTYPE / QUANTYPE → units of 1e-5. */
export function parseFixed5(value: string): number | null {
  return scaled(value, 5);
}

export function formatCents(cents: number): string {
  const neg = cents < 0;
  const abs = Math.abs(cents);
  return `${neg ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Formats a 1e-5 fixed value without trailing zeros beyond 2 decimals (QB prints `7.25`, `1`, `0.5`). */
export function formatFixed5(units: number): string {
  const neg = units < 0;
  const abs = Math.abs(units);
  const whole = Math.floor(abs / 1e5);
  const frac = String(abs % 1e5).padStart(5, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${whole}${frac ? '.' + frac : ''}`;
}

/** Quantity (1e-5) × Rate (1e-5) → cents, rounded half away from zero. */
export function extend(quantityUnits: number, rateUnits: number): number {
  const raw = (quantityUnits * rateUnits) / 1e8;
  return Math.sign(raw) * Math.round(Math.abs(raw));
}

/** Cents × percent (1e-5 units of a percent) → cents. */
export function percentOf(cents: number, percentUnits: number): number {
  const raw = (cents * percentUnits) / 1e7;
  return Math.sign(raw) * Math.round(Math.abs(raw));
}
