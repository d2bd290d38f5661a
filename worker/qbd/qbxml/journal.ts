import type { JournalEntryInput } from '../../ledger';
import { el, text } from '../xml';
import { amount, idRef, rq } from './common';
import type { BuildJob, BuildRefs } from './types';

type JournalLine = JournalEntryInput['lines'][number];

function lineFields(l: JournalLine, refs: BuildRefs, i: number) {
  const debit = l.debit !== undefined && l.debit > 0;
  return {
    debit,
    fields: [
      idRef(refs, 'AccountRef', 'account', l.account, `lines[${i}].account`),
      amount('Amount', debit ? l.debit : (l.credit ?? 0)),
      text('Memo', l.memo, 4095),
      idRef(refs, 'EntityRef', 'customer', l.customer, `lines[${i}].customer`),
    ],
  };
}

export function journalEntryRq(job: BuildJob, refs: BuildRefs, requestId: string): string {
  const d = job.data as JournalEntryInput;
  if (job.existing) {
    // Like every transaction Mod, sending lines replaces them all; TxnLineID -1 marks each as new
    // (Sharper does not track QuickBooks' line ids). JournalEntryMod has no header Memo.
    const lines = d.lines.map((l, i) => {
      const { debit, fields } = lineFields(l, refs, i);
      return el('JournalLineMod', [text('TxnLineID', '-1'), text('JournalLineType', debit ? 'Debit' : 'Credit'), ...fields]);
    });
    return rq('JournalEntryMod', el('JournalEntryMod', [
      text('TxnID', job.existing.qbId),
      text('EditSequence', job.existing.qbLock ?? '0', 16),
      text('TxnDate', d.date),
      text('RefNumber', d.docNumber, 11),
      ...lines,
    ]), requestId);
  }
  const lines = d.lines.map((l, i) => {
    const { debit, fields } = lineFields(l, refs, i);
    return el(debit ? 'JournalDebitLine' : 'JournalCreditLine', fields);
  });
  return rq('JournalEntryAdd', el('JournalEntryAdd', [
    text('TxnDate', d.date),
    text('RefNumber', d.docNumber, 11),
    text('Memo', d.memo, 4095),
    text('ExternalGUID', refs.guid('journal_entry', job.sourceId)),
    ...lines,
  ]), requestId);
}
