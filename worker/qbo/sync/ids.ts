import type { ClaimedJob } from '../../queue';

type RequestKey = Pick<ClaimedJob, 'id' | 'version' | 'action' | 'claimToken'>;

/**
 * QBO allows 36 characters for a batch requestid and 10 for a bId (qbo-api.md §2.3). Ids are
 * derived from the job and its claim: a send whose answer was lost is settled by replaying the
 * stored request with its own id, while a requeued job (attempts restart) gets a fresh one — QBO
 * answers a repeated requestid with the original answer, faults included. `step` tells a job's
 * later writes in the same claim apart (a credit memo's application after the memo).
 */
export async function batchRequestId(jobs: (RequestKey & { step?: string })[]): Promise<string> {
  const key = jobs.map((j) => `${j.id}.${j.version}.${j.action}.${j.claimToken}${j.step ? `.${j.step}` : ''}`).sort().join(',');
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key)));
  return `sb${[...digest].map((b) => b.toString(16).padStart(2, '0')).join('').slice(0, 34)}`;
}

export const bIdOf = (jobId: number) => `j${jobId.toString(36)}`;

/** Single writes, keyed like batches (claim tokens are base64url, 16 characters); ≤ 50 characters. */
export const singleRequestId = (job: RequestKey, suffix = '') =>
  `sj${job.id}v${job.version}${job.action[0]}${job.claimToken.slice(0, 10)}${suffix}`.slice(0, 50);

export const qboQuote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** QBO compares names without regard to case (a duplicate name is 6240 whatever its case). */
export const sameName = (a: unknown, b: string) => String(a ?? '').trim().toLowerCase() === b.trim().toLowerCase();
