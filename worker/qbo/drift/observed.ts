import type { RecordKind } from '../../db/schema/enums';
import { qboEntityOf } from '../mappers';

/** A change QBO reported for one entity: its body (CDC) or just that it was deleted. */
export interface ObservedChange {
  entity: string;
  qbId: string;
  syncToken: string | null;
  deleted: boolean;
  body: Record<string, any> | null;
  source: 'cdc' | 'webhook';
}

/** QBO entity → the Sharper kinds it can hold (a JournalEntry is a journal entry or a refund). */
export const KINDS_OF: Record<string, RecordKind[]> = {};
for (const [kind, entity] of Object.entries(qboEntityOf)) {
  if (kind !== 'sales_tax_item') (KINDS_OF[entity] ??= []).push(kind as RecordKind);
}

/** The QBO entity types Sharper owns and CDC watches (tax codes are read-only in QBO's API). */
export const OWNED_ENTITIES = Object.keys(KINDS_OF);


/**
 * Webhook entity types the Worker records besides its own: a Preferences change may turn
 * automated sales tax on or off, which decides how tax is sent (qbo/company). CDC is not asked
 * for it: whether CDC serves Preferences is unconfirmed, and a refused type fails the whole read.
 */
export const NOTIFIED_ENTITIES = [...OWNED_ENTITIES, 'Preferences'];
