import { entityFromName } from './entities/registry';
import { faults } from './faults';
import { type ParsedQuery, parseQuery, type QueryCondition, type QueryValue } from './query';
import { clone, listLive } from './store';
import type { Realm, Rec } from './types';

/** Case-insensitive path lookup (`MetaData.LastUpdatedTime`, `Metadata.CreateTime`, `CustomerRef`). */
export function fieldValue(data: Rec, path: string): unknown {
  let cur: unknown = data;
  for (const seg of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    const rec = cur as Rec;
    const key = Object.keys(rec).find((k) => k.toLowerCase() === seg.toLowerCase());
    cur = key === undefined ? undefined : rec[key];
  }
  // A reference compares by its id: `where CustomerRef = '58'`.
  if (typeof cur === 'object' && cur !== null && 'value' in cur) return (cur as Rec).value;
  return cur;
}

const DATETIME_RE = /^\d{4}-\d{2}-\d{2}T/;

function compare(a: unknown, b: QueryValue): number | undefined {
  if (a === undefined || a === null) return undefined;
  if (typeof b === 'boolean') return String(a) === String(b) ? 0 : 1;
  if (typeof a === 'string' && typeof b === 'string' && (DATETIME_RE.test(a) || DATETIME_RE.test(b))) {
    const x = Date.parse(a);
    const y = Date.parse(DATETIME_RE.test(b) ? b : `${b}T00:00:00Z`);
    if (!Number.isNaN(x) && !Number.isNaN(y)) return Math.sign(x - y);
  }
  const an = Number(a);
  const bn = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(an) && Number.isFinite(bn)) return Math.sign(an - bn);
  const as = String(a).toLowerCase();
  const bs = String(b).toLowerCase();
  return as < bs ? -1 : as > bs ? 1 : 0;
}

function likeToRegex(pattern: string): RegExp {
  const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*');
  return new RegExp(`^${escaped}$`, 'is');
}

export function matches(data: Rec, cond: QueryCondition): boolean {
  const v = fieldValue(data, cond.field);
  switch (cond.op) {
    case 'IN':
      return cond.values.some((x) => compare(v, x) === 0);
    case 'LIKE':
      return v !== undefined && likeToRegex(String(cond.values[0])).test(String(v));
    default: {
      const c = compare(v, cond.values[0]);
      if (c === undefined) return false;
      if (cond.op === '=') return c === 0;
      if (cond.op === '!=') return c !== 0;
      if (cond.op === '<') return c < 0;
      if (cond.op === '>') return c > 0;
      if (cond.op === '<=') return c <= 0;
      return c >= 0;
    }
  }
}

function sortRows(rows: Rec[], orderBy: ParsedQuery['orderBy']): Rec[] {
  const keys = orderBy.length > 0 ? orderBy : [{ field: 'Id', desc: false }];
  return rows.sort((a, b) => {
    for (const k of keys) {
      const av = fieldValue(a, k.field);
      const bv = fieldValue(b, k.field);
      const c = compare(av, (bv ?? '') as QueryValue) ?? -1;
      if (c !== 0) return k.desc ? -c : c;
    }
    return 0;
  });
}

/**
 * Runs a query against a realm and answers the `QueryResponse` object. Name lists hide inactive
 * rows unless the query filters on Active, as QBO does.
 */
export function runQuery(realm: Realm, src: string): Rec {
  const q = parseQuery(src);
  const entity = entityFromName(q.entity);
  if (!entity) throw faults.queryValidation(`Invalid context declaration : ${q.entity}`);
  const filtersActive = q.where.some((c) => c.field.toLowerCase() === 'active');
  let rows = listLive(realm, entity)
    .map((s) => s.data)
    .filter((d) => filtersActive || d.Active !== false)
    .filter((d) => q.where.every((c) => matches(d, c)));
  if (q.select.kind === 'count') return { totalCount: rows.length };
  rows = sortRows(rows, q.orderBy).slice(q.startPosition - 1, q.startPosition - 1 + q.maxResults);
  if (rows.length === 0) return {};
  const select = q.select;
  const out =
    select.kind === 'fields'
      ? rows.map((d) => {
          const picked: Rec = { Id: d.Id };
          for (const f of select.fields) {
            const top = f.split('.')[0];
            const key = Object.keys(d).find((k) => k.toLowerCase() === top.toLowerCase());
            if (key) picked[key] = d[key];
          }
          return picked;
        })
      : rows;
  return { [entity]: clone(out), startPosition: q.startPosition, maxResults: out.length };
}
