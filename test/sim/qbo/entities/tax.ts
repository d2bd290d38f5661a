import { faults } from '../faults';
import { fromCents, toCents } from '../money';
import { getLive, getStored, insertEntity, listLive } from '../store';
import type { Rec, StoredEntity } from '../types';
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
export function computeTax(ctx: OpContext, draft: Rec, taxableCents: number, previous: Rec | undefined): TaxResult {
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
  let perRate = computed;
  if (explicit && rates.length > 0) {
    const weights = computedTotal > 0 ? computed : rates.map(() => 1);
    const weightSum = weights.reduce((a, b) => a + b, 0);
    perRate = weights.map((w) => Math.floor((totalCents * w) / weightSum));
    perRate[perRate.length - 1] += totalCents - perRate.reduce((a, b) => a + b, 0);
  }
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

/** A US line-level tax code: the pseudo codes TAX/NON, or a real TaxCode id. */
export function checkLineTaxCode(ctx: OpContext, holder: Rec): string {
  const v = refValue(holder, 'TaxCodeRef') ?? 'NON';
  if (v === 'TAX' || v === 'NON') {
    holder.TaxCodeRef = { value: v };
    return v;
  }
  resolveRef(ctx, holder, 'TaxCodeRef', 'TaxCode', true);
  return v;
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
