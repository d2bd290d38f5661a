import { buildXml, el, parseXml, type XNode } from '../company/xml.js';

/** SOAP 1.1 envelopes exactly as QBWC (a .NET document/literal-wrapped client) writes them. */
export const QBWC_NS = 'http://developer.intuit.com/';
const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

export type SoapParams = [name: string, value: string | number][];

export function soapAction(method: string): string {
  // .NET SoapHttpClientProtocol sends the action double-quoted.
  return `"${QBWC_NS}${method}"`;
}

export function buildSoapRequest(method: string, params: SoapParams): string {
  const body = el(method, params.map(([name, value]) => el(name, String(value))), { xmlns: QBWC_NS });
  const envelope = el('soap:Envelope', [el('soap:Body', [body])], {
    'xmlns:soap': SOAP_NS,
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xmlns:xsd': 'http://www.w3.org/2001/XMLSchema',
  });
  return buildXml(envelope, '<?xml version="1.0" encoding="utf-8"?>');
}

export class SoapFaultError extends Error {}

function localName(name: string): string {
  return name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
}

/** The first child of Body, whatever prefix the server chose. */
export function soapBody(xml: string): XNode {
  const { root } = parseXml(xml);
  if (localName(root.name) !== 'Envelope') throw new SoapFaultError('response is not a SOAP envelope');
  const body = root.children.find((c) => localName(c.name) === 'Body');
  const first = body?.children[0];
  if (!first) throw new SoapFaultError('SOAP Body is empty');
  if (localName(first.name) === 'Fault') {
    const text = first.children.find((c) => localName(c.name) === 'faultstring')?.text ?? 'SOAP Fault';
    throw new SoapFaultError(text);
  }
  return first;
}

/** Reads `<methodResult>`: a string, an ArrayOfString, or an int. */
export function readResult(xml: string, method: string, kind: 'string' | 'array' | 'int'): string | string[] | number {
  const resp = soapBody(xml);
  if (localName(resp.name) !== `${method}Response`) throw new SoapFaultError(`expected ${method}Response, got ${resp.name}`);
  const result = resp.children.find((c) => localName(c.name) === `${method}Result`);
  if (kind === 'array') return (result?.children ?? []).filter((c) => localName(c.name) === 'string').map((c) => c.text);
  if (kind === 'int') {
    const text = result?.text ?? '';
    if (!/^-?\d+$/.test(text.trim())) throw new SoapFaultError(`${method}Result is not an int: "${text}"`);
    return Number(text);
  }
  return result?.text ?? '';
}
