import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { api, put, seedLists, setupCompany, type TestCompany } from './helpers';
import { envelope, QBWC_URL as URL, result, soap, strings } from './qbwc-soap';

const PASSWORD = 'harbor-point-qbwc-2026';

async function connected(): Promise<{ co: TestCompany; username: string }> {
  const co = await setupCompany();
  await seedLists(co);
  const set = await api('PUT', `/v1/companies/${co.id}/qbd/password`, { token: co.operator, body: { password: PASSWORD } });
  expect(set.status).toBe(200);
  return { co, username: set.json.userName };
}

async function login(username: string, password = PASSWORD) {
  return strings((await soap(envelope('authenticate', [['strUserName', username], ['strPassword', password]]))).text);
}

describe('POST /qbwc: the SOAP service answers in-protocol and never crashes', () => {
  it('serverVersion and clientVersion, whatever the namespace prefix', async () => {
    const a = await soap(envelope('serverVersion', [], 'SOAP-ENV'));
    expect(a.status).toBe(200);
    expect(result(a.text, 'serverVersion')).toMatch(/Sharper Sync/);
    expect(result((await soap(envelope('clientVersion', [['strVersion', '2.3.0.215']]))).text, 'clientVersion')).toBe('');
  });

  it('serves the WSDL and the AppSupport page', async () => {
    const wsdl = await SELF.fetch(`${URL}?wsdl`);
    expect(await wsdl.text()).toContain('<wsdl:operation name="receiveResponseXML">');
    const support = await SELF.fetch(`${URL}/support`);
    expect(support.status).toBe(200);
    expect(await support.text()).toContain('Web Connector');
  });

  it.each([
    ['non-XML', 'hello, world'],
    ['malformed XML', '<soap:Envelope><soap:Body><authenticate>'],
    ['XML that is not SOAP', '<note>hi</note>'],
    ['an empty Body', '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body/></soap:Envelope>'],
    ['an unknown method', envelope('deleteEverything')],
    ['a DOCTYPE with an external entity (XXE)', `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${envelope('clientVersion', [['strVersion', '&e;']])}`],
    ['billion laughs', `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>${envelope('clientVersion', [['strVersion', '&b;']])}`],
    ['a huge body', `${envelope('clientVersion', [['strVersion', 'x'.repeat(7 * 1024 * 1024)]])}`],
  ])('%s gets a SOAP Client fault that says what is wrong', async (_label, body) => {
    const res = await soap(body);
    expect([413, 500]).toContain(res.status);
    if (res.status === 500) expect(res.text).toMatch(/<faultcode>soap:Client<\/faultcode><faultstring>[^<]+/);
  });

  it('wrong password and unknown user both get nvu', async () => {
    const { username } = await connected();
    expect((await login(username, 'wrong'))[1]).toBe('nvu');
    expect((await login('sharper-cmp_nobody'))[1]).toBe('nvu');
  });

  it('a good login with queued work opens a session; forged and stale tickets get nothing', async () => {
    const { username } = await connected();
    const [ticket, answer] = await login(username);
    expect(answer).toBe('');
    const forged = await soap(envelope('sendRequestXML', [['ticket', '00000000-0000-0000-0000-000000000000'], ['strHCPResponse', ''], ['strCompanyFileName', 'C:\\a.QBW'], ['qbXMLCountry', 'US'], ['qbXMLMajorVers', '13'], ['qbXMLMinorVers', '0']]));
    expect(result(forged.text, 'sendRequestXML')).toBe('');
    expect(result((await soap(envelope('getLastError', [['ticket', 'not-a-ticket']]))).text, 'getLastError')).toMatch(/unknown or has expired/);
    const bad = await soap(envelope('receiveResponseXML', [['ticket', '00000000-0000-0000-0000-000000000000'], ['response', ''], ['hresult', ''], ['message', '']]));
    expect(result(bad.text, 'receiveResponseXML')).toBe('-1');
    // The real session is untouched: it still hands out work.
    const send = await soap(envelope('sendRequestXML', [['ticket', ticket], ['strHCPResponse', ''], ['strCompanyFileName', 'C:\\Marina.QBW'], ['qbXMLCountry', 'US'], ['qbXMLMajorVers', '13'], ['qbXMLMinorVers', '0']]));
    const xml = result(send.text, 'sendRequestXML')!;
    expect(xml).toContain('&lt;?qbxml version=&quot;13.0&quot;?&gt;');
    expect(xml).toContain('AccountAddRq requestID=');
  });

  it('never sends a newer qbXML version than the host reports', async () => {
    const { username } = await connected();
    const [ticket] = await login(username);
    const send = await soap(envelope('sendRequestXML', [['ticket', ticket], ['strHCPResponse', ''], ['strCompanyFileName', 'C:\\Marina.QBW'], ['qbXMLCountry', 'US'], ['qbXMLMajorVers', '12'], ['qbXMLMinorVers', '0']]));
    expect(result(send.text, 'sendRequestXML')).toContain('&lt;?qbxml version=&quot;12.0&quot;?&gt;');
  });

  it('out-of-order calls and unknown requestIDs get in-protocol answers and change nothing', async () => {
    const { co, username } = await connected();
    const [ticket] = await login(username);
    const early = await soap(envelope('receiveResponseXML', [['ticket', ticket], ['response', ''], ['hresult', ''], ['message', '']]));
    expect(result(early.text, 'receiveResponseXML')).toBe('-1');
    expect(result((await soap(envelope('getLastError', [['ticket', ticket]]))).text, 'getLastError')).toMatch(/Out-of-order/);
    await soap(envelope('sendRequestXML', [['ticket', ticket], ['strHCPResponse', ''], ['strCompanyFileName', 'C:\\Marina.QBW'], ['qbXMLCountry', 'US'], ['qbXMLMajorVers', '13'], ['qbXMLMinorVers', '0']]));
    const stranger = '&lt;?xml version="1.0" ?&gt;&lt;QBXML&gt;&lt;QBXMLMsgsRs&gt;&lt;CustomerAddRs requestID="999999.w" statusCode="0" statusSeverity="Info" statusMessage="Status OK"&gt;&lt;CustomerRet&gt;&lt;ListID&gt;80000099-1700000000&lt;/ListID&gt;&lt;/CustomerRet&gt;&lt;/CustomerAddRs&gt;&lt;/QBXMLMsgsRs&gt;&lt;/QBXML&gt;';
    const rec = await soap(envelope('receiveResponseXML', [['ticket', ticket], ['response', stranger], ['hresult', ''], ['message', '']]));
    expect(Number(result(rec.text, 'receiveResponseXML'))).toBeGreaterThanOrEqual(0);
    const log = await api('GET', `/v1/companies/${co.id}/jobs?state=synced`, { token: co.viewer });
    expect(log.json.jobs).toEqual([]);
  });

  it('a ticket belongs to one company: another company never sees its work', async () => {
    const a = await connected();
    const b = await setupCompany({ name: 'Other Marina' });
    await api('PUT', `/v1/companies/${b.id}/qbd/password`, { token: b.operator, body: { password: 'other-marina-password-1' } });
    const [ticketB, answerB] = await login(`sharper-${b.id}`, 'other-marina-password-1');
    expect(answerB).toBe('none');
    expect((await login(a.username, 'other-marina-password-1'))[1]).toBe('nvu');
    const send = await soap(envelope('sendRequestXML', [['ticket', ticketB], ['strHCPResponse', ''], ['strCompanyFileName', 'C:\\a.QBW'], ['qbXMLCountry', 'US'], ['qbXMLMajorVers', '13'], ['qbXMLMinorVers', '0']]));
    expect(result(send.text, 'sendRequestXML')).toBe('');
    await put(a.co, 'customers', 'C-2', { name: 'Sam Keel' });
  });
});

