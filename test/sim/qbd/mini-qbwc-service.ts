import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseXml } from './company/xml.js';

/**
 * A minimal QBWC SOAP service for tests: it hands out scripted qbXML requests and records every
 * call with its headers, the way a real endpoint would see them.
 */
export interface RecordedCall {
  method: string;
  headers: IncomingHttpHeaders;
  params: Record<string, string>;
  paramOrder: string[];
  raw: string;
}

export interface MiniServiceScript {
  clientVersion?: string;
  authenticate?: (user: string, password: string) => string[];
  requests?: string[];
  /** receiveResponseXML answer; default reports progress and 100 after the last request. */
  onReceive?: (index: number, params: Record<string, string>) => number;
  lastError?: () => string;
  connectionError?: (params: Record<string, string>) => string;
  /** Answer the first `n` sendRequestXML calls with "" before handing out requests (NoOp tests). */
  emptyFirst?: number;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function envelope(method: string, inner: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>` +
    `<${method}Response xmlns="http://developer.intuit.com/"><${method}Result>${inner}</${method}Result></${method}Response></soap:Body></soap:Envelope>`;
}

export async function startMiniService(script: MiniServiceScript) {
  const calls: RecordedCall[] = [];
  const requests = [...(script.requests ?? [])];
  const total = requests.length;
  let sent = 0;
  let empties = script.emptyFirst ?? 0;
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const { root } = parseXml(raw);
      const body = root.children.find((c) => c.name.endsWith('Body'))!.children[0];
      const params = Object.fromEntries(body.children.map((c) => [c.name, c.text]));
      calls.push({ method: body.name, headers: req.headers, params, paramOrder: body.children.map((c) => c.name), raw });
      let inner = '';
      switch (body.name) {
        case 'serverVersion': inner = 'mini 1.0'; break;
        case 'clientVersion': inner = script.clientVersion ?? ''; break;
        case 'authenticate':
          inner = (script.authenticate?.(params.strUserName, params.strPassword) ?? ['TICKET-1', ''])
            .map((s) => `<string>${escape(s)}</string>`).join('');
          break;
        case 'sendRequestXML':
          if (empties > 0) { empties -= 1; inner = ''; break; }
          inner = escape(requests.shift() ?? '');
          if (inner) sent += 1;
          break;
        case 'receiveResponseXML':
          inner = String(script.onReceive?.(sent, params) ?? (sent >= total ? 100 : Math.floor((sent / total) * 100)));
          break;
        case 'getLastError': inner = escape(script.lastError?.() ?? 'nothing to do'); break;
        case 'connectionError': inner = escape(script.connectionError?.(params) ?? 'done'); break;
        case 'closeConnection': inner = 'OK'; break;
        default: res.writeHead(500).end(); return;
      }
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(envelope(body.name, inner));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/qbwc`,
    calls,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
