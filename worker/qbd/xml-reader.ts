/**
 * A strict, non-validating XML reader for the two dialects the Desktop path receives: SOAP
 * envelopes from the Web Connector and qbXML responses from QuickBooks.
 *
 * Why not fast-xml-parser: its validate + parse pass cost ~75 µs for one record's answer, more
 * than twenty times a JSON round trip of the same record, and the budget is three. Here
 * `scanXml` makes one pass with `indexOf`, checks well-formedness and reports elements, attributes
 * and text as offsets into the input, so a caller copies only what it reads (the qbXML response
 * reader keeps a few ids per answer). `readXmlTree` builds on it the object shape the rest of the
 * code was written against (fast-xml-parser's with `removeNSPrefix`, `@` attributes and `#text`).
 *
 * Safety: no DTD is ever read (a `<!DOCTYPE` or `<!ENTITY` is refused as XmlDoctypeRefused and
 * any other `<!` it does not know fails), so no entity is ever expanded; only the five predefined entities and
 * character references are accepted in text, and they are left raw for `decodeXml`. Nesting is
 * bounded, and every node is created on an explicit stack (no recursion).
 */

export type XmlObject = { [key: string]: XmlValue };
export type XmlValue = string | XmlObject | XmlValue[];

export class XmlSyntaxError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
  }
}

/** A document type or entity declaration: never read, so no entity can ever be expanded (XXE, billion laughs). */
export class XmlDoctypeRefused extends XmlSyntaxError {}

const DOCTYPE_OR_ENTITY = /^<!(?:doctype|entity)/i;

export const MAX_XML_DEPTH = 64;

