import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { err, ok, type Result } from '../shared/result';

/**
 * The one XML module of the Desktop path: writing qbXML/SOAP text and reading untrusted XML.
 * Reading never expands entities (no DOCTYPE is accepted at all), so XXE and "billion laughs"
 * payloads are refused before a parser sees them.
 */

/** Escapes text for element content and attribute values. `'` stays literal (see reference §3.1). */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five predefined entities and character references; nothing else exists without a DTD. */
export function decodeXml(text: string): string {
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
export function el(name: string, children: Child[] | Child, attrs: Record<string, string | undefined> = {}): string {
  const list = (Array.isArray(children) ? children : [children]).filter((c): c is string => typeof c === 'string');
  const attrText = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v as string)}"`)
    .join('');
  return list.length === 0 ? `<${name}${attrText}/>` : `<${name}${attrText}>${list.join('')}</${name}>`;
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
  if (r.listId) return el(name, text('ListID', r.listId));
  if (r.fullName) return el(name, text('FullName', r.fullName, max));
  return null;
}

export type XmlReadError =
  | { reason: 'empty' }
  | { reason: 'too_large'; limit: number }
  | { reason: 'doctype_refused' }
  | { reason: 'not_xml'; detail: string };

export type XmlObject = { [key: string]: XmlValue };
export type XmlValue = string | XmlObject | XmlValue[];

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
  textNodeName: '#text',
});

/**
 * Parses untrusted XML into plain objects (namespace prefixes removed, values left as raw text —
 * decode them with `decodeXml`). A DOCTYPE is refused outright: neither SOAP nor qbXML needs one.
 */
export function readXml(input: string, maxChars: number): Result<XmlObject, XmlReadError> {
  if (input.trim() === '') return err({ reason: 'empty' });
  if (input.length > maxChars) return err({ reason: 'too_large', limit: maxChars });
  if (/<!DOCTYPE|<!ENTITY/i.test(input)) return err({ reason: 'doctype_refused' });
  if (!input.trimStart().startsWith('<')) return err({ reason: 'not_xml', detail: 'the body does not start with "<"' });
  try {
    const valid = XMLValidator.validate(input);
    if (valid !== true) return err({ reason: 'not_xml', detail: `${valid.err.msg} (line ${valid.err.line})` });
    return ok(parser.parse(input) as XmlObject);
  } catch (e) {
    return err({ reason: 'not_xml', detail: (e as Error).message });
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
