import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/** A parsed element. Order of `children` is document order, which qbXML makes significant. */
export interface XNode {
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
  text: string;
}

export interface ParsedXml {
  /** Processing instructions by target, e.g. `qbxml` → `{ version: '13.0' }`. */
  pis: Record<string, Record<string, string>>;
  root: XNode;
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

const builder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  suppressEmptyNode: true,
});

export class XmlSyntaxError extends Error {}

function tagOf(node: OrderedNode): string | undefined {
  return Object.keys(node).find((k) => k !== ':@');
}

function toXNode(node: OrderedNode): XNode | undefined {
  const name = tagOf(node);
  if (!name || name === '#text') return undefined;
  const raw = (node[name] as OrderedNode[]) ?? [];
  const children: XNode[] = [];
  let text = '';
  for (const c of raw) {
    if (tagOf(c) === '#text') text += String(c['#text']);
    else {
      const x = toXNode(c);
      if (x) children.push(x);
    }
  }
  return { name, attrs: { ...(node[':@'] ?? {}) }, children, text };
}

/** Parses a whole document; throws XmlSyntaxError when it is not well-formed. */
export function parseXml(xml: string): ParsedXml {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new XmlSyntaxError(valid.err.msg);
  const nodes = parser.parse(xml) as OrderedNode[];
  const pis: ParsedXml['pis'] = {};
  let root: XNode | undefined;
  for (const n of nodes) {
    const tag = tagOf(n);
    if (!tag) continue;
    if (tag.startsWith('?')) pis[tag.slice(1)] = { ...(n[':@'] ?? {}) };
    else if (!root) root = toXNode(n);
  }
  if (!root) throw new XmlSyntaxError('no root element');
  return { pis, root };
}

function toOrdered(node: XNode): OrderedNode {
  const kids: OrderedNode[] = node.children.map(toOrdered);
  if (node.text !== '') kids.unshift({ '#text': node.text });
  const out: OrderedNode = { [node.name]: kids };
  if (Object.keys(node.attrs).length > 0) out[':@'] = node.attrs;
  return out;
}

/** Serialises with a leading declaration, the way QuickBooks writes responses (`<?xml version="1.0" ?>`). */
export function buildXml(root: XNode, prolog = '<?xml version="1.0" ?>\n'): string {
  return prolog + (builder.build([toOrdered(root)]) as string);
}

export function el(name: string, content?: string | XNode[], attrs: Record<string, string> = {}): XNode {
  if (typeof content === 'string') return { name, attrs, children: [], text: content };
  return { name, attrs, children: content ?? [], text: '' };
}

export function child(node: XNode | undefined, name: string): XNode | undefined {
  return node?.children.find((c) => c.name === name);
}

export function childrenNamed(node: XNode | undefined, name: string): XNode[] {
  return node ? node.children.filter((c) => c.name === name) : [];
}

export function textOf(node: XNode | undefined, name: string): string | undefined {
  return child(node, name)?.text;
}
