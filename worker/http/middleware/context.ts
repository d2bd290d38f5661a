import type { MiddlewareHandler } from 'hono';
import { loadConfig } from '../../config';
import { createDb } from '../../db/client';
import { countingD1 } from '../../db/statement-counter';
import type { AppEnv } from '../context';

export function withContext(): MiddlewareHandler<AppEnv> {
  return async function withContext(c, next) {
    const counted = countingD1(c.env.DB);
    c.set('ctx', { db: createDb(counted.d1), config: loadConfig(c.env), now: new Date() });
    await next();
    c.header('x-d1-statements', String(counted.statements()));
  };
}
