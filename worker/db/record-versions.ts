import { sql } from 'drizzle-orm';
import { chunk } from './chunks';
import type { Db } from './client';
import type { RecordKind } from './schema/enums';

/** The versions the id map says were synced: what Sharper last sent. */
export async function findSyncedVersions(db: Db, companyId: string, keys: [RecordKind, string, number][]) {
  const out: { kind: RecordKind; sourceId: string; version: number; status: string; data: string }[] = [];
  for (const part of chunk(keys, 100)) {
    const rows = await db.all<{ kind: RecordKind; source_id: string; version: number; status: string; data: string }>(sql`
      SELECT kind, source_id, version, status, data FROM record_versions
      WHERE company_id = ${companyId}
        AND (kind, source_id, version) IN (SELECT value ->> '$[0]', value ->> '$[1]', value ->> '$[2]' FROM json_each(${JSON.stringify(part)}))`);
    for (const r of rows) out.push({ kind: r.kind, sourceId: r.source_id, version: Number(r.version), status: r.status, data: r.data });
  }
  return out;
}

