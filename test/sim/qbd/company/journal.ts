import type { Handler } from './context.js';
import { readBool, readCents } from './fields.js';
import { formatCents } from './money.js';
import { txnRet } from './ret-txn.js';
import { statusErrors } from './status.js';
import { commitTxn, modHeader, newTxn, txnForMod } from './txn-common.js';
import type { TxnLine } from './types.js';
import { child } from './xml.js';

/**
 * JournalEntryAdd: debits must equal credits, and an A/R line must name a customer.
 * The 3180 code for both is a best guess (the reference marks it unconfirmed).
 */
export const journalEntryAdd: Handler = (ctx, rq) => {
  const { store } = ctx;
  const body = child(rq, 'JournalEntryAdd')!;
  const je = newTxn(ctx, 'JournalEntry', body);
  let debits = 0;
  let credits = 0;
  for (const n of body.children) {
    if (n.name !== 'JournalDebitLine' && n.name !== 'JournalCreditLine') continue;
    const acct = store.resolveActiveRef(child(n, 'AccountRef'), ['Account'], 'Account', 'Journal Entry');
    const entity = store.resolveActiveRef(child(n, 'EntityRef'), ['Customer'], 'Customer', 'Journal Entry');
    if (!acct) throw statusErrors.saveError('Journal Entry', 'An account is required on every journal line.');
    if (acct.accountType === 'AccountsReceivable' && !entity) {
      throw statusErrors.saveError('Journal Entry', 'You must specify a customer in the Name field when posting to Accounts Receivable.');
    }
    const side = n.name === 'JournalDebitLine' ? 'Debit' : 'Credit';
    const amount = readCents(n, 'Amount') ?? 0;
    if (side === 'Debit') debits += amount;
    else credits += amount;
    const line: TxnLine = {
      txnLineId: store.ids.txnLineId(), side, accountId: acct.listId, amountCents: amount,
      memo: child(n, 'Memo')?.text, entityId: entity?.listId,
    };
    je.lines.push(line);
  }
  if (debits !== credits) {
    throw statusErrors.saveError('Journal Entry',
      `Transaction not in balance: debits ${formatCents(debits)} do not equal credits ${formatCents(credits)}.`);
  }
  je.totalCents = debits;
  je.isAdjustment = readBool(body, 'IsAdjustment');
  je.postings = je.lines.map((l) => ({
    accountId: l.accountId!, cents: l.side === 'Debit' ? l.amountCents : -l.amountCents, entityId: l.entityId,
  }));
  commitTxn(ctx, je);
  return { rets: [txnRet(store, je, { lines: true, linked: false })] };
};

export const journalEntryMod: Handler = (ctx, rq) => {
  const body = child(rq, 'JournalEntryMod')!;
  const je = txnForMod(ctx, 'JournalEntry', body);
  modHeader(je, body);
  ctx.store.touch(je);
  return { rets: [txnRet(ctx.store, je, { lines: true, linked: false })] };
};
