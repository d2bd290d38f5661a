import type { Config } from '../config';
import type { Db } from '../db/client';
import { findQboConnection } from '../db/qbo-connections';
import { saveQboLimiterWindow } from '../db/qbo-company-prefs';
import { addQboUsage } from '../db/qbo-usage';
import { ServiceError } from '../shared/errors';
import { QboConnectionError } from './errors';
import { realmApi } from './realm-api';

export interface ReportRequest {
  name: 'TrialBalance' | 'AgedReceivables' | 'AgedReceivableDetail';
  params: Record<string, string>;
}

/**
 * Fetches QBO reports for a company, each exactly once (reports are metered reads), counting
 * them in the month's usage. Refuses clearly when the company is not connected.
 */
export async function fetchQboReports({ db, config, companyId, reports, now }: { db: Db; config: Config; companyId: string; reports: ReportRequest[]; now: Date }): Promise<unknown[]> {
  const conn = await findQboConnection(db, companyId);
  if (!conn || conn.status !== 'connected') {
    throw new ServiceError('CONFLICT', `Company ${companyId} is not connected to QuickBooks Online${conn ? ` (${conn.status.replace('_', ' ')})` : ''}; connect it to reconcile`);
  }
  const api = realmApi({ db, config, conn });
  try {
    const out: unknown[] = [];
    for (const r of reports) {
      const res = await api.call({ method: 'GET', path: `/reports/${r.name}`, query: r.params, read: true });
      if (res.kind !== 'ok') {
        const why = res.kind === 'fault' ? (res.fault.errors[0]?.message ?? 'a fault') : res.kind === 'throttled' ? 'too many requests (try again in a minute)' : res.message;
        throw new ServiceError('CONFLICT', `QuickBooks Online did not return the ${r.name} report: ${why}`);
      }
      out.push(res.json);
    }
    return out;
  } catch (error) {
    if (error instanceof QboConnectionError) throw new ServiceError('CONFLICT', error.message, { cause: error });
    throw error;
  } finally {
    await addQboUsage(db, companyId, now.toISOString().slice(0, 7), api.usage);
    await saveQboLimiterWindow(db, { companyId, limiterWindow: JSON.stringify(api.limiter.window()) });
  }
}
