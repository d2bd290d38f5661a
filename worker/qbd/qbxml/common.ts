import { formatCents } from '../../ledger';
import type { RecordKind } from '../../db/schema/enums';
import { el, ref, text, type Child } from '../xml';
import type { BuildRefs } from './types';

/** Thrown inside a builder when a referenced record has no QuickBooks id; caught by `buildJobRequests`. */
export class MissingReference extends Error {
  constructor(readonly kind: RecordKind, readonly id: string, readonly field: string) {
    super(`${field} ${kind} ${id} is not in QuickBooks`);
  }
}

/** Thrown when a company setting the request needs is not mapped to QuickBooks. */
export class MissingSetting extends Error {
  constructor(readonly setting: string, message: string) {
    super(message);
  }
}

/** Thrown for changes qbXML cannot express (e.g. there is no StandardTermsMod). */
export class UnsupportedChange extends Error {}

/**
 * A reference to another Sharper list record: by its QuickBooks ListID, or by FullName when an
 * earlier request of the same message adds it (QuickBooks runs a message's requests in order).
 */
export function idRef(refs: BuildRefs, name: string, kind: RecordKind, id: string | undefined, field: string): string | null {
  if (!id) return null;
  const qbId = refs.id(kind, id);
  if (qbId) return ref(name, { listId: qbId });
  const earlier = refs.earlier?.(kind, id);
  if (earlier?.fullName) return ref(name, { fullName: earlier.fullName });
  throw new MissingReference(kind, id, field);
}

/** The company's A/R account (`ARAccountRef`, or an `AccountRef` that must post to A/R), if known. */
export function arAccountRef(refs: BuildRefs, name: string): string | null {
  return ref(name, refs.arAccountId ? { listId: refs.arAccountId } : refs.arAccountName ? { fullName: refs.arAccountName } : null);
}

/** The `defMacro` an invoice, credit memo or payment Add carries, so later requests can use its TxnID. */
export const txnMacro = (jobId: number) => `TxnID:${jobId}`;

export const amount = (name: string, cents: number | undefined) => (cents === undefined ? null : text(name, formatCents(cents)));

/** An AMTTYPE value QuickBooks sent (it may group thousands) → cents; blank is zero, anything else null. */
export function amountCents(value: string): number | null {
  const v = value.replace(/,/g, '').trim();
  if (v === '') return 0;
  if (!/^-?\d+(\.\d+)?$/.test(v)) return null;
  return Math.round(Number(v) * 100);
}

/** US files ship with the sales-tax codes `Tax` and `Non`; lines and items only say which. */
export const taxCode = (name: string, taxable: boolean | undefined) =>
  taxable === undefined ? null : ref(name, { fullName: taxable ? 'Tax' : 'Non' }, 3);

export interface AddressInput {
  line1?: string;
  line2?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  country?: string;
}

export function address(name: string, a: AddressInput | undefined): string | null {
  if (!a) return null;
  return el(name, [
    text('Addr1', a.line1, 41),
    text('Addr2', a.line2, 41),
    text('City', a.city, 31),
    text('State', a.state, 21),
    text('PostalCode', a.postalCode, 13),
    text('Country', a.country, 31),
  ]);
}

/** `<XxxAddRq>`/`<XxxModRq>` around one aggregate. */
export const rq = (name: string, inner: string, requestId: string, attrs: Record<string, string | undefined> = {}) =>
  el(`${name}Rq`, inner, { requestID: requestId, ...attrs });

/** Add vs Mod: Mod starts with the id and the EditSequence QuickBooks last gave us. */
export function addOrMod(
  base: string,
  idName: 'ListID' | 'TxnID',
  existing: { qbId: string; qbLock: string | null } | null,
  addFields: Child[],
  modFields: Child[] = addFields,
  addAttrs: Record<string, string | undefined> = {},
): { op: 'Add' | 'Mod'; xml: string } {
  if (!existing) return { op: 'Add', xml: el(`${base}Add`, addFields, addAttrs) };
  return { op: 'Mod', xml: el(`${base}Mod`, [text(idName, existing.qbId), text('EditSequence', existing.qbLock ?? '0', 16), ...modFields]) };
}

/** `<name>TxnID</name>` of another Sharper transaction: in QuickBooks, or added earlier in this message (macro). */
export function txnIdOf(refs: BuildRefs, name: string, kind: RecordKind, id: string, field: string): string | null {
  const qbId = refs.id(kind, id);
  if (qbId) return text(name, qbId);
  const earlier = refs.earlier?.(kind, id);
  if (earlier?.macro) return el(name, [], { useMacro: earlier.macro });
  throw new MissingReference(kind, id, field);
}
