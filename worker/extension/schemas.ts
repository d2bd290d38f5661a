import { z } from 'zod';
import { overrideActions } from '../db/schema/extension-overrides';
import { qboPageEntities } from './entities';

/** QBO ids are digits; realm ids too. Anything else is not a QBO page we understand. */
const qbId = z.string().regex(/^\d{1,20}$/, 'expected the numeric id from the QBO URL (txnId or nameId)');
const realmId = z.string().regex(/^\d{1,30}$/, 'expected a numeric QBO realm (company) id');

export const statusQuery = z
  .object({
    entity: z.enum(qboPageEntities),
    id: qbId,
    realmId: realmId.optional().describe('The QBO company the page belongs to, when the extension could tell'),
  })
  .strict();
export type StatusInput = z.output<typeof statusQuery>;

export const overrideBody = z
  .object({
    entity: z.enum(qboPageEntities),
    id: qbId,
    realmId: realmId.optional(),
    action: z.enum(overrideActions),
    via: z.enum(['click', 'shortcut']),
    pagePath: z.string().max(500).startsWith('/').optional(),
  })
  .strict();
export type OverrideInput = z.output<typeof overrideBody>;

export const overrideListQuery = z
  .object({
    cursor: z.string().regex(/^\d+$/, 'cursor is not one this API issued').optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
