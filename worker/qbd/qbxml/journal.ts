import type { JournalEntryInput } from '../../ledger';
import { el, text } from '../xml';
import { amount, idRef, rq, UnsupportedChange } from './common';
import type { BuildJob, BuildRefs } from './types';

export function journalEntryRq(job: BuildJob, refs: BuildRefs, requestId: string): string {
  const d = job.data as JournalEntryInput;
  if (job.existing) {
    throw new UnsupportedChange(
      `Journal entry ${d.docNumber ?? job.sourceId} is already in QuickBooks; qbXML can only change its lines one by one by line id, which Sharper does not track. Void it in Sharper and send a corrected entry.`,
    );
  }
  const lines = d.lines.map((l, i) => {
    const debit = l.debit !== undefined && l.debit > 0;
    return el(debit ? 'JournalDebitLine' : 'JournalCreditLine', [
      idRef(refs, 'AccountRef', 'account', l.account, `lines[${i}].account`),
      amount('Amount', debit ? l.debit : (l.credit ?? 0)),
      text('Memo', l.memo, 4095),
      idRef(refs, 'EntityRef', 'customer', l.customer, `lines[${i}].customer`),
    ]);
  });
  return rq('JournalEntryAdd', el('JournalEntryAdd', [
    text('TxnDate', d.date),
    text('RefNumber', d.docNumber, 11),
    text('Memo', d.memo, 4095),
    text('ExternalGUID', refs.guid('journal_entry', job.sourceId)),
    ...lines,
  ]), requestId);
}
