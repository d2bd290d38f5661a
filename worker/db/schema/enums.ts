/** Enum values shared by drizzle columns and zod schemas: defined once here. */
export const accountingSystems = ['qbd', 'qbo', 'none'] as const;
export type AccountingSystem = (typeof accountingSystems)[number];

export const syncTargets = ['qbd', 'qbo'] as const;
export type SyncTarget = (typeof syncTargets)[number];

export const userRoles = ['viewer', 'operator'] as const;
export type UserRole = (typeof userRoles)[number];

export const credentialKinds = ['mms_key', 'user_token'] as const;
export type CredentialKind = (typeof credentialKinds)[number];

export const recordKinds = [
  'account',
  'terms',
  'sales_tax_item',
  'customer',
  'item',
  'invoice',
  'payment',
  'credit_memo',
  'refund',
  'journal_entry',
] as const;
export type RecordKind = (typeof recordKinds)[number];

export const recordStatuses = ['active', 'voided', 'deleted'] as const;
export type RecordStatus = (typeof recordStatuses)[number];

/** See worker/queue/README.md for the state diagram. */
export const jobStates = [
  'queued',
  'sending',
  'synced',
  'failed',
  'held',
  'waiting',
  'superseded',
] as const;
export type JobState = (typeof jobStates)[number];

/** What a job asks of QuickBooks; add-vs-modify is decided by the target from the id map. */
export const jobActions = ['upsert', 'void', 'delete'] as const;
export type JobAction = (typeof jobActions)[number];

export const jobTypes = [
  'Accountimport',
  'Termsimport',
  'Salestaximport',
  'Customerimport',
  'Iteminventoryimport',
  'Invoiceimport',
  'Paymentimport',
  'Creditmemoimport',
  'Refundimport',
  'Journalentryimport',
] as const;
export type JobType = (typeof jobTypes)[number];
