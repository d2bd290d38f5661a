import { app } from './app';
import { loadConfig } from './config';
import { createDb } from './db/client';
import { runDueJobs } from './scheduled';

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(runDueJobs({ db: createDb(env.DB), config: loadConfig(env), now: new Date(controller.scheduledTime) }));
  },
} satisfies ExportedHandler<Env>;
