import type { Db } from '../db/client';
import { listJobs } from '../db/jobs-log';
import type { JobRow } from '../db/job-rows';
import type { JobState, JobType } from '../db/schema/enums';

export interface CauseGroup {
  key: string;
  jobType: JobType;
  code: string;
  /** The message with what is particular to one job (its document number or id) taken out. */
  cause: string;
  fix: string;
  count: number;
  states: Partial<Record<JobState, number>>;
  jobIds: number[];
  /** A few of the records affected, for the accountant to recognise. */
  examples: string[];
}

/** What to do, by code; a target path's codes (QB_…, QBO_…) fall back to the generic advice. */
const FIXES: Record<string, string> = {
  INACTIVE_REFERENCE: 'Make the named product, tax item or customer active in Sharper, then requeue these.',
  LEASE_EXPIRED: 'The last send got no answer. Requeue: each is checked in QuickBooks before it is sent again.',
  WAITING_FOR_DEPENDENCY: 'These wait for the record named; fix that record\'s own job first.',
  CLOSED_PERIOD: 'They are dated in a closed period: move the closing date (in Sharper\'s settings and in QuickBooks) or redate them in Sharper, then requeue these.',
  DUPLICATE_DOC_NUMBER: 'QuickBooks already has a different document with that number: renumber one of them, then requeue these.',
  CREDIT_NOT_APPLIED: 'QuickBooks would not apply the credit (the invoice has less open there, or belongs to another customer): fix the invoice in QuickBooks or the memo in Sharper, then requeue these.',
  CREDIT_OVERAPPLIED: 'QuickBooks has more of these credits used than Sharper: unapply the difference in QuickBooks (Receive Payments › Discounts & Credits), then requeue these.',
  QBD_VALUE_TOO_LONG: 'A name or number is longer than QuickBooks Desktop allows: shorten it in Sharper (the message names the field and limit); the change requeues it.',
  QBD_SETTING_MISSING: 'Set the company setting the message names (Settings page), then requeue these.',
  QBD_CHANGE_NOT_SUPPORTED: 'QuickBooks Desktop cannot make this change: do what the message says in QuickBooks, then requeue these.',
  QBO_FIGURES_DIFFER: 'These are in QuickBooks Online with other figures than Sharper (usually tax QuickBooks computed itself). Check the company\'s sales-tax setup (Health page), correct the document, then requeue: the requeue updates the same document in QuickBooks.',
  REFUND_NOT_LINKED: 'The refunds are in QuickBooks, but not linked to the credit they paid out (QuickBooks has less of that credit left): fix the credit in QuickBooks or the refund in Sharper, then requeue these.',
  SALES_TAX_NOT_SET_UP: 'Set up sales tax in QuickBooks Online (Taxes › Set up sales tax), then requeue these.',
  TAX_AGENCY_NOT_FOUND: 'Choose one of QuickBooks\' tax agencies for these tax items in Settings, then requeue these.',
  VOID_NOT_SUPPORTED: 'QuickBooks Online\'s API cannot void these: delete them in Sharper instead (that goes through), or void them in QuickBooks Online by hand — requeueing changes nothing.',
};
const GENERIC_FIX = 'Fix the cause named in the message (in Sharper, or in QuickBooks settings), then requeue these.';

export function fixFor(code: string): string {
  return FIXES[code] ?? GENERIC_FIX;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "Invoice 1042 uses product 'X' (P-1)…" and "Invoice 1043 uses…" are one cause. */
export function normalizeCause(job: Pick<JobRow, 'lastMessage' | 'docNumber' | 'sourceId'>): string {
  let text = job.lastMessage ?? '(no message)';
  for (const own of [job.docNumber, job.sourceId]) {
    if (own) text = text.replace(new RegExp(`(^|[\\s'"#(])${escapeRegExp(own)}(?=$|[\\s'",.:;)])`, 'g'), '$1…');
  }
  return text;
}

/** Groups failed and held jobs by root cause, biggest group first. Pure, so it is tested directly. */
export function groupByRootCause(jobs: JobRow[]): CauseGroup[] {
  const groups = new Map<string, CauseGroup>();
  for (const job of jobs) {
    const code = job.lastCode ?? 'UNKNOWN';
    const cause = normalizeCause(job);
    const key = `${job.jobType}|${code}|${cause}`;
    const group = groups.get(key) ?? {
      key,
      jobType: job.jobType,
      code,
      cause,
      fix: fixFor(code),
      count: 0,
      states: {},
      jobIds: [],
      examples: [],
    };
    group.count++;
    group.states[job.state] = (group.states[job.state] ?? 0) + 1;
    group.jobIds.push(job.id);
    if (group.examples.length < 5) group.examples.push(job.docNumber ?? job.displayName ?? job.sourceId);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export const ROOT_CAUSE_SCAN_LIMIT = 5_000;

export async function listRootCauses({ ctx, companyId }: { ctx: { db: Db }; companyId: string }): Promise<CauseGroup[]> {
  const jobs = await listJobs(ctx.db, companyId, { state: ['failed', 'held'] }, { limit: ROOT_CAUSE_SCAN_LIMIT });
  return groupByRootCause(jobs);
}
