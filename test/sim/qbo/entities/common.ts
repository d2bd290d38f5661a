import { faults } from '../faults';
import { getLive, getStored } from '../store';
import type { EntityName, Realm, Rec, SimState, StoredEntity } from '../types';

/** What every entity rule gets: the realm, the sim clock's now, and who is acting. */
export interface OpContext {
  state: SimState;
  realm: Realm;
  now: Date;
  /** A user "in the QBO UI" skips SyncToken checks and the closing-date lock (they know the password). */
  actor: 'api' | 'user';
  /** Lowercased `include=` values, e.g. allowduplicatedocnum, void. */
  include: Set<string>;
  today: string;
  /** Set on updates: whether the update is sparse and the body as sent (rules that care what was mentioned). */
  write?: { sparse: boolean; body: Rec };
}

export function isRec(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

export function refValue(rec: Rec, key: string): string | undefined {
  const ref = rec[key];
  return isRec(ref) ? str(ref.value) : undefined;
}

export function displayNameOf(stored: StoredEntity): string {
  const d = stored.data;
  return String(d.FullyQualifiedName ?? d.DisplayName ?? d.Name ?? '');
}

/**
 * Resolves a reference the way QBO does: unknown id → 2500, inactive or deleted → 610.
 * Fills the ref's `name` like QBO's responses do.
 */
export function resolveRef(ctx: OpContext, holder: Rec, key: string, entity: EntityName, required: boolean): StoredEntity | undefined {
  const id = refValue(holder, key);
  if (id === undefined || id === '') {
    if (required) throw faults.required(key);
    return undefined;
  }
  const stored = getStored(ctx.realm, entity, id);
  if (!stored) throw faults.invalidReference(key, id);
  if (stored.deleted || stored.data.Active === false) throw faults.objectNotFound();
  holder[key] = { value: id, name: displayNameOf(stored) };
  return stored;
}

export function liveOrThrow(realm: Realm, entity: EntityName, id: string): StoredEntity {
  const s = getLive(realm, entity, id);
  if (!s) throw faults.objectNotFound();
  return s;
}

const LOWERCASE_ALLOWED = new Set(['sparse', 'domain', 'status', 'time']);

/**
 * QBO rejects properties it does not know (2010). Knowing every entity's schema is out of scope,
 * but all QBO properties are PascalCase, so a camelCase key is a client bug worth surfacing.
 */
export function checkPropertyNames(body: Rec): void {
  for (const key of Object.keys(body)) {
    if (LOWERCASE_ALLOWED.has(key)) continue;
    if (!/^[A-Z]/.test(key)) {
      throw faults.invalidProperty(`Property Name:Unrecognized field "${key}" specified is unsupported or invalid`);
    }
  }
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function requireDateInOpenPeriod(ctx: OpContext, txnDate: string): void {
  const closing = ctx.realm.settings.closingDate;
  if (ctx.actor === 'api' && closing && txnDate <= closing) throw faults.closedPeriod();
}

/** PrivateNote is at most 4,000 characters on transactions: Intuit's entity-page figure, unconfirmed (README, Guesses). */
const PRIVATE_NOTE_MAX = 4000;

export function checkTxnStrings(d: Rec): void {
  const note = str(d.PrivateNote);
  if (note !== undefined && note.length > PRIVATE_NOTE_MAX) throw faults.stringLength('PrivateNote', PRIVATE_NOTE_MAX);
}