describe('operator settings for the Web Connector', () => {
  it('password is write-only, the .qwc names the company user, status shows the binding', async () => {
    const { co, username } = await connected();
    const viewer = await api('PUT', `/v1/companies/${co.id}/qbd/password`, { token: co.viewer, body: { password: PASSWORD } });
    expect(viewer.status).toBe(403);
    const short = await api('PUT', `/v1/companies/${co.id}/qbd/password`, { token: co.operator, body: { password: 'short' } });
    expect(short.status).toBe(422);
    const qwc = await SELF.fetch(`http://sync.test/v1/companies/${co.id}/qbd/connection.qwc?everyMinutes=30`, { headers: { authorization: `Bearer ${co.operator}` } });
    const text = await qwc.text();
    expect(qwc.headers.get('content-disposition')).toMatch(/attachment; filename=".*\.qwc"/);
    expect(text).toContain(`<UserName>${username}</UserName>`);
    expect(text).toContain('<AppURL>http://sync.test/qbwc</AppURL>');
    expect(text).toContain('<AppSupport>http://sync.test/qbwc/support</AppSupport>');
    expect(text).toContain('<RunEveryNMinutes>30</RunEveryNMinutes>');
    expect(text).not.toContain(PASSWORD);
    const status = await api('GET', `/v1/companies/${co.id}/qbd/status`, { token: co.operator });
    expect(status.json).toMatchObject({ passwordSet: true, userName: username, companyFile: null });
    expect(JSON.stringify(status.json)).not.toContain('pbkdf2');
  });
});
