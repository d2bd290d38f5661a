import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { companiesTable } from './companies';

/** A company's Web Connector link: who may connect, and which QuickBooks company file it is bound to. */
export const qbdConnectionsTable = sqliteTable('qbd_connections', {
  companyId: text('company_id')
    .primaryKey()
    .references(() => companiesTable.id),
  /** The .qwc UserName; one per company, so it alone tells which company is calling. */
  username: text('username').notNull().unique(),
  /** PBKDF2 (worker/qbd/password.ts); the password itself is never stored or shown again. */
  passwordHash: text('password_hash').notNull(),
  /** The .qwc FileID (a GUID per company). */
  fileId: text('file_id').notNull(),
  failedLogins: integer('failed_logins').notNull().default(0),
  /** Epoch ms until which every login for this username answers `nvu`. */
  lockedUntil: integer('locked_until'),
  /** Set by the first session: the company file path QuickBooks reported, and its company name. */
  boundFilePath: text('bound_file_path'),
  boundCompanyName: text('bound_company_name'),
  boundAt: text('bound_at'),
  lastSessionAt: text('last_session_at'),
  lastResult: text('last_result'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});
