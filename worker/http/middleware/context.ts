import type { MiddlewareHandler } from 'hono';
import { loadConfig } from '../../config';
import { createDb } from '../../db/client';
import type { AppEnv } from '../context';

export function withContext(): MiddlewareHandler<AppEnv> {
  return async function withContext(c, next) {
    c.set('ctx', { db: createDb(c.env.DB), config: loadConfig(c.env), now: new Date() });
    await next();
  };
}
