import type { Db } from './db/client';
import type { Config } from './config';
import { runQboSync } from './qbo';
import { sweepAbandonedJobs } from './queue';

/** What one cron tick does: sweep abandoned claims, then push every connected QBO company's queue. */
export async function runDueJobs({ db, config, now }: { db: Db; config: Config; now: Date }) {
  const swept = await sweepAbandonedJobs({ ctx: { db, now } });
  const qbo = await runQboSync({ db, config });
  return { swept, qbo };
}
