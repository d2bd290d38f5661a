import { err, ok, type Result } from '../shared/result';
import { scanXml, TreeBuilder, XmlDoctypeRefused, XmlSyntaxError, type XmlHandler, type XmlObject, type XmlValue } from './xml-reader';

export type { XmlHandler, XmlObject, XmlValue };

/**
 * The one XML module of the Desktop path: writing qbXML/SOAP text and reading untrusted XML.
 * Reading never expands entities (a DOCTYPE or ENTITY declaration is refused where it appears),
 * so XXE and "billion laughs" payloads get nowhere.
 */

/** Escapes text for element content and attribute values. `'` stays literal (see reference §3.1). */
export function escapeXml(text: string): string {
  // Most values need nothing: a character scan is cheaper than a regex call for these short strings.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 38 || c === 60 || c === 62 || c === 34) return text.replace(ESCAPABLE, (ch) => ESCAPES[ch]);
  }
  return text;
}
const ESCAPABLE = /[&<>"]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five predefined entities and character references; nothing else exists without a DTD. */
export function decodeXml(text: string): string {
  if (text.indexOf('&') === -1) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref] ?? whole;
  });
}

/** A value longer than QuickBooks stores: refused by name, never cut short. */
export class TooLong extends Error {
  constructor(readonly field: string, readonly limit: number, readonly value: string) {
    super(`${field} is ${[...value].length} characters; QuickBooks allows ${limit}`);
  }
}

export type Child = string | null | undefined | false;

/** `<name attrs>children</name>`; children are already-built XML strings (null/false are skipped). */
export function el(name: string, children: Child[] | Child, attrs?: Record<string, string | undefined>): string {
  // Plain loops: this runs for every element of every request, and qbXML has many small ones.
  let inner = '';
  let count = 0;
  if (Array.isArray(children)) {
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      if (typeof c === 'string') {
        inner += c;
        count++;
      }
    }
  } else if (typeof children === 'string') {
    inner = children;
    count = 1;
  }
  let attrText = '';
  if (attrs) {
    for (const k in attrs) {
      const v = attrs[k];
      if (v !== undefined) attrText += ` ${k}="${escapeXml(v)}"`;
    }
  }
  return count === 0 ? `<${name}${attrText}/>` : `<${name}${attrText}>${inner}</${name}>`;
}

/** A text element, checked against QuickBooks' length limit for it; undefined/empty values are left out. */
export function text(name: string, value: string | number | boolean | undefined | null, max?: number): string | null {
  if (value === undefined || value === null || value === '') return null;
  const s = String(value);
  // UTF-16 length bounds the character count from above: count code points only when it could matter.
  if (max !== undefined && s.length > max && [...s].length > max) throw new TooLong(name, max, s);
  return `<${name}>${escapeXml(s)}</${name}>`;
}

/** A list reference by ListID (what the id map holds) or, for QuickBooks' own lists, by FullName. */
export function ref(name: string, r: { listId?: string | null; fullName?: string } | null | undefined, max = 209): string | null {
  if (!r) return null;
  // One template instead of el(text()): references are the most common element of every request.
  if (r.listId) return `<${name}><ListID>${escapeXml(r.listId)}</ListID></${name}>`;
  if (r.fullName) return `<${name}>${text('FullName', r.fullName, max)}</${name}>`;
  return null;
}

export type XmlReadError =
  | { reason: 'empty' }
  | { reason: 'too_large'; limit: number }
  | { reason: 'doctype_refused' }
  | { reason: 'not_xml'; detail: string };

/**
 * Parses untrusted XML into plain objects (namespace prefixes removed, values left as raw text —
 * decode them with `decodeXml`). A DOCTYPE is refused outright: neither SOAP nor qbXML needs one.
 */
export function readXml(input: string, maxChars: number): Result<XmlObject, XmlReadError> {
  const tree = new TreeBuilder(input);
  const refused = scanUntrusted(input, maxChars, tree);
  return refused ? err(refused) : ok(tree.root);
}

/**
 * Checks untrusted XML and reports it to `handler` (see `scanXml`), for readers that keep only a
 * few values; null when it was read, else why it was refused.
 */
export function scanUntrusted(input: string, maxChars: number, handler: XmlHandler): XmlReadError | null {
  if (!/\S/.test(input)) return { reason: 'empty' };
  if (input.length > maxChars) return { reason: 'too_large', limit: maxChars };
  if (!input.trimStart().startsWith('<')) return { reason: 'not_xml', detail: 'the body does not start with "<"' };
  try {
    scanXml(input, handler);
    return null;
  } catch (e) {
    if (e instanceof XmlDoctypeRefused) return { reason: 'doctype_refused' };
    if (e instanceof XmlSyntaxError) return { reason: 'not_xml', detail: `${e.message} (line ${e.line})` };
    throw e;
  }
}

/** The text of a parsed element (raw, entity-decoded), whatever shape the parser gave it. */
export function textOf(v: XmlValue | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return decodeXml(v);
  if (Array.isArray(v)) return textOf(v[0]);
  const t = v['#text'];
  return typeof t === 'string' ? decodeXml(t) : '';
}

/** Always an array, however many siblings the parser saw. */
export function many(v: XmlValue | undefined): XmlValue[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

export function isObject(v: XmlValue | undefined): v is XmlObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
