import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createFuzzer } from '../fuzz/mutate';
import { api, seedLists, setupCompany } from './helpers';

const NS = 'http://developer.intuit.com/';
const METHODS: [string, string[]][] = [
  ['serverVersion', []],
  ['clientVersion', ['strVersion']],
  ['authenticate', ['strUserName', 'strPassword']],
  ['sendRequestXML', ['ticket', 'strHCPResponse', 'strCompanyFileName', 'qbXMLCountry', 'qbXMLMajorVers', 'qbXMLMinorVers']],
  ['receiveResponseXML', ['ticket', 'response', 'hresult', 'message']],
  ['getLastError', ['ticket']],
  ['connectionError', ['ticket', 'hresult', 'message']],
  ['closeConnection', ['ticket']],
];

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A bounded, seeded slice of the /qbwc fuzz run: SOAP envelopes and qbXML answers gone wrong. */
describe('/qbwc under fuzzed input', () => {
  it('answers every envelope with a SOAP answer or a SOAP fault, never a crash, and changes no jobs', async () => {
    const co = await setupCompany({ accountingSystem: 'qbd' });
    await seedLists(co);
    await api('PUT', `/v1/companies/${co.id}/qbd/password`, { token: co.operator, body: { password: 'fuzzing password 123' } });
    const before = (await api('GET', `/v1/companies/${co.id}/jobs/counts`, { token: co.viewer })).json.byState;
    const fuzz = createFuzzer(31337);
    const qbxmlAnswers = [
      '<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRs><CustomerAddRs requestID="1.w" statusCode="0" statusSeverity="Info" statusMessage="Status OK"><CustomerRet><ListID>80000001-1</ListID><EditSequence>1</EditSequence><Name>x</Name></CustomerRet></CustomerAddRs></QBXMLMsgsRs></QBXML>',
      '<QBXML><QBXMLMsgsRs><InvoiceAddRs requestID="999999.w" statusCode="3140" statusSeverity="Error" statusMessage="bad ref"/></QBXMLMsgsRs></QBXML>',
      '<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><QBXML>&b;</QBXML>',
      'not xml at all',
    ];
    const statuses = new Map<number, number>();
    for (let i = 0; i < 200; i++) {
      const [method, params] = fuzz.pick(METHODS);
      const values = params.map((p) => {
        const roll = fuzz.int(5);
        if (p === 'response' && roll < 3) return fuzz.pick(qbxmlAnswers);
        if (p === 'strUserName' && roll < 2) return `sharper-${co.id}`;
        return roll === 0 ? '' : String(fuzz.weirdValue()).slice(0, 2000);
      });
      let body = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><${method} xmlns="${NS}">${params
        .map((p, k) => `<${p}>${escape(values[k])}</${p}>`)
        .join('')}</${method}></soap:Body></soap:Envelope>`;
      const damage = fuzz.int(6);
      if (damage === 0) body = body.slice(0, fuzz.int(body.length));
      if (damage === 1) body = body.replace('soap:Body', fuzz.pick(['Body', 'soap:Bodyy', 'x:Body']));
      if (damage === 2) body = body.replace(method, fuzz.pick(['unknownMethod', method.toUpperCase(), '']));
      const res = await SELF.fetch('http://sync.test/qbwc', { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${NS}${method}"` }, body });
      const text = await res.text();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      // SOAP 1.1 puts faults on HTTP 500; anything else at 5xx would be a crash.
      if (res.status === 500) expect(text, body.slice(0, 300)).toContain('<faultcode>soap:Client</faultcode>');
      else expect(res.status, body.slice(0, 300)).toBe(200);
      expect(text).toContain('soap:Envelope');
    }
    expect(statuses.get(200) ?? 0).toBeGreaterThan(50);
    const after = (await api('GET', `/v1/companies/${co.id}/jobs/counts`, { token: co.viewer })).json.byState;
    expect(after).toEqual(before);
  });
});
