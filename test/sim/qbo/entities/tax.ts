import { faults, QboFault } from '../faults';
import { fromCents, toCents } from '../money';
import { getLive, getStored, insertEntity, listLive } from '../store';
import type { Rec, StoredEntity } from '../types';
import { astTax, prorate } from './ast';
import { asArray, isRec, type OpContext, refValue, resolveRef, str } from './common';

export interface TaxResult {
  totalCents: number;
  detail: Rec;
}

function ratesOf(ctx: OpContext, code: StoredEntity): StoredEntity[] {
  const list = isRec(code.data.SalesTaxRateList) ? asArray(code.data.SalesTaxRateList.TaxRateDetail) : [];
  return list
    .filter(isRec)
    .map((d) => refValue(d, 'TaxRateRef'))
    .map((id) => (id ? getLive(ctx.realm, 'TaxRate', id) : undefined))
    .filter((r): r is StoredEntity => r !== undefined);
}

/**
 * TxnTaxDetail the way a non-AST company computes it: each rate of TxnTaxCodeRef applied to the
 * taxable lines. An explicit TotalTax (new, or changed by the client) wins and is prorated across
 * the rates, which is also what AST companies do with a supplied TotalTax.
 */
export function computeTax(ctx: OpContext, draft: Rec, taxableCents: number, previous: Rec | undefined, customer?: StoredEntity): TaxResult {
  if (usesAst(ctx)) return astTax(ctx, draft, customer, taxableCents, previous);
  const detail: Rec = isRec(draft.TxnTaxDetail) ? { ...draft.TxnTaxDetail } : {};
  const prevDetail = previous && isRec(previous.TxnTaxDetail) ? previous.TxnTaxDetail : undefined;
  const sentTotal = detail.TotalTax;
  const explicit = sentTotal !== undefined && (prevDetail === undefined || toCents(sentTotal) !== toCents(prevDetail.TotalTax));
  const code = resolveRef(ctx, detail, 'TxnTaxCodeRef', 'TaxCode', false);
  if (!code) {
    const totalCents = sentTotal !== undefined ? toCents(sentTotal) : 0;
    return { totalCents, detail: { ...detail, TotalTax: fromCents(totalCents), TaxLine: [] } };
  }
  const rates = ratesOf(ctx, code);
  const computed = rates.map((r) => Math.round((taxableCents * Number(r.data.RateValue ?? 0)) / 100));
  const computedTotal = computed.reduce((a, b) => a + b, 0);
  const totalCents = explicit ? toCents(sentTotal) : computedTotal;
  const perRate = explicit ? prorate(totalCents, computed) : computed;
  const TaxLine = rates.map((r, i) => ({
    Amount: fromCents(perRate[i]),
    DetailType: 'TaxLineDetail',
    TaxLineDetail: {
      TaxRateRef: { value: String(r.data.Id) },
      PercentBased: true,
      TaxPercent: Number(r.data.RateValue ?? 0),
      NetAmountTaxable: fromCents(taxableCents),
    },
  }));
  return { totalCents, detail: { ...detail, TotalTax: fromCents(totalCents), TaxLine } };
}

function usesAst(ctx: OpContext): boolean {
  return ctx.realm.settings.automatedSalesTax && ctx.realm.settings.country === 'US';
}

/**
 * 6100 as QBO words it for a US company (IPP error-code list; a 2015 Stack Overflow fault quoted
 * in the README). Non-US wording is the simulator's guess.
 */
function invalidLineTaxCode(ctx: OpContext, value: string): QboFault {
  const detail =
    ctx.realm.settings.country === 'US'
      ? `Valid line TaxCodes for US should be TAX or NON. Supplied value: ${value}`
      : `Line TaxCode must be the Id of a TaxCode of this company. Supplied value: ${value}`;
  return new QboFault({ code: '6100', message: 'Invalid Line TaxCode in the request', detail, element: 'Line.SalesItemLineDetail.TaxCodeRef' });
}

