import type { SalesTaxItemInput } from '../../ledger';
import type { JobOutcome } from '../../queue';
import { firstError } from '../api/fault';
import { qboQuote, sameName, singleRequestId } from './ids';
import type { QboSettings } from '../mappers';
import type { PlannedJob, SendCtx } from './context';
import { post, queryOne, saveAndPost, shortList } from './transport';

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

/**
 * With automated sales tax, a Sharper tax item is mapped, not created: to the QBO agency chosen in
 * Settings (`qboTaxAgencies`), else the one named like the item's agency, else the company's first
 * active agency. One metered read. QBO computes which rates apply; the document carries Sharper's
 * amount as TotalTax and QBO prorates it over the agency's rates.
 */
export async function mapTaxItem(ctx: SendCtx, pj: PlannedJob, settings: QboSettings): Promise<JobOutcome> {
  const d = pj.job.data as SalesTaxItemInput;
  const rows = await shortList(ctx, 'TaxAgency');
  if (rows === null) return { kind: 'failed', code: 'QBO_LOOKUP_FAILED', message: "Could not read QuickBooks Online's tax agencies; will try again", retryable: true };
  const active = rows.filter((r) => r.Active !== false);
  const chosen = settings.qboTaxAgencies?.[pj.job.sourceId];
  const names = active.map((r) => `"${r.DisplayName}"`).join(', ') || 'none';
  if (chosen) {
    const agency = active.find((r) => sameName(r.DisplayName, chosen));
    if (!agency) return { kind: 'held', code: 'TAX_AGENCY_NOT_FOUND', message: `Settings map tax item "${d.name}" to the QuickBooks Online tax agency "${chosen}", which the company does not have (its agencies: ${names}). Correct the mapping in Settings, then requeue.` };
    return mapped(d, agency, 'as chosen in Settings');
  }
  const agency = active.find((r) => sameName(r.DisplayName, d.agency)) ?? active[0];
  if (!agency) {
    return { kind: 'held', code: 'SALES_TAX_NOT_SET_UP', message: `QuickBooks Online computes sales tax automatically for this company but has no tax agency yet. Set up sales tax in QuickBooks Online (Taxes → Set up sales tax), then requeue tax item "${d.name}".` };
  }
  return mapped(d, agency, sameName(agency.DisplayName, d.agency) ? 'same name as in Sharper' : `Sharper's agency "${d.agency}" is not in QuickBooks; change it in Settings`);
}

function mapped(d: SalesTaxItemInput, agency: Record<string, any>, why: string): JobOutcome {
  return {
    kind: 'synced',
    qbId: String(agency.Id),
    qbLock: agency.SyncToken ?? null,
    message: `QuickBooks Online uses automated sales tax: it picks the rates itself, and every document carries Sharper's tax amount, which QuickBooks keeps. Tax item "${d.name}" posts to QuickBooks agency "${agency.DisplayName}" (${why}).`,
  };
}
