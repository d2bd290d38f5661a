import type { AccountInput } from '../../ledger';
import { recordKey, type RecordKey } from '../../queue';
import { txnMacro } from '../qbxml/common';
import { isListKind } from '../qbxml/lookups';
import type { BuildJob, BuildRefs, EarlierAdd, QbRequest } from '../qbxml/types';

type Use = NonNullable<QbRequest['uses']>[number];

/**
 * The Adds already placed in the message being built, so a later request can refer to them before
 * QuickBooks has given them an id: lists by FullName, invoices/credit memos/payments by macro.
 */
export class EarlierAdds {
  #byKey = new Map<RecordKey, EarlierAdd>();

  /** Remembers a job whose Add is in the message (call only after its requests were kept). */
  add(job: BuildJob): void {
    if (job.action !== 'upsert' || job.existing) return;
    const key = recordKey(job.kind, job.sourceId);
    if (isListKind(job.kind)) {
      const name = (job.data as { name: string }).name;
      const parent = job.kind === 'account' ? (job.data as AccountInput).parent : undefined;
      if (!parent) {
        this.#byKey.set(key, { jobId: job.id, fullName: name });
        return;
      }
      // A sub-account is `Parent:Child`; a parent that is already in QuickBooks is known here only
      // by ListID, so such a sub-account is not named (its dependants wait for its id instead).
      const above = this.#byKey.get(recordKey('account', parent));
      if (above?.fullName) this.#byKey.set(key, { jobId: job.id, fullName: `${above.fullName}:${name}` });
      return;
    }
    if (job.kind === 'invoice' || job.kind === 'credit_memo' || job.kind === 'payment') {
      this.#byKey.set(key, { jobId: job.id, macro: txnMacro(job.id) });
    }
  }

  /**
   * The references for one job's requests: the id map first, then earlier Adds (each use is
   * recorded in `uses`, so an error in the answer can be traced back to a dependency that failed).
   */
  refsFor(refs: BuildRefs, arAccount: string | undefined, uses: Use[]): BuildRefs {
    const earlier = (kind: Use['kind'], id: string): EarlierAdd | null => {
      const e = this.#byKey.get(recordKey(kind, id));
      if (!e) return null;
      if (!uses.some((u) => u.kind === kind && u.id === id)) uses.push({ jobId: e.jobId, kind, id, name: e.fullName ?? e.macro ?? '' });
      return e;
    };
    const arEarlier = !refs.arAccountId && arAccount ? this.#byKey.get(recordKey('account', arAccount)) : undefined;
    return {
      ...refs,
      earlier,
      get arAccountName() {
        if (!arEarlier?.fullName) return null;
        if (!uses.some((u) => u.kind === 'account' && u.id === arAccount)) uses.push({ jobId: arEarlier.jobId, kind: 'account', id: arAccount!, name: arEarlier.fullName });
        return arEarlier.fullName;
      },
    };
  }
}
