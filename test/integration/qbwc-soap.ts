import { SELF } from 'cloudflare:test';

/** Test support: SOAP calls to the Worker's /qbwc endpoint, shaped as the Web Connector sends them. */
export const QBWC_URL = 'http://sync.test/qbwc';
const NS = 'http://developer.intuit.com/';

export const envelope = (method: string, params: [string, string][] = [], prefix = 'soap') =>
  `<?xml version="1.0" encoding="utf-8"?><${prefix}:Envelope xmlns:${prefix}="http://schemas.xmlsoap.org/soap/envelope/"><${prefix}:Body><${method} xmlns="${NS}">${params.map(([k, v]) => `<${k}>${v}</${k}>`).join('')}</${method}></${prefix}:Body></${prefix}:Envelope>`;

export async function soap(body: string) {
  const res = await SELF.fetch(QBWC_URL, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8' }, body });
  return { status: res.status, text: await res.text() };
}

export const result = (text: string, method: string) => new RegExp(`<${method}Result>([\\s\\S]*?)</${method}Result>`).exec(text)?.[1] ?? null;
export const strings = (text: string) => [...text.matchAll(/<string>([^<]*)<\/string>/g)].map((m) => m[1]);

export const sendRequestParams = (ticket: string, major = '13'): [string, string][] => [
  ['ticket', ticket], ['strHCPResponse', ''], ['strCompanyFileName', 'C:\\Marina.QBW'], ['qbXMLCountry', 'US'], ['qbXMLMajorVers', major], ['qbXMLMinorVers', '0'],
];

/** XML-escapes a qbXML response for the `response` parameter, as the Web Connector sends it. */
export const escaped = (xml: string) => xml.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
