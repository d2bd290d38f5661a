import type { SalesTaxItemInput } from '../../ledger';
import type { JobOutcome } from '../../queue';
import { firstError } from '../api/fault';
import { qboQuote, singleRequestId } from './ids';
import type { PlannedJob, SendCtx } from './context';
import { post, queryOne, saveAndPost } from './transport';

async function agencyId(ctx: SendCtx, name: string): Promise<string | JobOutcome> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${ctx.companyId}:${name}`)));
  const requestId = `ta${[...digest].map((b) => b.toString(16).padStart(2, '0')).join('').slice(0, 40)}`;
  const res = await post(ctx.api, '/taxagency', { DisplayName: name }, requestId);
  if (res.kind === 'ok') return String(res.json.TaxAgency.Id);
  if (res.kind === 'fault' && firstError(res.fault).code === '6240') {
    const rows = await queryOne(ctx, `select * from TaxAgency where DisplayName = ${qboQuote(name)}`);
    if (rows?.[0]) return String(rows[0].Id);
  }
  if (res.kind === 'throttled') ctx.throttled = true;
  return { kind: 'failed', code: 'QBO_TAX_AGENCY', message: `Could not find or create the tax agency "${name}" in QuickBooks Online`, retryable: true };
}

/**
 * A Sharper sales-tax item becomes a QBO TaxCode with one rate, created through the tax
 * service (TaxCode and TaxRate are read-only entities). An existing code of the same name is adopted.
 */
export async function syncTaxCode(ctx: SendCtx, pj: PlannedJob): Promise<JobOutcome> {
  const d = pj.job.data as SalesTaxItemInput;
  const agency = await agencyId(ctx, d.agency);
  if (typeof agency !== 'string') return agency;
  const body = { TaxCode: d.name, TaxRateDetails: [{ TaxRateName: d.name, RateValue: d.rate, TaxAgencyId: agency, TaxApplicableOn: 'Sales' }] };
  const res = await saveAndPost(ctx, [pj], singleRequestId(pj.job), '/taxservice/taxcode', body);
  if (res.kind === 'ok') return { kind: 'synced', qbId: String(res.json.TaxCodeId), qbLock: '0' };
  if (res.kind === 'throttled') return { kind: 'failed', code: 'QBO_THROTTLED', message: 'Throttled by QuickBooks Online; runs again next hour', retryable: true };
  if (res.kind === 'lost') return { kind: 'unknown', code: 'QBO_NO_ANSWER', message: res.message };
  const e = firstError(res.fault);
  if (e.code === '6240') {
    const rows = await queryOne(ctx, `select * from TaxCode where Name = ${qboQuote(d.name)}`);
    if (rows?.[0]) return { kind: 'synced', qbId: String(rows[0].Id), qbLock: rows[0].SyncToken ?? '0', message: `Adopted the existing QuickBooks tax code "${d.name}"` };
  }
  return { kind: 'failed', code: `QBO_${e.code}`, message: `QuickBooks Online refused tax code "${d.name}" (${e.code}): ${e.message} ${e.detail}`.trim(), retryable: false };
}