/**
 * A line's tax code. AST companies take only TAX/NON; non-US companies only real TaxCode ids;
 * a US company without AST also takes a TaxCode id, as the simulator always has. Returns whether
 * the line is taxable.
 */
export function checkLineTaxCode(ctx: OpContext, holder: Rec): boolean {
  const sent = refValue(holder, 'TaxCodeRef');
  if (ctx.realm.settings.country !== 'US') {
    if (sent === undefined) return false;
    if (sent === 'TAX' || sent === 'NON') throw invalidLineTaxCode(ctx, sent);
    resolveRef(ctx, holder, 'TaxCodeRef', 'TaxCode', true);
    return true;
  }
  const v = sent ?? 'NON';
  if (v === 'TAX' || v === 'NON') {
    holder.TaxCodeRef = { value: v };
    return v === 'TAX';
  }
  if (usesAst(ctx)) throw invalidLineTaxCode(ctx, v);
  resolveRef(ctx, holder, 'TaxCodeRef', 'TaxCode', true);
  return true;
}

/**
 * POST /taxservice/taxcode: creates a TaxCode and any new TaxRates in one call. The reply is the
 * TaxService object itself, not wrapped in an entity key.
 */
export function createTaxService(ctx: OpContext, body: Rec): Rec {
  const codeName = str(body.TaxCode)?.trim();
  if (!codeName) throw faults.required('TaxCode');
  if (listLive(ctx.realm, 'TaxCode').some((c) => String(c.data.Name).toLowerCase() === codeName.toLowerCase())) {
    throw faults.duplicateName(codeName, 'tax code');
  }
  const details = asArray(body.TaxRateDetails).filter(isRec);
  if (details.length === 0) throw faults.required('TaxRateDetails');
  const planned = details.map((d) => {
    const existingId = str(d.TaxRateId);
    if (existingId) {
      const rate = getLive(ctx.realm, 'TaxRate', existingId);
      if (!rate) throw faults.invalidReference('TaxRateId', existingId);
      return { existing: rate, d };
    }
    const name = str(d.TaxRateName)?.trim();
    if (!name) throw faults.required('TaxRateName');
    if (d.RateValue === undefined || !Number.isFinite(Number(d.RateValue))) throw faults.required('RateValue');
    const agencyId = str(d.TaxAgencyId);
    if (!agencyId) throw faults.required('TaxAgencyId');
    const agency = getStored(ctx.realm, 'TaxAgency', agencyId);
    if (!agency || agency.deleted) throw faults.invalidReference('TaxAgencyId', agencyId);
    return { existing: undefined, d, name, agencyId };
  });
  const rates = planned.map((p) =>
    p.existing
      ? p.existing
      : insertEntity(
          ctx.realm,
          'TaxRate',
          {
            Name: p.name,
            Description: p.name,
            Active: true,
            RateValue: Number(p.d.RateValue),
            AgencyRef: { value: p.agencyId },
            SpecialTaxType: 'NONE',
            DisplayType: 'ReadOnly',
          },
          ctx.now,
        ),
  );
  const code = insertEntity(
    ctx.realm,
    'TaxCode',
    {
      Name: codeName,
      Description: codeName,
      Active: true,
      Hidden: false,
      Taxable: true,
      TaxGroup: rates.length > 1,
      SalesTaxRateList: {
        TaxRateDetail: rates.map((r, i) => ({
          TaxRateRef: { value: String(r.data.Id), name: String(r.data.Name) },
          TaxTypeApplicable: 'TaxOnAmount',
          TaxOrder: i,
        })),
      },
      PurchaseTaxRateList: { TaxRateDetail: [] },
    },
    ctx.now,
  );
  return {
    TaxCode: codeName,
    TaxCodeId: String(code.data.Id),
    TaxRateDetails: rates.map((r, i) => ({
      TaxRateName: String(r.data.Name),
      TaxRateId: String(r.data.Id),
      RateValue: Number(r.data.RateValue),
      TaxAgencyId: refValue(r.data, 'AgencyRef') ?? '',
      TaxApplicableOn: str(planned[i].d.TaxApplicableOn) ?? 'Sales',
    })),
  };
}
