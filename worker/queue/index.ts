export { claimJobs, DEFAULT_LEASE_MS, type ClaimedJob } from './claim';
export { recordOutcome, type JobOutcome, type Exchange } from './outcome';
export { requeueJob, requeueJobs, MAX_REQUEUE, type RequeueResult } from './requeue';
export { sweepAbandonedJobs } from './sweep';
export { lookupQuickBooksIds, type QuickBooksRef } from './id-map';
export { listSyncLog, getJobDetail, getJobCounts, exportSyncLogCsv, jobView, type JobView } from './log';
export { retryDelayMs, MAX_ATTEMPTS, RETRY_BASE_MS, RETRY_CAP_MS } from './backoff';
export { recordKey, type RecordKey } from './keys';
export type { JobFilter } from '../db/jobs-log';
