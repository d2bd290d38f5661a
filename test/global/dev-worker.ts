import type { TestProject } from 'vitest/node';
import { startLocalWorker } from '../../scripts/lib/local-worker';

const ADMIN_TOKEN = 'node-tests-admin-token-0123456789';


/**
 * For Node-side tests that need the real Worker over HTTP (the Web Connector simulator, the
 * browser tests): `wrangler dev` on workerd with its own fresh local D1.
 */
export default async function setup(project: TestProject) {
  const worker = await startLocalWorker({
    name: 'test',
    vars: { ADMIN_TOKEN, ENCRYPTION_KEY: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=', TEST_SUPPORT: 'enabled' },
  });
  project.provide('workerUrl', worker.url);
  project.provide('adminToken', ADMIN_TOKEN);
  return () => worker.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    workerUrl: string;
    adminToken: string;
  }
}
