import { err, ok, type Result } from '../../shared/result';
import { isObject, many, readXml, textOf, type XmlObject, type XmlReadError } from '../xml';

/** One `XxxRs` of a QuickBooks response message. */
export interface QbResponse {
  requestId: string;
  /** e.g. `InvoiceAddRs`. */
  type: string;
  statusCode: number;
  severity: string;
  message: string;
  /** The `XxxRet` aggregates (0..n), as parsed objects. */
  rets: XmlObject[];
}

/** A response message can be several MB for big queries; this is far above anything 50 requests return. */
export const MAX_RESPONSE_CHARS = 20 * 1024 * 1024;

export type ResponseError = XmlReadError | { reason: 'not_qbxml' };

/** Parses QuickBooks' qbXML response message (the text of `response` in receiveResponseXML). */
export function parseQbxmlResponse(xml: string): Result<QbResponse[], ResponseError> {
  const read = readXml(xml, MAX_RESPONSE_CHARS);
  if (!read.ok) return read;
  const root = read.value.QBXML;
  if (!isObject(root) || !('QBXMLMsgsRs' in root)) return err({ reason: 'not_qbxml' });
  const msgs = root.QBXMLMsgsRs;
  if (!isObject(msgs)) return ok([]);
  const out: QbResponse[] = [];
  for (const [type, value] of Object.entries(msgs)) {
    if (!type.endsWith('Rs')) continue;
    for (const rs of many(value)) {
      if (!isObject(rs)) continue;
      const rets = Object.entries(rs)
        .filter(([k]) => k.endsWith('Ret'))
        .flatMap(([, v]) => many(v).filter(isObject));
      out.push({
        requestId: textOf(rs['@requestID']),
        type,
        statusCode: Number(textOf(rs['@statusCode']) || NaN),
        severity: textOf(rs['@statusSeverity']),
        message: textOf(rs['@statusMessage']),
        rets,
      });
    }
  }
  return ok(out);
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
export function identityOf(ret: XmlObject): { qbId: string | null; qbLock: string | null } {
  return { qbId: retField(ret, 'ListID') ?? retField(ret, 'TxnID') ?? null, qbLock: retField(ret, 'EditSequence') ?? null };
}
