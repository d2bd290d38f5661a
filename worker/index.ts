import { app } from './app';
import { loadConfig } from './config';
import { createDb } from './db/client';
import { runDueJobs } from './scheduled';

export default {
  fetch: app.fetch,
  // Awaited, not waitUntil: a cron event may run for minutes only while its handler is pending;
  // waitUntil work is cut off soon after the handler returns, which would orphan claimed jobs.
  async scheduled(controller, env, _ctx) {
    await runDueJobs({ db: createDb(env.DB), config: loadConfig(env), now: new Date(controller.scheduledTime) });
  },
} satisfies ExportedHandler<Env>;
