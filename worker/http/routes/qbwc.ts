import { Hono } from 'hono';
import { handleSoap, qbwcWsdl, supportPage } from '../../qbd';
import type { AppEnv } from '../context';
import { documentRoute } from '../openapi-registry';

documentRoute({ method: 'post', path: '/qbwc', summary: 'QuickBooks Web Connector SOAP 1.1 endpoint (the .qwc AppURL)', tag: 'QuickBooks Desktop', auth: 'none', responses: { 200: { description: 'SOAP response', contentType: 'text/xml' } } });
documentRoute({ method: 'get', path: '/qbwc', summary: 'The WSDL with ?wsdl; otherwise a short banner', tag: 'QuickBooks Desktop', auth: 'none', responses: { 200: { description: 'WSDL', contentType: 'text/xml' } } });
documentRoute({ method: 'get', path: '/qbwc/support', summary: 'The AppSupport page the Web Connector checks and links to', tag: 'QuickBooks Desktop', auth: 'none', responses: { 200: { description: 'HTML page', contentType: 'text/html' } } });

const XML = { 'content-type': 'text/xml; charset=utf-8' };

/** The Web Connector authenticates inside the protocol (username + password), not with bearer tokens. */
export const qbwcRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    const { status, xml } = await handleSoap({ ctx: c.get('ctx'), body: await c.req.text() });
    return c.body(xml, status as 200, XML);
  })
  .get('/', (c) => {
    const url = new URL(c.req.url);
    if (url.searchParams.has('wsdl') || url.search.toLowerCase() === '?wsdl') return c.body(qbwcWsdl(`${url.origin}/qbwc`), 200, XML);
    return c.text('Sharper Sync QuickBooks Web Connector endpoint. POST SOAP 1.1 here; GET ?wsdl for the WSDL.');
  })
  .get('/support', (c) => c.html(supportPage(new URL(c.req.url).origin)));
