import { leaf, refNode } from './fields.js';
import { formatCents, formatFixed5 } from './money.js';
import type { CompanyStore } from './store.js';
import type { TxnLine, TxnRecord } from './types.js';
import { el, type XNode } from './xml.js';

export interface RetOptions {
  lines: boolean;
  linked: boolean;
}

/** `*Ret` for a transaction, in ops130 Ret order for the elements the simulator keeps. */
export function txnRet(store: CompanyStore, t: TxnRecord, opts: RetOptions): XNode {
  const ref = (name: string, id?: string) => refNode(name, id ? store.lists.get(id) : undefined);
  const code = (name: string, c?: string) => refNode(name, c ? store.findByFullName(['SalesTaxCode'], c) : undefined);
  const amt = (name: string, cents: number) => el(name, formatCents(cents));
  const extra = (...names: string[]) => t.extra.filter((c) => names.includes(c.name));
  const rest = (...names: string[]) => t.extra.filter((c) => !names.includes(c.name));
  const head = [
    el('TxnID', t.txnId), el('TimeCreated', t.timeCreated), el('TimeModified', t.timeModified),
    el('EditSequence', t.editSequence), el('TxnNumber', String(t.txnNumber)),
  ];
  const linked = opts.linked ? t.links.map((l) => linkedRet(store, l.txnId, l.amountCents, t.kind)) : [];
  const applied = t.links.reduce((s, l) => s + l.amountCents, 0);
  const body: XNode[] = [];
  switch (t.kind) {
    case 'Invoice':
    case 'CreditMemo': {
      const isInv = t.kind === 'Invoice';
      body.push(...ref('CustomerRef', t.entityId), ...ref('ARAccountRef', t.accountId), el('TxnDate', t.txnDate));
      body.push(...leaf('RefNumber', t.refNumber), ...extra('BillAddress', 'ShipAddress', 'IsPending', 'PONumber'));
      body.push(...ref('TermsRef', t.termsId), ...leaf('DueDate', t.dueDate));
      body.push(amt('Subtotal', t.subtotalCents), ...ref('ItemSalesTaxRef', t.itemSalesTaxId));
      body.push(el('SalesTaxPercentage', formatFixed5(t.salesTaxPercentUnits)), amt('SalesTaxTotal', t.salesTaxCents));
      if (isInv) body.push(amt('AppliedAmount', -applied), amt('BalanceRemaining', t.openCents));
      else body.push(amt('TotalAmount', t.totalCents), amt('CreditRemaining', t.openCents));
      body.push(...leaf('Memo', t.memo));
      if (isInv) body.push(el('IsPaid', String(t.openCents === 0 && t.totalCents > 0)));
      body.push(...rest('BillAddress', 'ShipAddress', 'IsPending', 'PONumber'), ...leaf('ExternalGUID', t.externalGuid), ...linked);
      if (opts.lines) body.push(...t.lines.map((l) => salesLineRet(store, isInv ? 'InvoiceLineRet' : 'CreditMemoLineRet', l)));
      break;
    }
    case 'ReceivePayment':
      body.push(...ref('CustomerRef', t.entityId), ...ref('ARAccountRef', t.accountId), el('TxnDate', t.txnDate));
      body.push(...leaf('RefNumber', t.refNumber), amt('TotalAmount', t.totalCents), ...extra('PaymentMethodRef'));
      body.push(...leaf('Memo', t.memo), ...ref('DepositToAccountRef', t.otherAccountId));
      body.push(amt('UnusedPayment', t.openCents), amt('UnusedCredits', 0), ...leaf('ExternalGUID', t.externalGuid));
      body.push(...t.applications.map((a) => appliedRet(store, a.txnId, a.amountCents)));
      break;
    case 'Check':
      body.push(...ref('AccountRef', t.accountId), ...ref('PayeeEntityRef', t.entityId), ...leaf('RefNumber', t.refNumber));
      body.push(el('TxnDate', t.txnDate), amt('Amount', t.totalCents), ...leaf('Memo', t.memo), ...leaf('ExternalGUID', t.externalGuid));
      body.push(...linked);
      if (opts.lines) body.push(...t.lines.map((l) => el('ExpenseLineRet', [
        el('TxnLineID', l.txnLineId), ...ref('AccountRef', l.accountId), amt('Amount', l.amountCents),
        ...leaf('Memo', l.memo), ...ref('CustomerRef', l.entityId),
      ])));
      break;
    case 'ARRefundCreditCard':
      body.push(...ref('CustomerRef', t.entityId), ...ref('RefundFromAccountRef', t.otherAccountId), ...ref('ARAccountRef', t.accountId));
      body.push(el('TxnDate', t.txnDate), ...leaf('RefNumber', t.refNumber), amt('TotalAmount', t.totalCents));
      body.push(...extra('Address', 'PaymentMethodRef'), ...leaf('Memo', t.memo), ...leaf('ExternalGUID', t.externalGuid));
      body.push(...t.applications.map((a) => {
        const credit = store.txns.get(a.txnId);
        return el('RefundAppliedToTxnRet', [
          el('TxnID', a.txnId), el('TxnType', credit?.kind ?? 'CreditMemo'), el('TxnDate', credit?.txnDate ?? ''),
          ...leaf('RefNumber', credit?.refNumber), amt('CreditRemaining', credit?.openCents ?? 0), amt('RefundAmount', a.amountCents),
        ]);
      }));
      break;
    case 'JournalEntry':
      body.push(el('TxnDate', t.txnDate), ...leaf('RefNumber', t.refNumber), ...leaf('IsAdjustment', t.isAdjustment));
      body.push(...leaf('ExternalGUID', t.externalGuid));
      if (opts.lines) body.push(...t.lines.map((l) => el(`Journal${l.side}Line`, [
        el('TxnLineID', l.txnLineId), ...ref('AccountRef', l.accountId), amt('Amount', l.amountCents),
        ...leaf('Memo', l.memo), ...ref('EntityRef', l.entityId),
      ])));
      break;
  }
  return el(`${t.kind}Ret`, [...head, ...body]);
}

