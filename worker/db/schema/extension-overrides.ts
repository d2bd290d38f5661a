import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { recordKinds } from './enums';

/** What an accountant was about to do in QuickBooks Online when the extension stopped it. */
export const overrideActions = ['save', 'save_and_close', 'save_and_new', 'save_and_send', 'review_and_send', 'delete', 'void'] as const;
export type OverrideAction = (typeof overrideActions)[number];

/**
 * "Edit anyway" in the browser extension: an accountant chose to change, in QuickBooks Online, an
 * AR record Sharper owns. Kept so the sync log can show who overrode what, and when.
 */
export const extensionOverridesTable = sqliteTable(
  'extension_overrides',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    companyId: text('company_id').notNull(),
    credentialId: text('credential_id').notNull(),
    /** The user token's label at the time ("Vera (bookkeeper)"): who. */
    actor: text('actor').notNull(),
    qbEntity: text('qb_entity').notNull(),
    qbId: text('qb_id').notNull(),
    /** Sharper's record, when the QBO id is in the id map (it normally is: the warning only shows then). */
    kind: text('kind', { enum: recordKinds }),
    sourceId: text('source_id'),
    docNumber: text('doc_number'),
    action: text('action', { enum: overrideActions }).notNull(),
    /** How the action was started: a click on a button or menu item, or a keyboard shortcut. */
    via: text('via', { enum: ['click', 'shortcut'] }).notNull(),
    /** The QBO page path and query (no host), for the log reader. */
    pagePath: text('page_path'),
    occurredAt: text('occurred_at').notNull(),
  },
  (t) => [index('extension_overrides_company_idx').on(t.companyId, t.id)],
);
