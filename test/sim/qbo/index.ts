import type { AddressInfo } from 'node:net';
import { createSimServer } from './server';
import { createSimState } from './state';
import type { SimState } from './types';

export interface QboSimulatorOptions {
  /** 0 (default) picks an ephemeral port. */
  port?: number;
  host?: string;
  /** Injected clock; the control API's offset is added on top. */
  clock?: () => Date;
}

export interface QboSimulator {
  /** Base URL, e.g. http://127.0.0.1:53211 — API at `${url}/v3/company/{realmId}/...`. */
  url: string;
  state: SimState;
  close(): Promise<void>;
}

/**
 * Starts a QuickBooks Online Accounting API v3 simulator (OAuth 2.0 server, API, control API).
 * @example
 * const sim = await startQboSimulator();
 * const realm = createRealm(sim.state, { realmId: '123' });
 * // ... point the client at sim.url ...
 * await sim.close();
 */
export async function startQboSimulator(options: QboSimulatorOptions = {}): Promise<QboSimulator> {
  const state = createSimState(options.clock);
  const { server, close } = createSimServer(state);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://${host}:${port}`, state, close };
}

export {
  configureWebhook,
  createTaxCode,
  getEntity,
  getRequestLog,
  getStats,
  listEntities,
  registerClient,
  resetRealm,
  resetSimulator,
  resetStats,
  setClock,
  SimControlError,
  triggerWebhook,
  updateRealmSettings,
  userCreate,
  userDelete,
  userEdit,
  userVoid,
} from './control-ops';
export type { RealmSettingsPatch } from './control-ops';
export { scheduleFault } from './fault-rules';
export type { ScheduleFaultInput } from './fault-rules';
export { expireAccessTokens } from './oauth';
export { createRealm, DEFAULT_CLIENT, now } from './state';
export type { CreateRealmInput } from './state';
export { webhookSignature } from './webhooks';
export type { FaultAction, FaultMatch, FaultRule, Realm, RealmSettings, RealmStats, Rec, SimState } from './types';
