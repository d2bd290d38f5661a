import { describe, expect, it } from 'vitest';
import { api, setupCompany } from './helpers';
import { envelope, escaped, result, sendRequestParams, soap, strings } from './qbwc-soap';

const PASSWORD = 'harbor-point-qbwc-2026';

/** A Desktop company with its Web Connector password set and nothing queued. */
async function desktopCompany() {
  const co = await setupCompany({ name: 'Desktop Recon Marina' });
  expect((await api('PATCH', `/v1/companies/${co.id}/settings`, { token: co.operator, body: { settings: { arAccount: 'A-1100' } } })).status).toBe(200);
  const set = await api('PUT', `/v1/companies/${co.id}/qbd/password`, { token: co.operator, body: { password: PASSWORD } });
  return { co, username: set.json.userName as string };
}

const login = async (username: string) => strings((await soap(envelope('authenticate', [['strUserName', username], ['strPassword', PASSWORD]]))).text);
const sendRequest = async (ticket: string) => (result((await soap(envelope('sendRequestXML', sendRequestParams(ticket)))).text, 'sendRequestXML') ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
const receive = async (ticket: string, response: string, hresult = '', message = '') =>
  Number(result((await soap(envelope('receiveResponseXML', [['ticket', ticket], ['response', escaped(response)], ['hresult', hresult], ['message', message]]))).text, 'receiveResponseXML'));

describe('QuickBooks Desktop reconciliation requests over the Web Connector protocol', () => {
  it('a request is recorded once, opens a session on its own and goes out as report queries', async () => {
    const { co, username } = await desktopCompany();
    expect((await login(username))[1]).toBe('none'); // nothing queued, nothing asked
    const asked = await api('GET', `/v1/companies/${co.id}/reconciliation?month=2026-03`, { token: co.viewer });
    expect(asked.status, asked.text).toBe(202);
    expect(asked.json).toMatchObject({ state: 'requested', asOf: '2026-03-31', lastWebConnectorContact: expect.any(String) });
    expect((await api('GET', `/v1/companies/${co.id}/reconciliation?month=2026-03`, { token: co.viewer })).json.requestedAt).toBe(asked.json.requestedAt);

    const [ticket, answer] = await login(username);
    expect(answer).toBe('');
    const xml = await sendRequest(ticket);
    expect(xml).toContain('<?qbxml version="13.0"?>');
    expect([...xml.matchAll(/<(\w+)Rq requestID="([^"]+)"/g)].map((m) => [m[1], m[2]])).toEqual([
      ['GeneralSummaryReportQuery', 'rpt.20260331.tb'],
      ['AgingReportQuery', 'rpt.20260331.ar'],
      ['AccountQuery', 'rpt.20260331.ac'],
      ['CustomerQuery', 'rpt.20260331.cu'],
      ['TxnDeletedQuery', 'rpt.20260331.dl'],
    ]);
    const inFlight = await api('GET', `/v1/companies/${co.id}/reconciliation?month=2026-03`, { token: co.viewer });
    expect(inFlight.json.sentToQuickBooksAt).toEqual(expect.any(String));
    // QuickBooks refuses one report: the request fails with QuickBooks' reason and is not retried by itself.
    const ok = (name: string, id: string, ret = '') => `<${name}Rs requestID="${id}" statusCode="0" statusSeverity="Info" statusMessage="Status OK">${ret}</${name}Rs>`;
    const response = `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs>` +
      `<GeneralSummaryReportQueryRs requestID="rpt.20260331.tb" statusCode="3250" statusSeverity="Error" statusMessage="This feature is not enabled or not available in this version of QuickBooks."/>` +
      `${ok('AgingReportQuery', 'rpt.20260331.ar')}${ok('AccountQuery', 'rpt.20260331.ac')}${ok('CustomerQuery', 'rpt.20260331.cu')}${ok('TxnDeletedQuery', 'rpt.20260331.dl')}</QBXMLMsgsRs></QBXML>`;
    expect(await receive(ticket, response)).toBe(100);
    const closed = result((await soap(envelope('closeConnection', [['ticket', ticket]]))).text, 'closeConnection');
    expect(closed).toContain('Reconciliation figures as of 2026-03-31 not fetched: QuickBooks refused the TrialBalance request (3250');
    const failed = await api('GET', `/v1/companies/${co.id}/reconciliation?month=2026-03`, { token: co.viewer });
    expect([failed.status, failed.json.error.message]).toEqual([409, expect.stringContaining('refresh=1')]);
    expect((await login(username))[1]).toBe('none');
    const again = await api('GET', `/v1/companies/${co.id}/reconciliation?month=2026-03&refresh=1`, { token: co.viewer });
    expect([again.status, again.json.state]).toEqual([202, 'requested']);
  });

  it('report queries whose answer is lost go out again on the next session; job answers are not mistaken for them', async () => {
    const { co, username } = await desktopCompany();
    await api('GET', `/v1/companies/${co.id}/reconciliation?month=2026-02`, { token: co.viewer });
    const [first] = await login(username);
    expect(await sendRequest(first)).toContain('rpt.20260228.tb');
    // The Web Connector dies here. The next login still has work: the same queries.
    const [second, answer] = await login(username);
    expect(answer).toBe('C:\\Marina.QBW'); // a session (on the company file the first one bound)
    const xml = await sendRequest(second);
    expect(xml).toContain('rpt.20260228.tb');
    // An answer naming a job-like requestID is a stranger, not a report (and no job is touched).
    const stranger = '<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><CustomerAddRs requestID="20260228.w" statusCode="0" statusSeverity="Info" statusMessage="Status OK"/></QBXMLMsgsRs></QBXML>';
    expect(await receive(second, stranger)).toBe(100);
    expect(result((await soap(envelope('getLastError', [['ticket', second]]))).text, 'getLastError')).toMatch(/Ignored 1 answer/);
    const status = await api('GET', `/v1/companies/${co.id}/qbd/status`, { token: co.operator });
    expect(status.json.reconciliation).toEqual([expect.objectContaining({ asOf: '2026-02-28', state: 'failed', error: expect.stringContaining('no answer to the TrialBalance request') })]);
  });

  it('the page says the figures come on the next Web Connector run', async () => {
    const { co } = await desktopCompany();
    const { app } = await import('../../worker/app');
    const { env } = await import('cloudflare:test');
    const signIn = await app.request('http://sync.test/app/sign-in', { method: 'POST', body: new URLSearchParams({ token: co.viewer }), headers: { origin: 'http://sync.test' } }, env);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    const page = await app.request('http://sync.test/app/reconciliation?month=2026-03', { headers: { cookie } }, env);
    expect(page.status).toBe(202);
    const html = await page.text();
    expect(html).toContain('Requested from QuickBooks Desktop');
    expect(html).toContain('next Web Connector run');
    const health = await app.request('http://sync.test/app/health', { headers: { cookie } }, env);
    expect(await health.text()).toMatch(/Reconciliation figures as of 2026-03-31:.*requested/);
  });
});
