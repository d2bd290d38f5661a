import { prng } from '../fixtures/demo-company';

/**
 * Seeded generators of hostile inputs: wrong types, missing and extra fields, huge and odd
 * strings, unicode edge cases, numbers where strings go, deep nesting. Deterministic per seed,
 * so a failure found by a fuzz run is replayed by its seed.
 */
export interface Fuzzer {
  rand: () => number;
  int(max: number): number;
  pick<T>(xs: readonly T[]): T;
  weirdValue(depth?: number): unknown;
  mutate(value: unknown, depth?: number): unknown;
}

const WEIRD_STRINGS = [
  '',
  ' ',
  '0',
  '-0.00',
  '1e309',
  'NaN',
  '12.345',
  '9999999999999999.99',
  '٣٤٥',
  '１２３',
  'Ωmega marina',
  'a\u0000b',
  '\u202Eevil',
  '😀⛵️🏕️',
  '\uD800',
  '<![CDATA[x]]>',
  '<QBXML>&amp;</QBXML>',
  "'; DROP TABLE jobs; --",
  '%s%n%x',
  '../../etc/passwd',
  'x'.repeat(5000),
  '2026-02-30',
  '2026-13-01',
  'true',
  'null',
];

export function createFuzzer(seed: number): Fuzzer {
  const rand = prng(seed);
  const int = (max: number) => Math.floor(rand() * max);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];

  function weirdValue(depth = 0): unknown {
    switch (int(depth > 2 ? 6 : 9)) {
      case 0:
        return pick(WEIRD_STRINGS);
      case 1:
        return pick([0, -1, 1.5, 2 ** 53 + 1, Number.MAX_VALUE, -0]);
      case 2:
        return pick([true, false, null]);
      case 3:
        return String.fromCodePoint(...Array.from({ length: 1 + int(12) }, () => int(0x10ffff)).filter((c) => c < 0xd800 || c > 0xdfff));
      case 4:
        return `${int(100000)}.${int(1000)}`;
      case 5:
        return pick(['C-1', 'INV-1', 'P-SLIP40', 'TX-FL', 'A-4000', 'T-NET30']);
      case 6:
        return Array.from({ length: int(4) }, () => weirdValue(depth + 1));
      case 7:
        return Object.fromEntries(Array.from({ length: int(4) }, () => [pick(['name', 'amount', 'lines', '__proto__', 'constructor', 'x']), weirdValue(depth + 1)]));
      default:
        return { nested: weirdValue(depth + 1) };
    }
  }

  function mutate(value: unknown, depth = 0): unknown {
    if (depth > 4 || rand() < 0.15) return weirdValue(depth);
    if (Array.isArray(value)) {
      const copy = value.map((v) => (rand() < 0.3 ? mutate(v, depth + 1) : v));
      if (rand() < 0.2) copy.push(weirdValue(depth));
      if (rand() < 0.1) return [];
      return copy;
    }
    if (value && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>);
      const out: Record<string, unknown> = {};
      for (const [k, v] of entries) {
        const roll = rand();
        if (roll < 0.1) continue; // drop a field
        out[k] = roll < 0.4 ? mutate(v, depth + 1) : v;
      }
      if (rand() < 0.15) out[pick(['extra', 'total', 'tax', 'active'])] = weirdValue(depth);
      return out;
    }
    return rand() < 0.5 ? weirdValue(depth) : value;
  }

  return { rand, int, pick, weirdValue, mutate };
}
