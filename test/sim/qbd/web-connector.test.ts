import { afterEach, describe, expect, it } from 'vitest';
import { createQbdCompany, parseQwc, QwcError, runWebConnector, type QbdCompany } from './index.js';
import { customerAdd, qbxml, responses } from './fixtures.js';
import { startMiniService, type MiniServiceScript } from './mini-qbwc-service.js';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

async function serve(script: MiniServiceScript) {
  const svc = await startMiniService(script);
  stop = svc.close;
  return svc;
}

const company = (): QbdCompany => createQbdCompany({ schemaDir: null });
const OWNER = '{57F3B9B1-86F1-4fcc-B1EE-566DE1813D20}';
const FILE = '{A2F7C1D0-1234-4DDE-9ABC-0123456789AB}';

describe('runWebConnector: normal session', () => {
  it('calls every method in QBWC order with the documented arguments and SOAPAction headers', async () => {
    const svc = await serve({ requests: [qbxml(customerAdd('Alpha', '', 'r1')), qbxml(customerAdd('Beta', '', 'r2'))] });
    const qb = company();
    const res = await runWebConnector({
      appUrl: svc.url, username: 'marina', password: 'pw', company: qb, options: { ownerId: OWNER, fileId: FILE },
    });
    expect(res.status).toBe('done');
    expect(res.closeMessage).toBe('OK');
    expect(svc.calls.map((c) => c.method)).toEqual([
      'serverVersion', 'clientVersion', 'authenticate',
      'sendRequestXML', 'receiveResponseXML', 'sendRequestXML', 'receiveResponseXML', 'closeConnection',
    ]);
    for (const c of svc.calls) {
      expect(c.headers.soapaction).toBe(`"http://developer.intuit.com/${c.method}"`);
      expect(c.headers['content-type']).toBe('text/xml; charset=utf-8');
      expect(c.raw).toMatch(new RegExp(`<soap:Body><${c.method} xmlns="http://developer.intuit.com/"(/>|>)`));
    }
    expect(svc.calls[1].params).toEqual({ strVersion: '2.3.0.215' });
    expect(svc.calls[2].params).toEqual({ strUserName: 'marina', strPassword: 'pw' });
    const [first, , second] = svc.calls.slice(3);
    expect(first.paramOrder).toEqual(['ticket', 'strHCPResponse', 'strCompanyFileName', 'qbXMLCountry', 'qbXMLMajorVers', 'qbXMLMinorVers']);
    expect(first.params).toMatchObject({ ticket: 'TICKET-1', strCompanyFileName: qb.info.filePath, qbXMLCountry: 'US', qbXMLMajorVers: '13', qbXMLMinorVers: '0' });
    // strHCPResponse carries Host/Company/Preferences answers on the first call only, with the FileID DataExt.
    const hcp = responses(first.params.strHCPResponse);
    expect(hcp.map((r) => r.name)).toEqual(['HostQueryRs', 'CompanyQueryRs', 'PreferencesQueryRs']);
    expect(first.params.strHCPResponse).toContain(FILE);
    expect(second.params.strHCPResponse).toBe('');
    const receive = svc.calls[4];
    expect(receive.paramOrder).toEqual(['ticket', 'response', 'hresult', 'message']);
    expect(responses(receive.params.response)[0].attrs).toMatchObject({ requestID: 'r1', statusCode: '0' });
    expect(receive.params.hresult).toBe('');
    expect(qb.count('Customer')).toBe(2);
    expect(res.requestsProcessed).toBe(2);
    expect(res.transcript.map((t) => t.method)).toEqual(svc.calls.map((c) => c.method));
  });

  it('posts an HRESULT and empty response when QuickBooks cannot parse the request', async () => {
    const svc = await serve({ requests: [qbxml('<CustomerAddRq><CustomerAdd><IsActive>1</IsActive><Name>x</Name></CustomerAdd></CustomerAddRq>')] });
    await runWebConnector({ appUrl: svc.url, username: 'u', password: 'p', company: company() });
    const receive = svc.calls.find((c) => c.method === 'receiveResponseXML')!;
    expect(receive.params).toMatchObject({ response: '', hresult: '0x80040400', message: 'QuickBooks found an error when parsing the provided XML text stream.' });
  });

  it('reports an older QuickBooks through qbXMLMajorVers/MinorVers', async () => {
    const svc = await serve({ requests: [] });
    await runWebConnector({ appUrl: svc.url, username: 'u', password: 'p', company: createQbdCompany({ maxQbxmlVersion: '12.0', schemaDir: null }) });
    expect(svc.calls.find((c) => c.method === 'sendRequestXML')!.params).toMatchObject({ qbXMLMajorVers: '12', qbXMLMinorVers: '0' });
  });
});