function salesLineRet(store: CompanyStore, name: string, l: TxnLine): XNode {
  const item = l.itemId ? store.lists.get(l.itemId) : undefined;
  return el(name, [
    el('TxnLineID', l.txnLineId), ...refNode('ItemRef', item), ...leaf('Desc', l.desc),
    ...leaf('Quantity', l.quantityUnits === undefined ? undefined : formatFixed5(l.quantityUnits)),
    ...(l.ratePercentUnits !== undefined ? [el('RatePercent', formatFixed5(l.ratePercentUnits))]
      : leaf('Rate', l.rateUnits === undefined ? undefined : formatFixed5(l.rateUnits))),
    el('Amount', formatCents(l.amountCents)),
    ...refNode('SalesTaxCodeRef', l.salesTaxCode ? store.findByFullName(['SalesTaxCode'], l.salesTaxCode) : undefined),
  ]);
}

function linkedRet(store: CompanyStore, txnId: string, cents: number, fromKind: TxnRecord['kind']): XNode {
  const other = store.txns.get(txnId);
  // QB reports the link amount from the viewer's side: payments show negative on the invoice.
  const sign = fromKind === 'Invoice' ? -1 : 1;
  return el('LinkedTxn', [
    el('TxnID', txnId), el('TxnType', other?.kind ?? 'Invoice'), el('TxnDate', other?.txnDate ?? ''),
    ...leaf('RefNumber', other?.refNumber), el('LinkType', 'AMTTYPE'), el('Amount', formatCents(sign * cents)),
  ]);
}

function appliedRet(store: CompanyStore, txnId: string, cents: number): XNode {
  const inv = store.txns.get(txnId);
  return el('AppliedToTxnRet', [
    el('TxnID', txnId), el('TxnType', 'Invoice'), el('TxnDate', inv?.txnDate ?? ''), ...leaf('RefNumber', inv?.refNumber),
    el('BalanceRemaining', formatCents(inv?.openCents ?? 0)), el('Amount', formatCents(cents)),
  ]);
}
