import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { accountingSystems } from './enums';

export const companiesTable = sqliteTable('companies', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  accountingSystem: text('accounting_system', { enum: accountingSystems }).notNull(),
  /** YYYY-MM-DD; records dated on or before it are refused. */
  closingDate: text('closing_date'),
  /** JSON: account and item mappings Sharper uses (see companies/schemas.ts). */
  settings: text('settings').notNull().default('{}'),
  openInSharperUrlTemplate: text('open_in_sharper_url_template'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});
