import type { ClaimedJob } from '../../queue';

/**
 * QBO allows 36 characters for a batch requestid and 10 for a bId (qbo-api.md §2.3). `step` tells
 * a job's later writes in the same attempt apart (a credit memo's application after the memo).
 */
export async function batchRequestId(jobs: (Pick<ClaimedJob, 'id' | 'version' | 'action' | 'attempt'> & { step?: string })[]): Promise<string> {
  const key = jobs.map((j) => `${j.id}.${j.version}.${j.action}.${j.attempt}${j.step ? `.${j.step}` : ''}`).sort().join(',');
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key)));
  return `sb${[...digest].map((b) => b.toString(16).padStart(2, '0')).join('').slice(0, 34)}`;
}

export const bIdOf = (jobId: number) => `j${jobId.toString(36)}`;

/** Single writes: derived from the job so a retry of the same attempt is the same request; ≤ 50 characters. */
export const singleRequestId = (job: Pick<ClaimedJob, 'id' | 'version' | 'action' | 'attempt'>, suffix = '') =>
  `sj${job.id}v${job.version}${job.action[0]}a${job.attempt}${suffix}`.slice(0, 50);

export const qboQuote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
