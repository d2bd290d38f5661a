import type { Db } from './db/client';
import type { Config } from './config';
import { sweepAbandonedJobs } from './queue';

/** What one cron tick does; the QBO push joins here (issue 4). */
export async function runDueJobs({ db, now }: { db: Db; config: Config; now: Date }) {
  const swept = await sweepAbandonedJobs({ ctx: { db, now } });
  return { swept };
}
