import type { XNode } from './xml.js';

/**
 * A tiny ordered-schema DSL so element order, required elements and max lengths hold even
 * without Intuit's XSD. Token grammar: `Name[|Alt…][!][*|+][/maxLen][@sinceVersion]`.
 * `!` required, `*` repeatable, `+` required and repeatable. A `Ref` leaf gets the standard
 * `{ListID?, FullName?}` body, with maxLen applying to FullName.
 */
export interface FieldSpec {
  names: string[];
  required: boolean;
  repeat: boolean;
  max?: number;
  since?: number;
  /** Children spec; `'any'` accepts any content (aggregates the simulator does not model). */
  body?: Spec | 'any' | Record<string, Spec>;
}

export type Spec = FieldSpec[];
export type SpecEntry = string | [string, Spec | 'any' | Record<string, Spec>];

const TOKEN = /^([A-Za-z0-9|]+)(!)?([*+])?(?:\/(\d+))?(?:@(\d+(?:\.\d+)?))?$/;

export function refSpec(max?: number): Spec {
  return spec(['ListID', max ? `FullName/${max}` : 'FullName']);
}

export function spec(entries: SpecEntry[]): Spec {
  return entries.map((entry) => {
    const [token, body] = typeof entry === 'string' ? [entry, undefined] : entry;
    const m = TOKEN.exec(token);
    if (!m) throw new Error(`bad spec token ${token}`);
    const names = m[1].split('|');
    const max = m[4] ? Number(m[4]) : undefined;
    const field: FieldSpec = {
      names,
      required: m[2] === '!' || m[3] === '+',
      repeat: m[3] === '*' || m[3] === '+',
      since: m[5] ? Number(m[5]) : undefined,
    };
    if (body) field.body = body;
    else if (names.every((n) => n.endsWith('Ref'))) field.body = refSpec(max);
    else field.max = max;
    return field;
  });
}

/** Copy of an Add spec made optional and prefixed, the way every *Mod aggregate is shaped. */
export function modSpec(idField: 'ListID' | 'TxnID', add: Spec, drop: string[] = [], extra: Spec = []): Spec {
  const head = spec([`${idField}!`, 'EditSequence!/16']);
  const rest = add
    .filter((f) => !f.names.some((n) => drop.includes(n)))
    .map((f) => ({ ...f, required: false }));
  return [...head, ...rest, ...extra];
}

export interface SpecCheck {
  /** Set when QuickBooks' parser would reject the message (0x80040400). */
  parseError?: string;
  /** First too-long string (status 3070) when the message parses. */
  tooLong?: { field: string; value: string };
}

export function checkAgainstSpec(node: XNode, body: Spec, version: number): SpecCheck {
  const result: SpecCheck = {};
  walk(node, body, version, result);
  return result;
}

function walk(node: XNode, body: Spec, version: number, out: SpecCheck): void {
  let pos = 0;
  const seen = new Set<number>();
  for (const c of node.children) {
    if (out.parseError) return;
    let i = pos;
    while (i < body.length && !body[i].names.includes(c.name)) i += 1;
    if (i >= body.length) {
      const known = body.some((f) => f.names.includes(c.name));
      out.parseError = known
        ? `element <${c.name}> is out of order in <${node.name}>`
        : `element <${c.name}> is not allowed in <${node.name}>`;
      return;
    }
    const field = body[i];
    if (seen.has(i) && !field.repeat) {
      out.parseError = `element <${c.name}> repeated in <${node.name}>`;
      return;
    }
    if (field.since !== undefined && field.since > version) {
      out.parseError = `element <${c.name}> needs qbXML ${field.since} (message is ${version})`;
      return;
    }
    seen.add(i);
    pos = i;
    checkField(c, field, version, out);
  }
  if (out.parseError) return;
  const missing = body.find((f, i) => f.required && !seen.has(i));
  if (missing) out.parseError = `required element <${missing.names.join('|')}> missing in <${node.name}>`;
}

function checkField(c: XNode, field: FieldSpec, version: number, out: SpecCheck): void {
  const body = field.body;
  if (body === 'any') return;
  if (body === undefined) {
    if (c.children.length > 0) out.parseError = `element <${c.name}> must not have child elements`;
    else if (field.max !== undefined && c.text.length > field.max && !out.tooLong) {
      out.tooLong = { field: c.name, value: c.text };
    }
    return;
  }
  const sub = Array.isArray(body) ? body : body[c.name];
  if (c.text !== '' && c.children.length === 0 && sub.length > 0) {
    out.parseError = `element <${c.name}> must contain elements, not text`;
    return;
  }
  walk(c, sub, version, out);
}