describe('runWebConnector: special answers', () => {
  it.each([['nvu', 'invalidUser'], ['none', 'noWork'], ['busy', 'busy'], ['NONE', 'noWork']] as const)(
    'authenticate "%s" → closeConnection and stop (%s)', async (answer, status) => {
      const svc = await serve({ authenticate: () => ['T', answer] });
      const res = await runWebConnector({ appUrl: svc.url, username: 'u', password: 'bad', company: company() });
      expect(res.status).toBe(status);
      expect(svc.calls.map((c) => c.method)).toEqual(['serverVersion', 'clientVersion', 'authenticate', 'closeConnection']);
    });

  it('negative percent → getLastError → closeConnection', async () => {
    const svc = await serve({ requests: [qbxml(customerAdd('A')), qbxml(customerAdd('B'))], onReceive: () => -101, lastError: () => 'Job 7 failed: 3100' });
    const res = await runWebConnector({ appUrl: svc.url, username: 'u', password: 'p', company: company() });
    expect(res).toMatchObject({ status: 'error', lastError: 'Job 7 failed: 3100' });
    expect(svc.calls.map((c) => c.method).slice(3)).toEqual(['sendRequestXML', 'receiveResponseXML', 'getLastError', 'closeConnection']);
  });

  it('empty sendRequestXML → getLastError; NoOp waits and asks again', async () => {
    const svc = await serve({ emptyFirst: 1, requests: [], lastError: () => (svc.calls.filter((c) => c.method === 'getLastError').length === 1 ? 'NoOp' : 'Nothing queued') });
    const res = await runWebConnector({ appUrl: svc.url, username: 'u', password: 'p', company: company(), options: { noOpDelayMs: 1 } });
    expect(res).toMatchObject({ status: 'done', lastError: 'Nothing queued' });
    expect(svc.calls.map((c) => c.method).slice(3)).toEqual(['sendRequestXML', 'getLastError', 'sendRequestXML', 'getLastError', 'closeConnection']);
  });

  it('clientVersion E: stops before authenticate', async () => {
    const svc = await serve({ clientVersion: 'E:Upgrade the Web Connector' });
    const res = await runWebConnector({ appUrl: svc.url, username: 'u', password: 'p', company: company() });
    expect(res.status).toBe('clientVersionRejected');
    expect(svc.calls.map((c) => c.method)).toEqual(['serverVersion', 'clientVersion']);
  });

  it('a broken endpoint ends the session with the QBWC code for that method', async () => {
    const res = await runWebConnector({ appUrl: 'http://127.0.0.1:9/none', username: 'u', password: 'p', company: company() });
    expect(res).toMatchObject({ status: 'qbwcError', qbwcErrorCode: 'QBWC1012' });
  });
});

