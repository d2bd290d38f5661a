import { isRec } from './entities/common';
import { getStored } from './store';
import type { EntityName, Realm, Rec } from './types';

/**
 * Test instrument, not a QBO behaviour: after a write commits, QBO holds (and answers) other
 * figures than the client sent — a stand-in for rules the simulator does not model (an automated
 * sales tax engine ignoring the amount, a rounding). It lets a test show that the client checks
 * every answer. `set` maps dotted paths (`TxnTaxDetail.TotalTax`) to values.
 */
export function amendAnswer(realm: Realm, body: unknown, entity: string, set: Record<string, unknown>): void {
  const targets: Rec[] = [];
  if (isRec(body) && isRec(body[entity])) targets.push(body[entity] as Rec);
  if (isRec(body) && Array.isArray(body.BatchItemResponse)) for (const item of body.BatchItemResponse) if (isRec(item) && isRec(item[entity])) targets.push(item[entity] as Rec);
  for (const answered of targets) {
    const stored = getStored(realm, entity as EntityName, String(answered.Id));
    for (const rec of [answered, stored?.data].filter(isRec)) for (const [path, value] of Object.entries(set)) setPath(rec, path.split('.'), value);
  }
}

function setPath(rec: Rec, path: string[], value: unknown): void {
  const [head, ...rest] = path;
  if (rest.length === 0) {
    rec[head] = value;
    return;
  }
  if (!isRec(rec[head])) rec[head] = {};
  setPath(rec[head] as Rec, rest, value);
}
