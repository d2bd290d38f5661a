import { randomUUID } from 'node:crypto';
import type { Handler, HandlerContext, HandlerResult } from './context.js';
import { readBool, readDate, readDateTime, readInt } from './fields.js';
import { listRet } from './ret-list.js';
import { txnRet } from './ret-txn.js';
import { STATUS_NO_MATCH, statusErrors } from './status.js';
import type { ListKind, ListRecord, TxnKind, TxnRecord } from './types.js';
import { child, childrenNamed, type XNode } from './xml.js';

function matches(value: string, criterion: string, want: string): boolean {
  const v = value.toLowerCase();
  const w = want.toLowerCase();
  if (criterion === 'StartsWith') return v.startsWith(w);
  if (criterion === 'EndsWith') return v.endsWith(w);
  return v.includes(w);
}

/** ListID/FullName/TxnID/RefNumber lists: found objects plus a 500 warning for the missing ones. */
function byIds<T>(ids: string[], find: (id: string) => T | undefined): { found: T[]; missing: string[] } {
  const found: T[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const f = find(id);
    if (f) found.push(f);
    else missing.push(id);
  }
  return { found, missing };
}

function modifiedIn(time: string, from?: number, to?: number): boolean {
  const t = Date.parse(time);
  return (from === undefined || t >= from) && (to === undefined || t <= to);
}

/** Shapes the Rs: IncludeRetElement trimming, MaxReturned, iterators, status 1 / 500. */
export function finishQuery(ctx: HandlerContext, rq: XNode, rets: XNode[], missing: string[]): HandlerResult {
  const include = childrenNamed(rq, 'IncludeRetElement').map((n) => n.text);
  let out = include.length > 0 ? rets.map((r) => ({ ...r, children: r.children.filter((c) => include.includes(c.name)) })) : rets;
  const max = readInt(rq, 'MaxReturned');
  const attrs: Record<string, string> = {};
  const iterator = rq.attrs.iterator;
  if (iterator === 'Start') {
    const id = `{${randomUUID()}}`;
    const page = out.slice(0, max ?? out.length);
    ctx.iterators.set(id, { rets: out.slice(page.length), name: rq.name });
    attrs.iteratorRemainingCount = String(out.length - page.length);
    attrs.iteratorID = id;
    out = page;
  } else if (max !== undefined) out = out.slice(0, max);
  if (missing.length > 0) {
    return {
      rets: out, attrs,
      status: { code: 500, severity: 'Warn', message: `The query request has not been fully completed. There was a required element ("${missing[0]}") that could not be found in QuickBooks.` },
    };
  }
  return { rets: out, attrs, status: out.length === 0 ? STATUS_NO_MATCH : undefined };
}

/** iterator="Continue": next page of a result set kept for this session. */
function continueIterator(ctx: HandlerContext, rq: XNode): HandlerResult | undefined {
  if (rq.attrs.iterator !== 'Continue') return undefined;
  const id = rq.attrs.iteratorID ?? '';
  const state = ctx.iterators.get(id);
  if (!state || state.name !== rq.name) throw statusErrors.iteratorInvalid(id);
  const max = readInt(rq, 'MaxReturned') ?? state.rets.length;
  const page = state.rets.splice(0, max);
  if (state.rets.length === 0) ctx.iterators.delete(id);
  return { rets: page, attrs: { iteratorRemainingCount: String(state.rets.length), iteratorID: id } };
}