describe('runWebConnector: faults', () => {
  it('dies mid-session: no closeConnection after K receives; QuickBooks kept what it processed', async () => {
    const svc = await serve({ requests: [1, 2, 3].map((i) => qbxml(customerAdd(`C${i}`))) });
    const qb = company();
    const res = await runWebConnector({ appUrl: svc.url, username: 'u', password: 'p', company: qb, options: { faults: [{ kind: 'dieAfterReceives', receives: 2 }] } });
    expect(res.status).toBe('died');
    expect(svc.calls.map((c) => c.method).filter((m) => m === 'receiveResponseXML')).toHaveLength(2);
    expect(svc.calls.some((c) => c.method === 'closeConnection')).toBe(false);
    expect(qb.count('Customer')).toBe(2);
  });

  it('lost response: QuickBooks committed the write but receiveResponseXML never arrives', async () => {
    const svc = await serve({ requests: [qbxml(customerAdd('Landed'))] });
    const qb = company();
    const res = await runWebConnector({ appUrl: svc.url, username: 'u', password: 'p', company: qb, options: { faults: [{ kind: 'loseResponse', request: 1 }] } });
    expect(res.status).toBe('responseLost');
    expect(qb.findList('Customer', 'Landed')).toBeDefined();
    expect(svc.calls.map((c) => c.method).slice(3)).toEqual(['sendRequestXML']);
  });

  it('QuickBooks busy at open → connectionError; "done" ends, a path retries', async () => {
    const svc = await serve({ requests: [qbxml(customerAdd('Z'))], connectionError: (p) => (p.hresult === '0x80040408' ? '' : 'done') });
    const res = await runWebConnector({ appUrl: svc.url, username: 'u', password: 'p', company: company(), options: { faults: [{ kind: 'busyAtOpen' }] } });
    const ce = svc.calls.find((c) => c.method === 'connectionError')!;
    expect(ce.paramOrder).toEqual(['ticket', 'hresult', 'message']);
    expect(ce.params).toMatchObject({ hresult: '0x80040408', message: 'Could not start QuickBooks.' });
    expect(res.status).toBe('done');
    const svc2 = await serve({});
    const res2 = await runWebConnector({ appUrl: svc2.url, username: 'u', password: 'p', company: company(), options: { faults: [{ kind: 'busyAtOpen' }] } });
    expect(res2.status).toBe('connectionError');
    expect(svc2.calls.map((c) => c.method).slice(3)).toEqual(['connectionError', 'closeConnection']);
  });

  it('a different company file: a named path fails to open; "" opens the other file and HCP shows its FileID', async () => {
    const usual = company();
    const other = createQbdCompany({ schemaDir: null, filePath: 'C:\\Other.QBW', companyName: 'Other Co' });
    const svc = await serve({ authenticate: () => ['T', usual.info.filePath] });
    const res = await runWebConnector({ appUrl: svc.url, username: 'u', password: 'p', company: usual, options: { faults: [{ kind: 'differentCompanyFile', company: other }] } });
    expect(res.status).toBe('connectionError');
    expect(svc.calls.find((c) => c.method === 'connectionError')!.params.hresult).toBe('0x80040403');
    other.setCompanyDataExt(OWNER, 'FileID', '{00000000-0000-0000-0000-000000000000}');
    const svc2 = await serve({ authenticate: () => ['T', ''] });
    await runWebConnector({ appUrl: svc2.url, username: 'u', password: 'p', company: usual, options: { ownerId: OWNER, fileId: FILE, faults: [{ kind: 'differentCompanyFile', company: other }] } });
    const send = svc2.calls.find((c) => c.method === 'sendRequestXML')!;
    expect(send.params.strCompanyFileName).toBe('C:\\Other.QBW');
    expect(send.params.strHCPResponse).toContain('{00000000-0000-0000-0000-000000000000}');
    expect(send.params.strHCPResponse).not.toContain(FILE);
  });
});

describe('parseQwc', () => {
  const qwc = (appUrl: string, extra = '') => `<?xml version="1.0"?><QBWCXML><AppName>Sharper Sync</AppName><AppID></AppID>` +
    `<AppURL>${appUrl}</AppURL><AppDescription>AR sync</AppDescription><AppSupport>${appUrl.replace('/qbwc', '/support')}</AppSupport>` +
    `<UserName>marina-7</UserName><OwnerID>${OWNER}</OwnerID><FileID>${FILE}</FileID><QBType>QBFS</QBType>${extra}</QBWCXML>`;

  it('reads AppURL, UserName, OwnerID, FileID and the scheduler', () => {
    const q = parseQwc(qwc('https://sync.example.com/qbwc', '<Scheduler><RunEveryNMinutes>5</RunEveryNMinutes></Scheduler><IsReadOnly>false</IsReadOnly>'));
    expect(q).toMatchObject({ appUrl: 'https://sync.example.com/qbwc', userName: 'marina-7', ownerId: OWNER, fileId: FILE, runEveryNMinutes: 5, isReadOnly: false });
  });

  it('rejects what QBWC rejects: http off localhost, missing elements, bad GUIDs', () => {
    expect(parseQwc(qwc('http://localhost:8787/qbwc')).appUrl).toBe('http://localhost:8787/qbwc');
    expect(() => parseQwc(qwc('http://sync.example.com/qbwc'))).toThrowError(QwcError);
    expect(() => parseQwc(qwc('https://sync.example.com/qbwc').replace(/<UserName>.*<\/UserName>/, ''))).toThrowError(/QBWC1039/);
    expect(() => parseQwc(qwc('https://sync.example.com/qbwc').replace(FILE, 'not-a-guid'))).toThrowError(/FileID/);
  });
});
