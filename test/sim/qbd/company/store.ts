import type { IdFactory } from './ids.js';
import { statusErrors } from './status.js';
import { CREDIT_NORMAL, ITEM_KINDS, type ListKind, type ListRecord, type TxnKind, type TxnRecord } from './types.js';
import { child, type XNode } from './xml.js';

/** Which names share one namespace for the 3100 uniqueness rule. */
export function namespaceOf(kind: ListKind): string {
  return (ITEM_KINDS as readonly string[]).includes(kind) ? 'Item' : kind;
}

export interface DeletedTxn {
  kind: TxnKind;
  txnId: string;
  refNumber?: string;
  timeDeleted: string;
}

export interface StoreSnapshot {
  lists: Map<string, ListRecord>;
  txns: Map<string, TxnRecord>;
  deleted: DeletedTxn[];
  companyDataExt: Map<string, string>;
}

/** The company file's data. Plain maps: the whole company is small and lives for one test. */
export class CompanyStore {
  readonly lists = new Map<string, ListRecord>();
  readonly txns = new Map<string, TxnRecord>();
  readonly deleted: DeletedTxn[] = [];
  /** DataExt values on the Company record, keyed `${ownerId}|${name}` (QBWC's FileID lives here). */
  readonly companyDataExt = new Map<string, string>();

  constructor(readonly ids: IdFactory) {}

  listsOf(kinds: readonly ListKind[]): ListRecord[] {
    return [...this.lists.values()].filter((r) => kinds.includes(r.kind));
  }

  txnsOf(kind: TxnKind): TxnRecord[] {
    return [...this.txns.values()].filter((t) => t.kind === kind);
  }

  findByFullName(kinds: readonly ListKind[], fullName: string): ListRecord | undefined {
    const want = fullName.toLowerCase();
    return this.listsOf(kinds).find((r) => r.fullName.toLowerCase() === want);
  }

  /** Any record in the same namespace holding this full name (3100). */
  nameTaken(kind: ListKind, fullName: string, exceptId?: string): boolean {
    const ns = namespaceOf(kind);
    const want = fullName.toLowerCase();
    for (const r of this.lists.values()) {
      if (namespaceOf(r.kind) === ns && r.listId !== exceptId && r.fullName.toLowerCase() === want) return true;
    }
    return false;
  }

  /**
   * Resolves a `{ListID?, FullName?}` reference. ListID wins when both are sent, as in QB.
   * `label` is the QB object word used in the 3140 message ("Customer", "Item", "Account").
   */
  resolveRef(ref: XNode | undefined, kinds: readonly ListKind[], label: string, inObject: string): ListRecord | undefined {
    if (!ref) return undefined;
    const listId = child(ref, 'ListID')?.text;
    const fullName = child(ref, 'FullName')?.text;
    const found = listId !== undefined
      ? this.lists.get(listId)
      : fullName !== undefined ? this.findByFullName(kinds, fullName) : undefined;
    if (!found || !kinds.includes(found.kind)) {
      throw statusErrors.invalidReference(label, listId ?? fullName ?? '', inObject);
    }
    return found;
  }

  /** Like resolveRef, and rejects inactive elements, which QB refuses on new transactions. */
  resolveActiveRef(ref: XNode | undefined, kinds: readonly ListKind[], label: string, inObject: string): ListRecord | undefined {
    const r = this.resolveRef(ref, kinds, label, inObject);
    if (r && !r.isActive) {
      throw statusErrors.invalidReference(label, r.fullName, inObject, 'The specified list element is inactive.');
    }
    return r;
  }

  accountByType(type: string): ListRecord | undefined {
    return this.listsOf(['Account']).find((a) => a.accountType === type);
  }

  accountByName(name: string): ListRecord | undefined {
    return this.findByFullName(['Account'], name);
  }

  /** Account Balance as QB reports it: postings plus opening balance, sign by normal side. */
  accountBalance(accountId: string): number {
    const acct = this.lists.get(accountId);
    let debit = 0;
    for (const t of this.txns.values()) for (const p of t.postings) if (p.accountId === accountId) debit += p.cents;
    const sign = acct?.accountType && CREDIT_NORMAL.has(acct.accountType) ? -1 : 1;
    return sign * debit + (acct?.openBalanceCents ?? 0);
  }

  /** Customer Balance: their A/R postings (invoices up, payments/credits down) plus opening balance. */
  customerBalance(customerId: string, includeJobs = false): number {
    const ids = new Set([customerId]);
    if (includeJobs) for (const r of this.lists.values()) if (this.isDescendant(r, customerId)) ids.add(r.listId);
    let total = 0;
    for (const t of this.txns.values()) {
      for (const p of t.postings) {
        const acct = this.lists.get(p.accountId);
        if (acct?.accountType === 'AccountsReceivable' && p.entityId && ids.has(p.entityId)) total += p.cents;
      }
    }
    for (const id of ids) total += this.lists.get(id)?.openBalanceCents ?? 0;
    return total;
  }

  private isDescendant(r: ListRecord, ancestorId: string): boolean {
    let p = r.parentId;
    while (p) {
      if (p === ancestorId) return true;
      p = this.lists.get(p)?.parentId;
    }
    return false;
  }

  /** True when any transaction references the list element (blocks ListDel). */
  listInUse(listId: string): boolean {
    for (const t of this.txns.values()) {
      if (t.entityId === listId || t.accountId === listId || t.otherAccountId === listId || t.itemSalesTaxId === listId) return true;
      if (t.lines.some((l) => l.itemId === listId || l.accountId === listId || l.entityId === listId)) return true;
      if (t.postings.some((p) => p.accountId === listId)) return true;
    }
    for (const r of this.lists.values()) if (r.parentId === listId || r.taxItemIds?.includes(listId)) return true;
    return false;
  }

  snapshot(): StoreSnapshot {
    return structuredClone({
      lists: this.lists, txns: this.txns, deleted: this.deleted, companyDataExt: this.companyDataExt,
    });
  }

  /** rollbackOnError: put every map back as it was before the message set. */
  restore(s: StoreSnapshot): void {
    const copy = structuredClone(s);
    this.lists.clear();
    copy.lists.forEach((v, k) => this.lists.set(k, v));
    this.txns.clear();
    copy.txns.forEach((v, k) => this.txns.set(k, v));
    this.deleted.splice(0, this.deleted.length, ...copy.deleted);
    this.companyDataExt.clear();
    copy.companyDataExt.forEach((v, k) => this.companyDataExt.set(k, v));
  }

  touch(rec: { timeModified: string; editSequence: string }): void {
    rec.timeModified = this.ids.timestamp();
    rec.editSequence = this.ids.editSequence();
  }
}
