import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIN, freePort, run, startService, stop, waitForHttp } from './processes';

export interface LocalWorkerOptions {
  /** Names the temporary D1 folder (`sharper-<name>-…`). */
  name: string;
  /** `--var` values for this Worker (secrets otherwise come from `.dev.vars`); a function gets its URL. */
  vars?: Record<string, string> | ((url: string) => Record<string, string>);
  quiet?: boolean;
  /** In its own process group, so it can be killed outright (see `killAndRestart`). */
  detached?: boolean;
}

/**
 * `wrangler dev` on workerd with its own fresh local D1 (migrations applied) on a free port —
 * what the tests, benchmarks, fuzz run and proof each need. `stop` also removes the database.
 */
export async function startLocalWorker({ name, vars = {}, quiet = !process.env.VERBOSE, detached = false }: LocalWorkerOptions) {
  const persist = mkdtempSync(path.join(os.tmpdir(), `sharper-${name}-`));
  await run(BIN('wrangler'), ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist], { quiet: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const given = typeof vars === 'function' ? vars(url) : vars;
  const args = ['dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', persist, ...Object.entries(given).flatMap(([k, v]) => ['--var', `${k}:${v}`])];
  const spawn = () => startService('worker', BIN('wrangler'), args, { quiet, detached });
  let child = spawn();
  await waitForHttp(`${url}/health`, 60_000);
  return {
    url,
    async stop() {
      await stop(child);
      rmSync(persist, { recursive: true, force: true });
    },
    /** The process dies at once (no cleanup, like an invocation killed mid-batch), then starts again on the same D1. Needs `detached`. */
    async killAndRestart() {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
      await new Promise((r) => child.once('exit', r));
      child = spawn();
      await waitForHttp(`${url}/health`, 60_000);
    },
  };
}

export type LocalWorker = Awaited<ReturnType<typeof startLocalWorker>>;
