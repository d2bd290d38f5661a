import type { RecordKind } from '../db/schema/enums';

/** "kind:sourceId" — how records are named across maps and dependency rows. */
export type RecordKey = `${RecordKind}:${string}`;

export const recordKey = (kind: RecordKind, sourceId: string): RecordKey => `${kind}:${sourceId}`;

export function splitKey(key: RecordKey): { kind: RecordKind; sourceId: string } {
  const i = key.indexOf(':');
  return { kind: key.slice(0, i) as RecordKind, sourceId: key.slice(i + 1) };
}
