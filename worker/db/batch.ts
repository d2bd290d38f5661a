import type { SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import type { Db } from './client';

const dialect = new SQLiteAsyncDialect();

/**
 * Runs raw statements as one D1 batch (one implicit transaction). drizzle's own batch() cannot
 * take `sql` templates, and D1 has no interactive transactions, so bulk writes come through here.
 */
export async function runBatch(db: Db, statements: SQL[]): Promise<D1Result[]> {
  if (statements.length === 0) return [];
  const prepared = statements.map((s) => {
    const q = dialect.sqlToQuery(s);
    return db.$client.prepare(q.sql).bind(...q.params);
  });
  return db.$client.batch(prepared);
}

export const changes = (r: D1Result | undefined): number => r?.meta?.changes ?? 0;
