import { err, ok, type Result } from '../../shared/result';
import { escapeCdata, localName, readXmlTree } from '../xml-reader';
import { decodeXml, isObject, scanUntrusted, textOf, type XmlHandler, type XmlObject, type XmlReadError } from '../xml';

export interface QbIdentity {
  qbId: string | null;
  qbLock: string | null;
}

/** One `XxxRs` of a QuickBooks response message. */
export interface QbResponse {
  requestId: string;
  /** e.g. `InvoiceAddRs`. */
  type: string;
  statusCode: number;
  severity: string;
  message: string;
  /** ListID/TxnID and EditSequence of the first `XxxRet` (null without one), read while scanning: all an Add or Mod needs. */
  identity: QbIdentity | null;
  /** The `XxxRet` aggregates (0..n), as parsed objects; built on first use. */
  readonly rets: XmlObject[];
}

/** A response message can be several MB for big queries; this is far above anything 50 requests return. */
export const MAX_RESPONSE_CHARS = 20 * 1024 * 1024;

export type ResponseError = XmlReadError | { reason: 'not_qbxml' };

interface RetSpan {
  name: string;
  start: number;
  end: number;
}

/** The local name (after any prefix) between two offsets is `name`. */
function isName(input: string, start: number, end: number, name: string): boolean {
  const local = end - name.length;
  if (local < start || !input.startsWith(name, local)) return false;
  return local === start || input.charCodeAt(local - 1) === 58; /* : */
}

/** `soap:Body` → `Body`. */

/** One answer; `rets` is parsed from the message text only when something reads it (an Add needs only `identity`). */
class Response implements QbResponse {
  requestId = '';
  statusCode = NaN;
  severity = '';
  message = '';
  identity: QbIdentity | null = null;
  readonly spans: RetSpan[] = [];
  private parsed: XmlObject[] | null = null;

  constructor(
    readonly type: string,
    private readonly input: string,
  ) {}

  get rets(): XmlObject[] {
    return (this.parsed ??= this.spans.flatMap((s) => {
      const ret = readXmlTree(this.input.slice(s.start, s.end))[s.name];
      return isObject(ret) ? [ret] : [];
    }));
  }

  toJSON() {
    const { requestId, type, statusCode, severity, message, identity } = this;
    return { requestId, type, statusCode, severity, message, identity, rets: this.rets };
  }
}

/**
 * Reads QBXML › QBXMLMsgsRs › XxxRs (status attributes) › XxxRet (where it starts and ends, plus
 * the first one's ids). Everything else is checked for well-formedness and skipped uncopied.
 */
class ResponseReader implements XmlHandler {
  readonly responses: Response[] = [];
  isQbxml = false;
  sawMsgs = false;
  private inMsgs = false;
  private current: Response | null = null;
  private openDepth = -1;
  private retName = '';
  private retStart = -1;
  /** The identity field the current depth-4 element holds, or ''. */
  private capture = '';
  private captured = '';

  constructor(private readonly input: string) {}

  open(depth: number, nameStart: number, nameEnd: number) {
    this.openDepth = depth;
    if (depth > 4 || (depth === 4 && (this.retStart === -1 || this.current!.spans.length > 0))) return;
    const { input } = this;
    if (depth === 0) this.isQbxml = isName(input, nameStart, nameEnd, 'QBXML');
    else if (depth === 1) {
      this.inMsgs = this.isQbxml && isName(input, nameStart, nameEnd, 'QBXMLMsgsRs');
      if (this.inMsgs) this.sawMsgs = true;
    } else if (depth === 2) {
      this.current = this.inMsgs && input.startsWith('Rs', nameEnd - 2) ? new Response(localName(input.slice(nameStart, nameEnd)), input) : null;
    } else if (depth === 3) {
      this.retStart = -1;
      if (this.current && input.startsWith('Ret', nameEnd - 3)) {
        this.retName = localName(input.slice(nameStart, nameEnd));
        this.retStart = nameStart - 1;
        if (this.current.spans.length === 0) this.current.identity = { qbId: null, qbLock: null };
      }
    } else {
      // The first Ret's own ids (depth 4); nested ListIDs of references are deeper.
      this.capture = isName(input, nameStart, nameEnd, 'ListID') ? 'ListID' : isName(input, nameStart, nameEnd, 'TxnID') ? 'TxnID' : isName(input, nameStart, nameEnd, 'EditSequence') ? 'EditSequence' : '';
      this.captured = '';
    }
  }

  attribute(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number) {
    const rs = this.current;
    if (this.openDepth !== 2 || !rs) return;
    const attr = localName(this.input.slice(nameStart, nameEnd));
    const value = decodeXml(this.input.slice(valueStart, valueEnd));
    if (attr === 'requestID') rs.requestId = value;
    else if (attr === 'statusCode') rs.statusCode = Number(value || NaN);
    else if (attr === 'statusSeverity') rs.severity = value;
    else if (attr === 'statusMessage') rs.message = value;
  }

  startDone(depth: number, selfClosing: boolean, end: number) {
    if (depth === 2 && this.current) this.responses.push(this.current);
    if (selfClosing && depth === 3 && this.retStart !== -1) this.endRet(end);
    if (selfClosing && depth === 4) this.capture = '';
  }

  text(depth: number, start: number, end: number, blank: boolean) {
    if (depth === 4 && this.capture !== '' && !blank) this.captured += this.input.slice(start, end);
  }

  cdata(depth: number, start: number, end: number) {
    if (depth === 4 && this.capture !== '') this.captured += escapeCdata(this.input.slice(start, end));
  }

  close(depth: number, end: number) {
    if (depth === 4 && this.capture !== '') {
      const identity = this.current!.identity!;
      const value = decodeXml(this.captured.trim());
      if (this.capture === 'EditSequence') identity.qbLock ??= value;
      else identity.qbId ??= value;
      this.capture = '';
    } else if (depth === 3 && this.retStart !== -1) this.endRet(end);
  }

  private endRet(end: number) {
    this.current!.spans.push({ name: this.retName, start: this.retStart, end });
    this.retStart = -1;
  }
}

/** Parses QuickBooks' qbXML response message (the text of `response` in receiveResponseXML). */
export function parseQbxmlResponse(xml: string): Result<QbResponse[], ResponseError> {
  const reader = new ResponseReader(xml);
  const refused = scanUntrusted(xml, MAX_RESPONSE_CHARS, reader);
  if (refused) return err(refused);
  if (!reader.isQbxml || !reader.sawMsgs) return err({ reason: 'not_qbxml' });
  return ok(reader.responses);
}

/** A field of a Ret (`'ParentRef.ListID'` walks into aggregates). */
export function retField(ret: XmlObject, path: string): string | undefined {
  let node: XmlObject | undefined = ret;
  const parts = path.split('.');
  for (const [i, part] of parts.entries()) {
    const v: unknown = node?.[part];
    if (v === undefined) return undefined;
    if (i === parts.length - 1) return textOf(v as XmlObject);
    node = isObject(v as XmlObject) ? (v as XmlObject) : undefined;
  }
  return undefined;
}

/** The id and lock token QuickBooks gave a list element or transaction. */
export function identityOf(ret: XmlObject): QbIdentity {
  return { qbId: retField(ret, 'ListID') ?? retField(ret, 'TxnID') ?? null, qbLock: retField(ret, 'EditSequence') ?? null };
}
