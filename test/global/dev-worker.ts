import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { BIN, freePort, run, startService, stop, waitForHttp } from '../../scripts/lib/processes';

const ADMIN_TOKEN = 'node-tests-admin-token-0123456789';


/**
 * For Node-side tests that need the real Worker over HTTP (the Web Connector simulator, the
 * browser tests): `wrangler dev` on workerd with its own fresh local D1.
 */
export default async function setup(project: TestProject) {
  const persist = mkdtempSync(path.join(os.tmpdir(), 'sharper-test-'));
  await run(BIN('wrangler'), ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist], { quiet: true });
  const port = await freePort();
  const worker = startService(
    'worker',
    BIN('wrangler'),
    ['dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', persist, '--var', `ADMIN_TOKEN:${ADMIN_TOKEN}`, '--var', 'ENCRYPTION_KEY:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=', '--var', 'TEST_SUPPORT:enabled'],
    { quiet: !process.env.VERBOSE },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/health`, 60_000);
  project.provide('workerUrl', url);
  project.provide('adminToken', ADMIN_TOKEN);
  return async () => {
    await stop(worker);
    rmSync(persist, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    workerUrl: string;
    adminToken: string;
  }
}