export function listQuery(kinds: ListKind[]): Handler {
  return (ctx, rq) => {
    const cont = continueIterator(ctx, rq);
    if (cont) return cont;
    const { store } = ctx;
    const render = (r: ListRecord) => listRet(store, r);
    const listIds = childrenNamed(rq, 'ListID').map((n) => n.text);
    const names = childrenNamed(rq, 'FullName').map((n) => n.text);
    if (listIds.length > 0 || names.length > 0) {
      const { found, missing } = listIds.length > 0
        ? byIds(listIds, (id) => { const r = store.lists.get(id); return r && kinds.includes(r.kind) ? r : undefined; })
        : byIds(names, (n) => store.findByFullName(kinds, n));
      return finishQuery(ctx, rq, found.map(render), missing);
    }
    const active = child(rq, 'ActiveStatus')?.text ?? 'ActiveOnly';
    const from = readDateTime(rq, 'FromModifiedDate', false);
    const to = readDateTime(rq, 'ToModifiedDate', true);
    const nf = child(rq, 'NameFilter');
    const nr = child(rq, 'NameRangeFilter');
    const types = childrenNamed(rq, 'AccountType').map((n) => n.text);
    const rows = store.listsOf(kinds).filter((r) =>
      (active === 'All' || (active === 'ActiveOnly') === r.isActive) &&
      modifiedIn(r.timeModified, from, to) &&
      (!nf || matches(r.fullName, child(nf, 'MatchCriterion')!.text, child(nf, 'Name')!.text)) &&
      (!nr || ((child(nr, 'FromName')?.text ?? '') <= r.fullName && r.fullName <= (child(nr, 'ToName')?.text ?? '\uffff'))) &&
      (types.length === 0 || types.includes(r.accountType ?? '')));
    return finishQuery(ctx, rq, rows.map(render), []);
  };
}

function entityMatch(ctx: HandlerContext, t: TxnRecord, f: XNode | undefined): boolean {
  if (!f) return true;
  const ids = new Set(childrenNamed(f, 'ListID').map((n) => n.text));
  for (const n of childrenNamed(f, 'FullName')) {
    const r = ctx.store.findByFullName(['Customer'], n.text);
    if (r) ids.add(r.listId);
  }
  const withKids = child(f, 'ListIDWithChildren')?.text ?? child(f, 'FullNameWithChildren')?.text;
  if (withKids) {
    const root = ctx.store.lists.get(withKids) ?? ctx.store.findByFullName(['Customer'], withKids);
    const entity = t.entityId ? ctx.store.lists.get(t.entityId) : undefined;
    return !!root && !!entity && (entity.listId === root.listId || entity.fullName.startsWith(`${root.fullName}:`));
  }
  return !!t.entityId && ids.has(t.entityId);
}

export function txnQuery(kind: TxnKind): Handler {
  return (ctx, rq) => {
    const cont = continueIterator(ctx, rq);
    if (cont) return cont;
    const { store } = ctx;
    const opts = { lines: readBool(rq, 'IncludeLineItems') ?? false, linked: readBool(rq, 'IncludeLinkedTxns') ?? false };
    const render = (t: TxnRecord) => txnRet(store, t, opts);
    const all = store.txnsOf(kind);
    const txnIds = childrenNamed(rq, 'TxnID').map((n) => n.text);
    if (txnIds.length > 0) {
      const { found, missing } = byIds(txnIds, (id) => all.find((t) => t.txnId === id));
      return finishQuery(ctx, rq, found.map(render), missing);
    }
    const refs = childrenNamed(rq, 'RefNumber').map((n) => n.text.toLowerCase());
    const refsCs = childrenNamed(rq, 'RefNumberCaseSensitive').map((n) => n.text);
    const mdr = child(rq, 'ModifiedDateRangeFilter');
    const tdr = child(rq, 'TxnDateRangeFilter');
    const rf = child(rq, 'RefNumberFilter');
    const paid = child(rq, 'PaidStatus')?.text ?? 'All';
    const fromTxn = tdr ? readDate(tdr, 'FromTxnDate') : undefined;
    const toTxn = tdr ? readDate(tdr, 'ToTxnDate') : undefined;
    const fromMod = mdr ? readDateTime(mdr, 'FromModifiedDate', false) : undefined;
    const toMod = mdr ? readDateTime(mdr, 'ToModifiedDate', true) : undefined;
    const rows = all.filter((t) =>
      (refs.length === 0 || refs.includes((t.refNumber ?? '').toLowerCase())) &&
      (refsCs.length === 0 || refsCs.includes(t.refNumber ?? '')) &&
      modifiedIn(t.timeModified, fromMod, toMod) &&
      (!fromTxn || t.txnDate >= fromTxn) && (!toTxn || t.txnDate <= toTxn) &&
      entityMatch(ctx, t, child(rq, 'EntityFilter')) &&
      (!rf || matches(t.refNumber ?? '', child(rf, 'MatchCriterion')!.text, child(rf, 'RefNumber')!.text)) &&
      (paid === 'All' || (paid === 'PaidOnly') === (t.openCents === 0)));
    return finishQuery(ctx, rq, rows.map(render), []);
  };
}
