import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Nonces of issued OAuth `state` values; `used_at` makes each one single-use. */
export const qboOauthStatesTable = sqliteTable('qbo_oauth_states', {
  nonce: text('nonce').primaryKey(),
  companyId: text('company_id').notNull(),
  expiresAt: integer('expires_at').notNull(),
  usedAt: text('used_at'),
});
