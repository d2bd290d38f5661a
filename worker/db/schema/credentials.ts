import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { companiesTable } from './companies';
import { credentialKinds, userRoles } from './enums';

/** MMS API keys and user tokens. Only a SHA-256 of the secret is kept. */
export const credentialsTable = sqliteTable(
  'credentials',
  {
    id: text('id').primaryKey(),
    companyId: text('company_id')
      .notNull()
      .references(() => companiesTable.id),
    kind: text('kind', { enum: credentialKinds }).notNull(),
    role: text('role', { enum: userRoles }),
    label: text('label').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: text('created_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('credentials_company_idx').on(t.companyId)],
);
