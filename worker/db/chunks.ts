/**
 * Bulk statements pass rows as one JSON parameter read with json_each, because D1 allows at
 * most 100 bound parameters per statement. Chunks keep each parameter well under D1's 2 MB value limit.
 */
export const ROWS_PER_STATEMENT = 250;

export function chunk<T>(rows: T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
