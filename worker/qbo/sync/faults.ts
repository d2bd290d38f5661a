import type { JobOutcome } from '../../queue';
import type { QboError } from '../api/fault';

/** What to do about one QBO fault on one job. */
export type FaultAction =
  | { reason: 'duplicate_doc_number' }
  | { reason: 'duplicate_name' }
  | { reason: 'stale_sync_token' }
  | { reason: 'auth' }
  | { reason: 'outcome'; outcome: JobOutcome };

export const detailOf = (e: QboError) => (e.detail && e.detail !== e.message ? `${e.message}: ${e.detail}` : e.message || 'no detail given');

/** QBO refused the token itself (3200, or 100 with an expired one): the connection, not the record. */
export const isAuthFault = (e: QboError) => e.code === '3200' || e.code === '100';

/** The outcome of a write QBO refused for its token even after a refresh; the run stops on it. */
export const AUTH_REJECTED: JobOutcome = { kind: 'failed', code: 'QBO_AUTH', message: 'QuickBooks Online rejected the access token after a refresh', retryable: true };

/**
 * Maps a QBO fault to what an accountant understands (qbo-api.md §2.10). Pure, so the mapping
 * is unit-tested without a network; anything not named here fails permanently with QBO's Detail.
 */
export function classifyFault(e: QboError, job: { kind: string; docNumber: string | null; data: unknown }, entity: string): FaultAction {
  const what = `${entity}${job.docNumber ? ` ${job.docNumber}` : ''}`;
  if (isAuthFault(e)) return { reason: 'auth' };
  switch (e.code) {
    case '6140':
      return { reason: 'duplicate_doc_number' };
    case '6240':
      return { reason: 'duplicate_name' };
    case '5010':
      return { reason: 'stale_sync_token' };
    case '6210': {
      const date = (job.data as { date?: string })?.date;
      return {
        reason: 'outcome',
        outcome: {
          kind: 'held',
          code: 'CLOSED_PERIOD',
          message: `${what} is dated ${date ?? '(no date)'}, which falls in a period that is closed in QuickBooks Online (books closed through that date or later). Reopen the period in QuickBooks or ask the accountant, then requeue. QuickBooks said: ${detailOf(e)}`,
        },
      };
    }
    case '610':
    case '2500':
      return {
        reason: 'outcome',
        outcome: {
          kind: 'held',
          code: 'INVALID_REFERENCE',
          message: `${what} refers to something QuickBooks Online does not have or has made inactive${e.element ? ` (${e.element})` : ''}: reactivate it in QuickBooks or re-send it from Sharper, then requeue. QuickBooks said: ${detailOf(e)}`,
        },
      };
    case '6190':
      return { reason: 'outcome', outcome: { kind: 'held', code: 'QBO_SUBSCRIPTION', message: `The QuickBooks Online subscription is not active: ${detailOf(e)}` } };
    case '3100':
    case '120':
      return { reason: 'outcome', outcome: { kind: 'held', code: 'QBO_NOT_AUTHORIZED', message: `QuickBooks Online refused the app's access (${e.code}): check the connection's environment and that an admin connected it. ${detailOf(e)}` } };
    case '10000':
      return { reason: 'outcome', outcome: { kind: 'failed', code: 'QBO_SYSTEM_FAULT', message: `QuickBooks Online had an internal error: ${detailOf(e)}`, retryable: true } };
    default:
      return { reason: 'outcome', outcome: { kind: 'failed', code: `QBO_${e.code || 'ERROR'}`, message: `QuickBooks Online refused ${what} (${e.code}): ${detailOf(e)}`, retryable: false } };
  }
}
