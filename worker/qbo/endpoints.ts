import type { Config } from '../config';
import type { QboEnvironment } from '../db/schema/qbo-connections';

/** Intuit's hosts (qbo-api.md §1.1, §2.1); QBO_OAUTH_BASE / QBO_API_BASE replace them for the simulator. */
const INTUIT = {
  authorize: 'https://appcenter.intuit.com/connect/oauth2',
  token: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
  revoke: 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke',
  api: { sandbox: 'https://sandbox-quickbooks.api.intuit.com', production: 'https://quickbooks.api.intuit.com' },
} as const;

export const QBO_SCOPE = 'com.intuit.quickbooks.accounting';
export const MINOR_VERSION = '75';

export function oauthEndpoints(config: Config) {
  const base = config.qbo.oauthBase?.replace(/\/$/, '');
  return base
    ? { authorize: `${base}/connect/oauth2`, token: `${base}/oauth2/v1/tokens/bearer`, revoke: `${base}/v2/oauth2/tokens/revoke` }
    : { authorize: INTUIT.authorize, token: INTUIT.token, revoke: INTUIT.revoke };
}

export function apiBase(config: Config, environment: QboEnvironment): string {
  return (config.qboApiBase ?? INTUIT.api[environment]).replace(/\/$/, '');
}
