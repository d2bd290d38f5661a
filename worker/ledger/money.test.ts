import { describe, expect, it } from 'vitest';
import { formatCents, parseMoney } from './money';

describe('parseMoney', () => {
  it.each([
    ['12.30', 1230],
    ['12.3', 1230],
    ['12', 1200],
    ['0.01', 1],
    ['-5.05', -505],
    ['1.500', 150],
    ['-0.00', 0],
  ])('reads %s as %i cents', (input, cents) => {
    expect(parseMoney(input)).toEqual({ ok: true, value: cents });
  });

  it('rejects fractions of a cent', () => {
    expect(parseMoney('1.005')).toEqual({ ok: false, error: { reason: 'fractional_cent' } });
  });

  it.each([[12.3], ['1,000.00'], ['$5'], [''], ['1e3'], [null]])('rejects %j', (input) => {
    expect(parseMoney(input)).toEqual({ ok: false, error: { reason: 'not_decimal_string' } });
  });
});

describe('formatCents', () => {
  it.each([
    [1230, '12.30'],
    [5, '0.05'],
    [-505, '-5.05'],
    [0, '0.00'],
  ])('formats %i as %s', (cents, text) => {
    expect(formatCents(cents)).toBe(text);
  });
});
