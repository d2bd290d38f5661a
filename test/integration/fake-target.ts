import { env } from 'cloudflare:test';
import { createDb } from '../../worker/db/client';
import { claimJobs, recordOutcome, type ClaimedJob, type JobOutcome } from '../../worker/queue';

/**
 * A stand-in QuickBooks target that uses only the queue's public interface, the way the QBD and
 * QBO paths do: claim ready jobs, "send" them, record each outcome.
 */
export class FakeTarget {
  readonly received: ClaimedJob[] = [];
  #next = 1000;

  constructor(
    readonly companyId: string,
    readonly target: 'qbd' | 'qbo' = 'qbd',
    readonly decide: (job: ClaimedJob) => JobOutcome | undefined = () => undefined,
  ) {}

  ctx(now = new Date()) {
    return { db: createDb(env.DB), now };
  }

  async claim(limit = 50, now = new Date()) {
    return claimJobs({ ctx: this.ctx(now), companyId: this.companyId, target: this.target, limit });
  }

  /** Drains until nothing is ready; returns the jobs in the order they were sent. */
  async drain(now = new Date()): Promise<ClaimedJob[]> {
    const sent: ClaimedJob[] = [];
    for (;;) {
      const batch = await this.claim(50, now);
      if (batch.length === 0) return sent;
      for (const job of batch) {
        sent.push(job);
        this.received.push(job);
        const outcome = this.decide(job) ?? { kind: 'synced', qbId: job.existing?.qbId ?? `QB-${this.#next++}`, qbLock: '1' };
        await recordOutcome({ ctx: this.ctx(now), job, outcome, exchange: { request: `<send ${job.kind} ${job.sourceId}>`, response: '<ok/>' } });
      }
    }
  }
}
