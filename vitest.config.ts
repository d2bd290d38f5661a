import { existsSync } from 'node:fs';
import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// Intuit's qbXML schema lives beside the repo (never inside it, see AGENTS.md): when it is there,
// the schema tests use it without anyone having to export QBXML_SCHEMA_DIR.
const besideRepo = path.resolve(import.meta.dirname, '../shared/qbxml-schema');
if (!process.env.QBXML_SCHEMA_DIR && existsSync(path.join(besideRepo, 'qbxmlops130.xsd'))) process.env.QBXML_SCHEMA_DIR = besideRepo;

// Two projects: pure logic, simulators and browser tests run in Node; everything that touches
// the Worker runs inside workerd against a real local D1.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['worker/**/*.test.ts', 'test/sim/**/*.test.ts', 'test/node/**/*.test.ts', 'extension/lib/**/*.test.ts'],
          globalSetup: ['./test/global/dev-worker.ts'],
          testTimeout: 30_000,
        },
      },
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations(path.join(import.meta.dirname, 'migrations')),
                ADMIN_TOKEN: 'test-admin-token',
                ENCRYPTION_KEY: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
                TEST_SUPPORT: 'enabled',
                QBO_CLIENT_SECRET: 'sim-client-secret',
                QBO_WEBHOOK_VERIFIER: 'test-webhook-verifier',
                QBO_RETRY_BASE_MS: '5',
              },
            },
          })),
        ],
        test: {
          name: 'workerd',
          include: ['test/integration/**/*.test.ts'],
          setupFiles: ['./test/integration/setup.ts'],
          globalSetup: ['./test/global/qbo-simulator.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
