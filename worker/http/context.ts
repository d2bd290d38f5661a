import type { CompanyRow } from '../db/companies';
import type { Db } from '../db/client';
import type { Principal } from '../companies';
import type { Config } from '../config';

/** What every verb receives: the db for this invocation, config, the clock and who is asking. */
export interface RequestCtx {
  db: Db;
  config: Config;
  now: Date;
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    ctx: RequestCtx;
    principal: Principal | { kind: 'admin' };
    company: CompanyRow;
  };
}
