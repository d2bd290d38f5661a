import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { handleApiHttp } from './api-http';
import { handleControl } from './control';
import { isLoopback, readBody, sendJson } from './http';
import { handleAuthorize, handleRevoke, handleToken, handleUserInfo, OAUTH_PATHS } from './oauth';
import type { SimState } from './types';

const API_RE = /^\/v3\/company\/([^/]+)\/(.*)$/;

function isOneOf(path: string, list: readonly string[]): boolean {
  return list.includes(path);
}

async function route(state: SimState, closing: AbortSignal, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sim.local');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const method = req.method ?? 'GET';
  const raw = await readBody(req);

  if (path.startsWith('/__sim/')) {
    if (!isLoopback(req)) return sendJson(res, 403, { error: 'control API is loopback only' });
    return handleControl(state, method, path.slice('/__sim'.length), url.searchParams, raw, res);
  }
  if (isOneOf(path, OAUTH_PATHS.authorize) && method === 'GET') return handleAuthorize(state, url, res);
  if (isOneOf(path, OAUTH_PATHS.token) && method === 'POST') return handleToken(state, req, raw, res);
  if (isOneOf(path, OAUTH_PATHS.revoke) && method === 'POST') return handleRevoke(state, req, raw, res);
  if (isOneOf(path, OAUTH_PATHS.userinfo)) return handleUserInfo(state, req, res);
  const api = API_RE.exec(path);
  if (api) {
    const segments = api[2].split('/').filter(Boolean).map(decodeURIComponent);
    return handleApiHttp({ state, closing, req, res, url, raw, realmId: decodeURIComponent(api[1]), segments });
  }
  sendJson(res, 404, { error: 'not_found', path });
}

export interface SimServer {
  server: Server;
  close(): Promise<void>;
}

/** The HTTP server; close() also ends hung requests and open keep-alive sockets. */
export function createSimServer(state: SimState): SimServer {
  const closing = new AbortController();
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    route(state, closing.signal, req, res).catch((err: unknown) => {
      console.error('[qbo-sim] request failed', err);
      sendJson(res, 500, { error: err instanceof Error ? err.message : String(err) });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return {
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((err) => (err ? reject(err) : resolve()));
        for (const s of sockets) s.destroy();
      }),
  };
}
