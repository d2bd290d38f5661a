import { err, ok, type Result } from '../../shared/result';
import { escapeXml, isObject, readXml, textOf, type XmlObject } from '../xml';

/** The QBWC callbacks this service answers (wire names, per the WSDL). */
export const qbwcMethods = [
  'serverVersion',
  'clientVersion',
  'authenticate',
  'sendRequestXML',
  'receiveResponseXML',
  'getLastError',
  'connectionError',
  'closeConnection',
] as const;
export type QbwcMethod = (typeof qbwcMethods)[number];

export const QBWC_NS = 'http://developer.intuit.com/';
const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

/** Far above a 50-request response message; bigger bodies are refused before parsing. */
export const MAX_SOAP_CHARS = 6 * 1024 * 1024;

export interface SoapCall {
  method: QbwcMethod;
  /** Parameter text by name (entity-decoded; a missing element reads as ""). */
  params: Record<string, string>;
}

export type SoapError =
  | { reason: 'empty' | 'doctype_refused' | 'not_envelope' | 'empty_body' }
  | { reason: 'too_large'; limit: number }
  | { reason: 'not_xml'; detail: string }
  | { reason: 'unknown_method'; method: string };

const isMethod = (name: string): name is QbwcMethod => (qbwcMethods as readonly string[]).includes(name);

/**
 * Reads a SOAP 1.1 request and dispatches on the local name of the first element inside Body,
 * whatever prefix the client used (QBWC writes `soap:`; others write `SOAP-ENV:`).
 */
export function parseSoapRequest(body: string): Result<SoapCall, SoapError> {
  const read = readXml(body, MAX_SOAP_CHARS);
  if (!read.ok) return read;
  const envelope = read.value.Envelope;
  if (!isObject(envelope)) return err({ reason: 'not_envelope' });
  const soapBody = envelope.Body;
  if (!isObject(soapBody)) return err({ reason: 'empty_body' });
  const name = Object.keys(soapBody).find((k) => !k.startsWith('@') && k !== '#text');
  if (!name) return err({ reason: 'empty_body' });
  if (!isMethod(name)) return err({ reason: 'unknown_method', method: name.slice(0, 100) });
  const call = soapBody[name];
  const params: Record<string, string> = {};
  if (isObject(call)) {
    for (const [k, v] of Object.entries(call)) if (!k.startsWith('@') && k !== '#text') params[k] = textOf(v as XmlObject);
  }
  return ok({ method: name, params });
}

export type SoapResult = string | number | string[];

function envelope(inner: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>${inner}</soap:Body></soap:Envelope>`;
}

/** `<methodResponse><methodResult>…</methodResult></methodResponse>`; arrays become `<string>` items. */
export function buildSoapResponse(method: QbwcMethod, result: SoapResult): string {
  const value = Array.isArray(result) ? result.map((s) => `<string>${escapeXml(s)}</string>`).join('') : escapeXml(String(result));
  return envelope(`<${method}Response xmlns="${QBWC_NS}"><${method}Result>${value}</${method}Result></${method}Response>`);
}

/** Only for requests the protocol cannot answer in-band (no parseable call at all). */
export function buildSoapFault(message: string): string {
  return envelope(`<soap:Fault><faultcode>soap:Client</faultcode><faultstring>${escapeXml(message)}</faultstring></soap:Fault>`);
}

export function describeSoapError(e: SoapError): string {
  switch (e.reason) {
    case 'empty':
      return 'The request body is empty; send a SOAP 1.1 envelope.';
    case 'too_large':
      return `The request body is larger than ${e.limit} characters.`;
    case 'doctype_refused':
      return 'DOCTYPE and entity declarations are not accepted.';
    case 'not_xml':
      return `The request body is not well-formed XML: ${e.detail}`;
    case 'not_envelope':
      return 'The request is XML but not a SOAP 1.1 Envelope.';
    case 'empty_body':
      return 'The SOAP Body holds no method call.';
    case 'unknown_method':
      return `Unknown method "${e.method}"; this service answers ${qbwcMethods.join(', ')}.`;
  }
}
