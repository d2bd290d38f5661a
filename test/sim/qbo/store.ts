import { formatQboTime } from './time';
import type { EntityName, Realm, Rec, StoredEntity } from './types';

/** Ids are per realm, increasing, and strings on the wire, as in QBO. */
export function allocateId(realm: Realm): string {
  const id = String(realm.nextId);
  realm.nextId += 1;
  return id;
}

function table(realm: Realm, name: EntityName): Map<string, StoredEntity> {
  let t = realm.entities.get(name);
  if (!t) {
    t = new Map();
    realm.entities.set(name, t);
  }
  return t;
}

export function getStored(realm: Realm, name: EntityName, id: string): StoredEntity | undefined {
  return table(realm, name).get(id);
}

export function getLive(realm: Realm, name: EntityName, id: string): StoredEntity | undefined {
  const s = getStored(realm, name, id);
  return s && !s.deleted ? s : undefined;
}

export function listLive(realm: Realm, name: EntityName): StoredEntity[] {
  return [...table(realm, name).values()].filter((s) => !s.deleted);
}

export function listAll(realm: Realm, name: EntityName): StoredEntity[] {
  return [...table(realm, name).values()];
}

/** Stores a new entity, stamping the fields QBO owns (Id, SyncToken, MetaData). */
export function insertEntity(realm: Realm, name: EntityName, data: Rec, now: Date): StoredEntity {
  const id = allocateId(realm);
  const t = formatQboTime(now, realm.settings.utcOffsetMinutes);
  const stored: StoredEntity = {
    name,
    deleted: false,
    voided: false,
    updatedAtMs: now.getTime(),
    data: { ...data, domain: 'QBO', sparse: false, Id: id, SyncToken: '0', MetaData: { CreateTime: t, LastUpdatedTime: t } },
  };
  table(realm, name).set(id, stored);
  return stored;
}

/** Replaces an entity's body, bumping SyncToken and LastUpdatedTime. */
export function replaceEntity(realm: Realm, stored: StoredEntity, data: Rec, now: Date): StoredEntity {
  const prevMeta = (stored.data.MetaData ?? {}) as Rec;
  const syncToken = String(Number(stored.data.SyncToken ?? '0') + 1);
  stored.data = {
    ...data,
    domain: 'QBO',
    sparse: false,
    Id: stored.data.Id,
    SyncToken: syncToken,
    MetaData: { ...prevMeta, LastUpdatedTime: formatQboTime(now, realm.settings.utcOffsetMinutes) },
  };
  stored.updatedAtMs = now.getTime();
  return stored;
}

export function tombstone(realm: Realm, stored: StoredEntity, now: Date): void {
  stored.deleted = true;
  stored.updatedAtMs = now.getTime();
  const meta = (stored.data.MetaData ?? {}) as Rec;
  stored.data = { ...stored.data, MetaData: { ...meta, LastUpdatedTime: formatQboTime(now, realm.settings.utcOffsetMinutes) } };
}

/** The reply QBO sends for a deleted entity (delete response, CDC). */
export function deletedView(stored: StoredEntity): Rec {
  const meta = (stored.data.MetaData ?? {}) as Rec;
  return { domain: 'QBO', status: 'Deleted', Id: stored.data.Id, MetaData: { LastUpdatedTime: meta.LastUpdatedTime } };
}

/** Deep copy so callers can never mutate the store through a response. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}