const BAD_REFERENCE = /&(?!(?:lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/;

const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;
/** ASCII name characters: 1 may start a name, 2 may only continue one (digits, "-", "."). */
const NAME_ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  NAME_ASCII[c] = /[A-Za-z_:]/.test(ch) ? 1 : /[0-9.-]/.test(ch) ? 2 : 0;
}
const isNameStart = (c: number) => (c < 128 ? NAME_ASCII[c] === 1 : c >= 0xc0);
const isNameChar = (c: number) => (c < 128 ? NAME_ASCII[c] !== 0 : c >= 0xc0 || c === 0xb7);

/** What `scanXml` reports, as offsets into its input (`depth` 0 is the root element). */
export interface XmlHandler {
  /** An element's start tag (its qualified name between the offsets; the "<" is just before); attributes follow, then `startDone`. */
  open(depth: number, nameStart: number, nameEnd: number): void;
  attribute(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): void;
  /** After the attributes (`end` is just past the tag): `selfClosing` elements get no `text` and no `close`. */
  startDone(depth: number, selfClosing: boolean, end: number): void;
  /** Character data inside the element at `depth`, raw (references not decoded); `blank` when only white space. */
  text(depth: number, start: number, end: number, blank: boolean): void;
  /** A CDATA section's content (not escaped). */
  cdata(depth: number, start: number, end: number): void;
  /** The end tag of the element at `depth`; `end` is just past it. */
  close(depth: number, end: number): void;
}

/**
 * The same few dozen names recur in every message. Reusing the string seen before (found by
 * length and three characters, confirmed with `startsWith`) saves a copy per tag, and V8 then
 * finds the property key it already knows when the name becomes one.
 */
const NAME_CACHE = new Map<number, string>();
const NAME_CACHE_LIMIT = 4096;

function knownName(input: string, start: number, end: number): string {
  const n = end - start;
  const key = (n << 21) ^ (input.charCodeAt(start) << 14) ^ (input.charCodeAt(start + (n >> 1)) << 7) ^ input.charCodeAt(end - 1);
  const seen = NAME_CACHE.get(key);
  if (seen !== undefined && seen.length === n && input.startsWith(seen, start)) return seen;
  const name = input.slice(start, end);
  if (NAME_CACHE.size >= NAME_CACHE_LIMIT) NAME_CACHE.clear();
  NAME_CACHE.set(key, name);
  return name;
}

/** Checks that `input` is well-formed XML (without a DTD) and reports it to `handler` in order. */
export function scanXml(input: string, handler: XmlHandler): void {
  new Scanner(input, handler).run();
}

class Scanner {
  private pos = 0;
  private readonly len: number;
  /** Offsets of the open elements' names, for matching their end tags without copying them. */
  private readonly nameStarts: number[] = [];
  private readonly nameEnds: number[] = [];
  private rootSeen = false;
  private nextAmp = -2;

  constructor(
    private readonly input: string,
    private readonly handler: XmlHandler,
  ) {
    this.len = input.length;
  }

  run(): void {
    const { input, len } = this;
    while (true) {
      const lt = input.indexOf('<', this.pos);
      const textEnd = lt === -1 ? len : lt;
      if (textEnd > this.pos) this.text(textEnd);
      if (lt === -1) break;
      const next = input.charCodeAt(lt + 1);
      if (next === 47 /* / */) this.closeTag();
      else if (next === 63 /* ? */) this.skipTo('?>', 'a processing instruction that never ends');
      else if (next === 33 /* ! */) this.declaration();
      else this.openTag();
    }
    const depth = this.nameStarts.length;
    if (depth) this.fail(`the document ends inside <${this.nameAt(depth - 1)}>`, len);
    if (!this.rootSeen) this.fail('there is no root element', len);
  }

  private nameAt(level: number) {
    return this.input.slice(this.nameStarts[level], this.nameEnds[level]);
  }

  private fail(message: string, at = this.pos): never {
    let line = 1;
    for (let i = this.input.indexOf('\n'); i !== -1 && i < at; i = this.input.indexOf('\n', i + 1)) line++;
    throw new XmlSyntaxError(message, line);
  }

  private checkReferences(start: number, end: number) {
    // One search for the next "&" serves every text and value before it (most inputs have none).
    if (this.nextAmp !== -1 && this.nextAmp < start) this.nextAmp = this.input.indexOf('&', start);
    const amp = this.nextAmp;
    if (amp === -1 || amp >= end) return;
    if (BAD_REFERENCE.test(this.input.slice(amp, end))) this.fail('an "&" that does not start &lt; &gt; &amp; &quot; &apos; or a character reference', amp);
  }

  /** Character data up to `end`; outside the root only white space is allowed. */
  private text(end: number) {
    const { input } = this;
    const start = this.pos;
    let i = start;
    while (i < end && isSpace(input.charCodeAt(i))) i++;
    const depth = this.nameStarts.length;
    if (i < end) {
      if (depth === 0) this.fail(this.rootSeen ? 'text after the root element' : 'text before the root element', i);
      this.checkReferences(i, end);
      this.handler.text(depth - 1, start, end, false);
    } else if (depth) this.handler.text(depth - 1, start, end, true);
    this.pos = end;
  }

  private skipTo(terminator: string, unterminated: string) {
    const end = this.input.indexOf(terminator, this.pos + 2);
    if (end === -1) this.fail(unterminated);
    this.pos = end + terminator.length;
  }

  private declaration() {
    const { input } = this;
    if (input.startsWith('<!--', this.pos)) return this.skipTo('-->', 'a comment that never ends');
    const depth = this.nameStarts.length;
    if (depth && input.startsWith('<![CDATA[', this.pos)) {
      const end = input.indexOf(']]>', this.pos + 9);
      if (end === -1) this.fail('a CDATA section that never ends');
      this.handler.cdata(depth - 1, this.pos + 9, end);
      this.pos = end + 3;
      return;
    }
    if (DOCTYPE_OR_ENTITY.test(input.slice(this.pos, this.pos + 9))) throw new XmlDoctypeRefused('a DOCTYPE or ENTITY declaration', 1);
    this.fail('a declaration ("<!") that is not allowed here');
  }

  /** Moves past a name; returns where it ends. */
  private skipName(): number {
    const { input, len } = this;
    const start = this.pos;
    if (start >= len || !isNameStart(input.charCodeAt(start))) this.fail('an element or attribute name was expected');
    let i = start + 1;
    while (i < len && isNameChar(input.charCodeAt(i))) i++;
    this.pos = i;
    return i;
  }

  private skipSpace() {
    const { input, len } = this;
    let i = this.pos;
    while (i < len && isSpace(input.charCodeAt(i))) i++;
    this.pos = i;
  }

  private sameName(aStart: number, aEnd: number, bStart: number, bEnd: number) {
    if (aEnd - aStart !== bEnd - bStart) return false;
    const { input } = this;
    for (let i = 0; i < aEnd - aStart; i++) if (input.charCodeAt(aStart + i) !== input.charCodeAt(bStart + i)) return false;
    return true;
  }

  private closeTag() {
    const { input } = this;
    this.pos += 2;
    const start = this.pos;
    const depth = this.nameStarts.length;
    // The end tag must repeat the open element's name: compare in place, then make sure it ends there.
    if (depth === 0) this.fail(`a closing tag </${input.slice(start, this.skipName())}> without an opening tag`);
    // The end tag must repeat the open element's name: compared in place, then it must end there.
    const openStart = this.nameStarts[depth - 1];
    const n = this.nameEnds[depth - 1] - openStart;
    let i = 0;
    while (i < n && input.charCodeAt(openStart + i) === input.charCodeAt(start + i)) i++;
    if (i < n || isNameChar(input.charCodeAt(start + n))) {
      this.fail(`the closing tag </${input.slice(start, this.skipName())}> does not match <${this.nameAt(depth - 1)}>`);
    }
    this.pos = start + n;
    if (input.charCodeAt(this.pos) !== 62) {
      this.skipSpace();
      if (input.charCodeAt(this.pos) !== 62) this.fail(`the closing tag </${this.nameAt(depth - 1)}> is not closed with ">"`);
    }
    this.pos++;
    this.nameStarts.pop();
    this.nameEnds.pop();
    this.handler.close(depth - 1, this.pos);
  }

  private openTag() {
    const { input, len, handler } = this;
    const depth = this.nameStarts.length;
    if (this.rootSeen && depth === 0) this.fail('a second root element');
    this.rootSeen = true;
    this.pos++;
    const nameStart = this.pos;
    const nameEnd = this.skipName();
    handler.open(depth, nameStart, nameEnd);
    // Attribute names of this tag, to refuse a repeated one (tags have a handful at most).
    let attrs: number[] | null = null;
    while (true) {
      const before = this.pos;
      this.skipSpace();
      const c = input.charCodeAt(this.pos);
      if (c === 62 /* > */) {
        this.pos++;
        break;
      }
      if (c === 47 /* / */ && input.charCodeAt(this.pos + 1) === 62) {
        this.pos += 2;
        handler.startDone(depth, true, this.pos);
        return;
      }
      if (this.pos >= len) this.fail(`the tag <${input.slice(nameStart, nameEnd)}> never ends`);
      if (before === this.pos) this.fail(`attributes of <${input.slice(nameStart, nameEnd)}> must be separated by white space`);
      const attrStart = this.pos;
      const attrEnd = this.skipName();
      if (attrs) {
        for (let i = 0; i < attrs.length; i += 2) if (this.sameName(attrs[i], attrs[i + 1], attrStart, attrEnd)) this.fail(`the attribute ${input.slice(attrStart, attrEnd)} appears twice on <${input.slice(nameStart, nameEnd)}>`);
        attrs.push(attrStart, attrEnd);
      } else attrs = [attrStart, attrEnd];
      this.skipSpace();
      if (input.charCodeAt(this.pos) !== 61 /* = */) this.fail(`the attribute ${input.slice(attrStart, attrEnd)} of <${input.slice(nameStart, nameEnd)}> has no value`);
      this.pos++;
      this.skipSpace();
      const quote = input.charCodeAt(this.pos);
      if (quote !== 34 && quote !== 39) this.fail(`the value of ${input.slice(attrStart, attrEnd)} on <${input.slice(nameStart, nameEnd)}> is not quoted`);
      const end = input.indexOf(quote === 34 ? '"' : "'", this.pos + 1);
      if (end === -1) this.fail(`the value of ${input.slice(attrStart, attrEnd)} on <${input.slice(nameStart, nameEnd)}> never ends`);
      const lt = input.indexOf('<', this.pos + 1);
      if (lt !== -1 && lt < end) this.fail(`the value of ${input.slice(attrStart, attrEnd)} on <${input.slice(nameStart, nameEnd)}> contains "<"`);
      this.checkReferences(this.pos + 1, end);
      handler.attribute(attrStart, attrEnd, this.pos + 1, end);
      this.pos = end + 1;
    }
    if (depth >= MAX_XML_DEPTH) this.fail(`elements are nested more than ${MAX_XML_DEPTH} deep`);
    this.nameStarts.push(nameStart);
    this.nameEnds.push(nameEnd);
    handler.startDone(depth, false, this.pos);
  }
}

/** CDATA content as ordinary (still escaped) text, so one `decodeXml` serves both kinds. */
export const escapeCdata = (raw: string) => raw.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** `soap:Body` → `Body`. */
export const localName = (qname: string) => {
  const colon = qname.indexOf(':');
  return colon === -1 ? qname : qname.slice(colon + 1);
};

/**
 * Nodes have no prototype, so a child named `constructor` or `__proto__` is just a key, and
 * "is there a child of this name yet" is a plain lookup.
 */
const newNode = (): XmlObject => Object.create(null) as XmlObject;

function setChild(node: XmlObject, name: string, value: XmlValue): void {
  const existing = node[name];
  if (existing === undefined) node[name] = value;
  // Element values are strings or objects, never arrays, so an array here means repeated siblings.
  else if (Array.isArray(existing)) existing.push(value);
  else node[name] = [existing, value];
}

/** Builds the object tree; the open elements live in three parallel stacks. */
export class TreeBuilder implements XmlHandler {
  readonly root = newNode();
  private readonly names: string[] = [];
  private readonly nodes: (XmlObject | null)[] = [];
  private readonly texts: string[] = [];
  /** The element whose start tag is being read. */
  private name = '';
  private node: XmlObject | null = null;

  constructor(private readonly input: string) {}

  open(_depth: number, nameStart: number, nameEnd: number) {
    this.name = localName(knownName(this.input, nameStart, nameEnd));
    this.node = null;
  }

  attribute(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number) {
    const attr = this.input.slice(nameStart, nameEnd);
    if (attr === 'xmlns' || attr.startsWith('xmlns:')) return;
    if (!this.node) this.node = newNode();
    // Two prefixed attributes can share a local name (a:id, b:id); the first one wins.
    const key = `@${localName(attr)}`;
    if (this.node[key] === undefined) this.node[key] = this.input.slice(valueStart, valueEnd);
  }

  startDone(_depth: number, selfClosing: boolean) {
    if (selfClosing) return this.attach(this.name, this.node, '');
    this.names.push(this.name);
    this.nodes.push(this.node);
    this.texts.push('');
  }

  text(depth: number, start: number, end: number, blank: boolean) {
    // White space counts only between two pieces of text; values are trimmed at the end anyway.
    if (!blank || this.texts[depth] !== '') this.texts[depth] += this.input.slice(start, end);
  }

  cdata(depth: number, start: number, end: number) {
    // Stored escaped, so `decodeXml` gives back exactly the characters of the section.
    this.texts[depth] += escapeCdata(this.input.slice(start, end));
  }

  close() {
    const raw = this.texts.pop()!;
    this.attach(this.names.pop()!, this.nodes.pop()!, raw === '' ? '' : raw.trim());
  }

  /** A finished element becomes its text (no attributes or children) or its node, under its parent. */
  private attach(name: string, node: XmlObject | null, text: string) {
    let value: XmlValue;
    if (node) {
      if (text !== '') node['#text'] = text;
      value = node;
    } else value = text;
    const depth = this.nodes.length;
    if (depth === 0) return setChild(this.root, name, value);
    let parent = this.nodes[depth - 1];
    if (!parent) parent = this.nodes[depth - 1] = newNode();
    setChild(parent, name, value);
  }
}

export function readXmlTree(input: string): XmlObject {
  const builder = new TreeBuilder(input);
  scanXml(input, builder);
  return builder.root;
}
