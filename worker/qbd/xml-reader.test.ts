import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { createQbdCompany } from '../../test/sim/qbd/index';
import { buildSoapRequest } from '../../test/sim/qbd/index';
import { buildJobRequests } from './qbxml/build';
import { demoJobs, fakeRefs } from './qbxml/fixtures.test-support';
import { qbxmlMessage, QBXML_TARGET } from './qbxml/message';
import { identityOf, parseQbxmlResponse } from './qbxml/response';
import { decodeXml, readXml, textOf } from './xml';
import { MAX_XML_DEPTH } from './xml-reader';

/** The parser (and options) the Desktop path used before it had its own reader: the reference shape. */
const reference = new XMLParser({
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

/** Plain data, so objects without a prototype compare equal to the reference's. */
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

function read(xml: string) {
  const r = readXml(xml, 1_000_000);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

function refusal(xml: string) {
  const r = readXml(xml, 1_000_000);
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

/** Every request the builders write for the demo marina, as whole messages. */
const requestMessages = demoJobs().flatMap((job) =>
  (['write', 'lookup'] as const).map((purpose) => {
    const r = buildJobRequests(job, fakeRefs, purpose);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return qbxmlMessage(r.value.map((q) => q.xml), QBXML_TARGET);
  }),
);

/** Real answers from the simulated company file: list adds, queries with several Rets, errors. */
function simulatorAnswers(): string[] {
  const qb = createQbdCompany({ schemaDir: null });
  const msg = (body: string) => `<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="continueOnError">${body}</QBXMLMsgsRq></QBXML>`;
  return [
    qb.processRequest(msg('<HostQueryRq requestID="h"/><CompanyQueryRq requestID="c"/>'), { internal: true }),
    qb.processRequest(msg('<CustomerAddRq requestID="1.w"><CustomerAdd><Name>Slip 12 &amp; "Sons"</Name><CompanyName>A &lt; B</CompanyName></CustomerAdd></CustomerAddRq>')),
    qb.processRequest(msg('<CustomerAddRq requestID="2.w"><CustomerAdd><Name>Slip 12 &amp; "Sons"</Name></CustomerAdd></CustomerAddRq>')),
    qb.processRequest(msg('<AccountQueryRq requestID="3.l"/><CustomerQueryRq requestID="4.l"><FullName>Nobody</FullName></CustomerQueryRq>')),
    ...requestMessages.slice(0, 30).map((m) => qb.processRequest(m)),
  ];
}

describe('readXml: the Desktop path\'s XML reader', () => {
  it('gives the reference parser\'s shape for every request the builders write', () => {
    expect(requestMessages.length).toBeGreaterThan(60);
    for (const xml of requestMessages) expect(plain(read(xml))).toEqual(plain(reference.parse(xml)));
  });

  it('gives the reference parser\'s shape for QuickBooks answers and Web Connector SOAP calls', () => {
    const soap = [
      buildSoapRequest('authenticate', [['strUserName', 'marina'], ['strPassword', 'p&ss<word>']]),
      buildSoapRequest('receiveResponseXML', [['ticket', 't-1'], ['response', simulatorAnswers()[1]], ['hresult', ''], ['message', '']]),
      // What .NET writes: a declaration, prefixes, white space between elements.
      `<?xml version="1.0" encoding="utf-8"?>\n<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n  <soap:Body>\n    <sendRequestXML xmlns="http://developer.intuit.com/">\n      <ticket>abc</ticket>\n      <strHCPResponse />\n      <qbXMLMajorVers>13</qbXMLMajorVers>\n    </sendRequestXML>\n  </soap:Body>\n</soap:Envelope>`,
    ];
    const answers = simulatorAnswers();
    expect(answers.some((a) => a.includes('<AccountRet>'))).toBe(true);
    for (const xml of [...answers, ...soap]) expect(plain(read(xml))).toEqual(plain(reference.parse(xml)));
  });

  it('keeps values raw for decodeXml; CDATA comes back as its exact characters', () => {
    const doc = read('<a><b>Tom &amp; Jerry&#39;s &lt;slip&gt;</b><c><![CDATA[1 < 2 & "x"]]></c><d x="&quot;q&quot;"/></a>');
    const a = doc.a as Record<string, never>;
    expect(textOf(a.b)).toBe("Tom & Jerry's <slip>");
    expect(textOf(a.c)).toBe('1 < 2 & "x"');
    expect(decodeXml((a.d as Record<string, string>)['@x'])).toBe('"q"');
  });

  it('treats element names like __proto__ and constructor as plain keys', () => {
    const doc = read('<a><__proto__><polluted>yes</polluted></__proto__><constructor>1</constructor><constructor>2</constructor></a>');
    const a = doc.a as Record<string, unknown>;
    expect(Object.keys(a)).toEqual(['__proto__', 'constructor']);
    expect(a.constructor).toEqual(['1', '2']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['<a><b></a>', /closing tag <\/a> does not match <b>/],
    ['<a>', /ends inside <a>/],
    ['<a/><b/>', /second root element/],
    ['<a/>trailing', /text after the root element/],
    ['<a x=1/>', /value of x on <a> is not quoted/],
    ['<a x="1" x="2"/>', /attribute x appears twice/],
    ['<a x="<"/>', /contains "<"/],
    ['<a>Tom & Jerry</a>', /"&" that does not start/],
    ['<a>&nbsp;</a>', /"&" that does not start/],
    ['<a><!-- never closed</a>', /comment that never ends/],
    ['<a x="1"y="2"/>', /separated by white space/],
    ['<1a/>', /name was expected/],
    ['</a>', /without an opening tag/],
  ])('refuses %s, saying where', (xml, message) => {
    const e = refusal(xml);
    expect(e.reason).toBe('not_xml');
    expect((e as { detail: string }).detail).toMatch(message);
    expect((e as { detail: string }).detail).toMatch(/\(line \d+\)/);
  });

  it('names the line of the fault', () => {
    expect((refusal('<a>\n<b>\n</c>\n</a>') as { detail: string }).detail).toMatch(/line 3/);
  });

  it('refuses DOCTYPE and ENTITY declarations wherever they are, so nothing is ever expanded', () => {
    expect(refusal('<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>').reason).toBe('doctype_refused');
    expect(refusal('<a><!ENTITY lol "lol"></a>').reason).toBe('doctype_refused');
    expect(refusal('<?xml version="1.0"?>\n<!doctype a><a/>').reason).toBe('doctype_refused');
  });

  it(`refuses nesting deeper than ${MAX_XML_DEPTH} without recursion`, () => {
    const deep = (n: number) => '<a>'.repeat(n) + '</a>'.repeat(n);
    expect(read(deep(MAX_XML_DEPTH))).toBeTruthy();
    expect((refusal(deep(MAX_XML_DEPTH + 1)) as { detail: string }).detail).toMatch(/nested more than 64 deep/);
    expect((refusal('<a>'.repeat(100_000)) as { detail: string }).detail).toMatch(/nested more than 64 deep/);
  });

  it('refuses empty, oversized and non-XML input before reading it', () => {
    expect(refusal('  \n').reason).toBe('empty');
    expect(readXml('<a/>'.padEnd(50, ' '), 10)).toEqual({ ok: false, error: { reason: 'too_large', limit: 10 } });
    expect(refusal('{"json": true}').reason).toBe('not_xml');
  });
});

describe('parseQbxmlResponse', () => {
  it('reads each answer\'s status and its record\'s ids, not the ids of what it refers to', () => {
    const xml = `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs>
      <InvoiceAddRs requestID="7.w" statusCode="0" statusSeverity="Info" statusMessage="Status OK">
        <InvoiceRet><TxnID>1A-77</TxnID><TimeCreated>2026-03-01T10:00:00-05:00</TimeCreated><EditSequence>1700000007</EditSequence>
          <CustomerRef><ListID>80000001-1</ListID></CustomerRef></InvoiceRet>
      </InvoiceAddRs>
      <CustomerAddRs requestID="8.w" statusCode="3100" statusSeverity="Error" statusMessage="The name &quot;Slip 12&quot; of the list element is already in use." />
      <CustomerQueryRs requestID="8.a" statusCode="0" statusSeverity="Info" statusMessage="Status OK">
        <CustomerRet><ListID>80000002-1</ListID><EditSequence>11</EditSequence><Name>Slip 12</Name></CustomerRet>
        <CustomerRet><ListID>80000003-1</ListID><EditSequence>12</EditSequence><Name>Slip 13</Name></CustomerRet>
      </CustomerQueryRs>
    </QBXMLMsgsRs></QBXML>`;
    const r = parseQbxmlResponse(xml);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const [inv, dup, query] = r.value;
    expect(inv).toMatchObject({ requestId: '7.w', type: 'InvoiceAddRs', statusCode: 0, severity: 'Info', identity: { qbId: '1A-77', qbLock: '1700000007' } });
    expect(dup).toMatchObject({ requestId: '8.w', statusCode: 3100, severity: 'Error', message: 'The name "Slip 12" of the list element is already in use.', identity: null, rets: [] });
    expect(query.identity).toEqual({ qbId: '80000002-1', qbLock: '11' });
    expect(query.rets.map((ret) => identityOf(ret))).toEqual([
      { qbId: '80000002-1', qbLock: '11' },
      { qbId: '80000003-1', qbLock: '12' },
    ]);
  });

  it('agrees with a full parse of every answer the simulated company file gives', () => {
    for (const xml of simulatorAnswers()) {
      const r = parseQbxmlResponse(xml);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      const msgs = reference.parse(xml).QBXML.QBXMLMsgsRs as Record<string, unknown>;
      const expected = Object.entries(msgs).flatMap(([type, v]) =>
        (Array.isArray(v) ? v : [v]).map((rs: Record<string, unknown>) => {
          const rets = Object.entries(rs).filter(([k]) => k.endsWith('Ret')).flatMap(([, x]) => (Array.isArray(x) ? x : [x]));
          return { type, requestId: rs['@requestID'], statusCode: Number(rs['@statusCode']), rets: plain(rets), identity: rets[0] ? identityOf(rets[0]) : null };
        }),
      );
      expect(r.value.map((rs) => ({ type: rs.type, requestId: rs.requestId, statusCode: rs.statusCode, rets: plain(rs.rets), identity: rs.identity }))).toEqual(expected);
    }
  });

  it('says when the XML is not a qbXML response', () => {
    expect(parseQbxmlResponse('<QBXML><QBXMLMsgsRq/></QBXML>')).toEqual({ ok: false, error: { reason: 'not_qbxml' } });
    expect(parseQbxmlResponse('<html><body>Service Unavailable</body></html>')).toEqual({ ok: false, error: { reason: 'not_qbxml' } });
    expect(parseQbxmlResponse('<QBXML><QBXMLMsgsRs><InvoiceAddRs></QBXMLMsgsRs></QBXML>')).toMatchObject({ ok: false, error: { reason: 'not_xml' } });
  });
});
