import { parseArgs } from 'node:util';
import { startQboSimulator } from './index';

// `npx tsx test/sim/qbo/cli.ts --port 8788` — the local demo's stand-in for Intuit.
const { values } = parseArgs({
  options: { port: { type: 'string', default: '8788' }, host: { type: 'string', default: '127.0.0.1' } },
});

const sim = await startQboSimulator({ port: Number(values.port), host: values.host });
console.log(`QBO simulator listening on ${sim.url}`);
console.log(`  OAuth authorize: ${sim.url}/connect/oauth2   token: ${sim.url}/oauth2/v1/tokens/bearer`);
console.log(`  API: ${sim.url}/v3/company/{realmId}/...   control: ${sim.url}/__sim/health`);

const shutdown = () => {
  sim.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
