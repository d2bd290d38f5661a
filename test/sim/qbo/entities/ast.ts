import { fromCents, toCents } from '../money';
import { insertEntity, listLive } from '../store';
import type { Rec, StoredEntity } from '../types';
import { asArray, isRec, type OpContext, str } from './common';

/**
 * The simulator's own guess at AST's rates: state part plus a typical local part, per ship-to
 * state. Real AST rates come from Intuit's engine down to the street address; these only need to
 * differ from what a client imposes, so a missing TotalTax shows up as a different total.
 */
const STATE_RATES: Record<string, readonly (readonly [name: string, percent: number])[]> = {
  CA: [['CA State', 6], ['CA District', 1.25]],
  NY: [['NY State', 4], ['NY Local', 4.875]],
  TX: [['TX State', 6.25], ['TX Local', 2]],
  FL: [['FL State', 6], ['FL County', 1]],
  WA: [['WA State', 6.5], ['WA Local', 3.75]],
};
/** Unknown states get one 7 % rate (guess). */
const DEFAULT_RATES: readonly (readonly [string, number])[] = [['State', 7]];

function addrState(holder: unknown, key: string): string | undefined {
  const addr = isRec(holder) ? holder[key] : undefined;
  const v = isRec(addr) ? str(addr.CountrySubDivisionCode)?.trim().toUpperCase() : undefined;
  return v || undefined;
}

/** Ship-to per reference §4.10: the form's ShipAddr, else the customer's ship/bill address, else the company's. */
export function shipToState(ctx: OpContext, draft: Rec, customer: StoredEntity | undefined): string {
  return (
    addrState(draft, 'ShipAddr') ??
    addrState(customer?.data, 'ShipAddr') ??
    addrState(customer?.data, 'BillAddr') ??
    ctx.realm.settings.companyState.toUpperCase()
  );
}

/**
 * AST keeps its codes in the realm's TaxCode list (created on first use, as AST does when it meets
 * a new jurisdiction; the names are the simulator's). Returns the code and its rates.
 */
export function astCode(ctx: Pick<OpContext, 'realm' | 'now'>, state: string): { code: StoredEntity; rates: StoredEntity[] } {
  const name = `${state} (AST)`;
  const existing = listLive(ctx.realm, 'TaxCode').find((c) => c.data.Name === name);
  const rateOf = (id: unknown) => listLive(ctx.realm, 'TaxRate').find((r) => r.data.Id === id);
  if (existing) {
    const list = isRec(existing.data.SalesTaxRateList) ? asArray(existing.data.SalesTaxRateList.TaxRateDetail) : [];
    const rates = list.filter(isRec).map((d) => rateOf(isRec(d.TaxRateRef) ? d.TaxRateRef.value : undefined));
    return { code: existing, rates: rates.filter((r): r is StoredEntity => r !== undefined) };
  }
  const agency = insertEntity(ctx.realm, 'TaxAgency', { DisplayName: `${state} Department of Revenue (AST)`, TaxTrackedOnSales: true }, ctx.now);
  const rates = (STATE_RATES[state] ?? DEFAULT_RATES).map(([rateName, percent]) =>
    insertEntity(
      ctx.realm,
      'TaxRate',
      { Name: rateName, Description: rateName, Active: true, RateValue: percent, AgencyRef: { value: agency.data.Id }, SpecialTaxType: 'NONE', DisplayType: 'ReadOnly' },
      ctx.now,
    ),
  );
  const code = insertEntity(
    ctx.realm,
    'TaxCode',
    {
      Name: name,
      Description: name,
      Active: true,
      Hidden: false,
      Taxable: true,
      TaxGroup: rates.length > 1,
      SalesTaxRateList: { TaxRateDetail: rates.map((r, i) => ({ TaxRateRef: { value: r.data.Id, name: r.data.Name }, TaxTypeApplicable: 'TaxOnAmount', TaxOrder: i })) },
      PurchaseTaxRateList: { TaxRateDetail: [] },
    },
    ctx.now,
  );
  return { code, rates };
}

/** Splits `total` by `weights` in whole cents, the rounding remainder on the last share. */
export function prorate(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const usable = weights.some((w) => w > 0) ? weights : weights.map(() => 1);
  const sum = usable.reduce((a, b) => a + b, 0);
  const shares = usable.map((w) => Math.floor((total * w) / sum));
  shares[shares.length - 1] += total - shares.reduce((a, b) => a + b, 0);
  return shares;
}

/** An AST TaxLine carries OverrideDeltaAmount when the client's TotalTax replaced AST's own. */
function wasOverridden(previous: Rec | undefined): boolean {
  const detail = previous && isRec(previous.TxnTaxDetail) ? previous.TxnTaxDetail : undefined;
  return asArray(detail?.TaxLine).some((l) => isRec(l) && isRec(l.TaxLineDetail) && l.TaxLineDetail.OverrideDeltaAmount !== undefined);
}

/**
 * The TotalTax a client imposes, if any. A create or full update imposes what it sends. A sparse
 * update that leaves TxnTaxDetail out keeps an earlier override, else lets AST recompute over the
 * new lines (the simulator's choice: QBO's answer here is unconfirmed).
 */
function imposedTotal(ctx: OpContext, draft: Rec, previous: Rec | undefined): number | undefined {
  const write = ctx.write;
  const mentioned = !write || !write.sparse || 'TxnTaxDetail' in write.body;
  if (mentioned) {
    const sent = isRec(draft.TxnTaxDetail) ? draft.TxnTaxDetail.TotalTax : undefined;
    return sent === undefined ? undefined : toCents(sent);
  }
  return wasOverridden(previous) && isRec(previous?.TxnTaxDetail) ? toCents(previous.TxnTaxDetail.TotalTax) : undefined;
}

/**
 * AST: the code is AST's own for the ship-to state, whatever TxnTaxCodeRef the client sent; the tax
 * is AST's rates over the TAX lines, unless the client imposes a TotalTax, which is kept and
 * prorated across those rates (reference §4.10, intuit/QuickBooks-V3-PHP-SDK#199).
 */
export function astTax(ctx: OpContext, draft: Rec, customer: StoredEntity | undefined, taxableCents: number, previous: Rec | undefined) {
  const { code, rates } = astCode(ctx, shipToState(ctx, draft, customer));
  const computed = rates.map((r) => Math.round((taxableCents * Number(r.data.RateValue ?? 0)) / 100));
  const computedTotal = computed.reduce((a, b) => a + b, 0);
  const imposed = imposedTotal(ctx, draft, previous);
  const totalCents = imposed ?? computedTotal;
  const perRate = imposed === undefined ? computed : prorate(imposed, computed);
  const TaxLine = rates.map((r, i) => ({
    Amount: fromCents(perRate[i]),
    DetailType: 'TaxLineDetail',
    TaxLineDetail: {
      TaxRateRef: { value: String(r.data.Id), name: String(r.data.Name) },
      PercentBased: true,
      TaxPercent: Number(r.data.RateValue ?? 0),
      NetAmountTaxable: fromCents(taxableCents),
      ...(imposed === undefined ? {} : { OverrideDeltaAmount: fromCents(perRate[i] - computed[i]) }),
    },
  }));
  const sent = isRec(draft.TxnTaxDetail) ? draft.TxnTaxDetail : {};
  const detail: Rec = { ...sent, TxnTaxCodeRef: { value: String(code.data.Id), name: String(code.data.Name) }, TotalTax: fromCents(totalCents), TaxLine };
  return { totalCents, detail };
}
