import type { Handler, HandlerContext } from './context.js';
import { readBool, readCents } from './fields.js';
import { formatCents } from './money.js';
import { txnRet } from './ret-txn.js';
import { statusErrors } from './status.js';
import { commitTxn, modHeader, newTxn, txnForMod } from './txn-common.js';
import type { TxnLine, TxnRecord } from './types.js';
import { child, type XNode } from './xml.js';

/** One journal line read from the request, checked the way QuickBooks checks it. */
function journalLine(ctx: HandlerContext, n: XNode, side: 'Debit' | 'Credit', base?: TxnLine): TxnLine {
  const { store } = ctx;
  const acctRef = child(n, 'AccountRef');
  const entityRef = child(n, 'EntityRef');
  const acct = acctRef ? store.resolveActiveRef(acctRef, ['Account'], 'Account', 'Journal Entry') : base?.accountId ? store.lists.get(base.accountId) : undefined;
  const entityId = entityRef ? store.resolveActiveRef(entityRef, ['Customer'], 'Customer', 'Journal Entry')?.listId : base?.entityId;
  if (!acct) throw statusErrors.saveError('Journal Entry', 'An account is required on every journal line.');
  if (acct.accountType === 'AccountsReceivable' && !entityId) {
    throw statusErrors.saveError('Journal Entry', 'You must specify a customer in the Name field when posting to Accounts Receivable.');
  }
  return {
    txnLineId: base?.txnLineId ?? store.ids.txnLineId(),
    side,
    accountId: acct.listId,
    amountCents: readCents(n, 'Amount') ?? base?.amountCents ?? 0,
    memo: child(n, 'Memo')?.text ?? base?.memo,
    entityId,
  };
}

/** Debits must equal credits; then the total and the postings follow from the lines. */
function balance(je: TxnRecord): void {
  const sum = (side: string) => je.lines.filter((l) => l.side === side).reduce((a, l) => a + l.amountCents, 0);
  const debits = sum('Debit');
  const credits = sum('Credit');
  if (debits !== credits) {
    throw statusErrors.saveError('Journal Entry',
      `Transaction not in balance: debits ${formatCents(debits)} do not equal credits ${formatCents(credits)}.`);
  }
  je.totalCents = debits;
  je.postings = je.lines.map((l) => ({
    accountId: l.accountId!, cents: l.side === 'Debit' ? l.amountCents : -l.amountCents, entityId: l.entityId,
  }));
}

/**
 * JournalEntryAdd: debits must equal credits, and an A/R line must name a customer.
 * The 3180 code for both is a best guess (the reference marks it unconfirmed).
 */
export const journalEntryAdd: Handler = (ctx, rq) => {
  const body = child(rq, 'JournalEntryAdd')!;
  const je = newTxn(ctx, 'JournalEntry', body);
  for (const n of body.children) {
    if (n.name === 'JournalDebitLine') je.lines.push(journalLine(ctx, n, 'Debit'));
    else if (n.name === 'JournalCreditLine') je.lines.push(journalLine(ctx, n, 'Credit'));
  }
  balance(je);
  je.isAdjustment = readBool(body, 'IsAdjustment');
  commitTxn(ctx, je);
  return { rets: [txnRet(ctx.store, je, { lines: true, linked: false })] };
};

/**
 * JournalEntryMod: like every transaction Mod, sending lines replaces the line list (omitted lines
 * are deleted; TxnLineID -1 adds one, and then JournalLineType says its side). The result must
 * still balance; nothing changes when it does not.
 */
export const journalEntryMod: Handler = (ctx, rq) => {
  const body = child(rq, 'JournalEntryMod')!;
  const current = txnForMod(ctx, 'JournalEntry', body);
  const draft: TxnRecord = structuredClone(current);
  modHeader(draft, body);
  const mods = body.children.filter((n) => n.name === 'JournalLineMod');
  if (mods.length > 0) {
    draft.lines = mods.map((n) => {
      const id = child(n, 'TxnLineID')!.text;
      const base = id === '-1' ? undefined : current.lines.find((l) => l.txnLineId === id);
      if (id !== '-1' && !base) throw statusErrors.notFound(id);
      const type = child(n, 'JournalLineType')?.text ?? base?.side;
      if (type !== 'Debit' && type !== 'Credit') throw statusErrors.saveError('Journal Entry', 'A new journal line needs JournalLineType Debit or Credit.');
      return journalLine(ctx, n, type, base);
    });
  }
  balance(draft);
  ctx.store.touch(draft);
  ctx.store.txns.set(draft.txnId, draft);
  return { rets: [txnRet(ctx.store, draft, { lines: true, linked: false })] };
};
