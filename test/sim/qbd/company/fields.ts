import { parseCents, parseFixed5, parsePrice } from './money.js';
import { statusErrors } from './status.js';
import { child, el, type XNode } from './xml.js';

/** Typed readers for qbXML leaves; a malformed value becomes the status QB gives for it. */

export function readBool(node: XNode | undefined, name: string): boolean | undefined {
  const v = child(node, name)?.text;
  if (v === undefined) return undefined;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw statusErrors.invalidBoolean(v, name);
}

export function readDate(node: XNode | undefined, name: string): string | undefined {
  const v = child(node, name)?.text;
  if (v === undefined) return undefined;
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!d || Number.isNaN(Date.parse(`${v}T00:00:00Z`)) || new Date(`${v}T00:00:00Z`).getUTCDate() !== Number(d[3])) {
    throw statusErrors.invalidDate(v, name);
  }
  return v;
}

/** DATETIMETYPE or DATETYPE filter bound → epoch ms (a bare date means its local start/end). */
export function readDateTime(node: XNode | undefined, name: string, endOfDay: boolean): number | undefined {
  const v = child(node, name)?.text;
  if (v === undefined) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T${endOfDay ? '23:59:59' : '00:00:00'}` : v;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw statusErrors.invalidDate(v, name);
  return ms;
}

export function readCents(node: XNode | undefined, name: string): number | undefined {
  const v = child(node, name)?.text;
  if (v === undefined) return undefined;
  const c = parseCents(v);
  if (c === null) throw statusErrors.invalidAmount(v, name);
  return c;
}

export function readPrice(node: XNode | undefined, name: string): number | undefined {
  const v = child(node, name)?.text;
  if (v === undefined) return undefined;
  const c = parsePrice(v);
  if (c === null) throw statusErrors.invalidAmount(v, name);
  return c;
}

export function readFixed5(node: XNode | undefined, name: string): number | undefined {
  const v = child(node, name)?.text;
  if (v === undefined) return undefined;
  const c = parseFixed5(v);
  if (c === null) throw statusErrors.invalidAmount(v, name);
  return c;
}

export function readInt(node: XNode | undefined, name: string): number | undefined {
  const v = child(node, name)?.text;
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) throw statusErrors.invalidValue(name, v, 'Not an integer.');
  return Number(v);
}

export function refNode(name: string, rec: { listId: string; fullName: string } | undefined): XNode[] {
  return rec ? [el(name, [el('ListID', rec.listId), el('FullName', rec.fullName)])] : [];
}

export function leaf(name: string, value: string | number | boolean | undefined): XNode[] {
  return value === undefined ? [] : [el(name, String(value))];
}
