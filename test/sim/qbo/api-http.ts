import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApiDescription, type ApiRequest, type ApiResult, describeApiRequest, handleApi } from './api';
import type { OpContext } from './entities/common';
import { amendAnswer } from './amend';
import { injectedFault, takeFault } from './fault-rules';
import { authFailedBody, faultBody, faults, QboFault, throttleBody, throttleXml } from './faults';
import { delay, gatewayHtml, sendJson, sendText } from './http';
import { admit, release } from './limits';
import { rememberedAnswer, replayedBatchFault } from './request-ids';
import { checkBearer } from './oauth';
import { now } from './state';
import { companyDate, formatQboTime } from './time';
import type { Realm, SimState } from './types';

const LOG_CAP = 5000;
const REQUEST_ID_MAX = 50;
const BATCH_REQUEST_ID_MAX = 36;

export interface ApiHttpInput {
  state: SimState;
  closing: AbortSignal;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  raw: string;
  realmId: string;
  segments: string[];
}

function parseApiBody(req: IncomingMessage, raw: string): unknown {
  if (raw === '') return undefined;
  const type = req.headers['content-type'] ?? '';
  if (type.includes('text')) return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch (err) {
    throw faults.invalidProperty(`Error parsing object: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function execute(state: SimState, realm: Realm, apiReq: ApiRequest): ApiResult {
  const t = now(state);
  const include = new Set((apiReq.params.get('include') ?? '').toLowerCase().split(',').filter(Boolean));
  const ctx: OpContext = { state, realm, now: t, actor: 'api', include, today: companyDate(t, realm.settings.utcOffsetMinutes) };
  try {
    const result = handleApi(ctx, apiReq);
    // Entity, query, CDC and batch replies carry the server time; reports have Header.Time instead.
    if (!('Header' in result.body)) result.body.time = formatQboTime(t, realm.settings.utcOffsetMinutes, true);
    return result;
  } catch (err) {
    if (err instanceof QboFault) return { status: err.status, body: faultBody(err, formatQboTime(t, realm.settings.utcOffsetMinutes, true)) as ApiResult['body'] };
    console.error('[qbo-sim] unexpected error', err);
    const fault = faults.system(err instanceof Error ? err.message : String(err));
    return { status: 500, body: faultBody(fault, formatQboTime(t, realm.settings.utcOffsetMinutes, true)) as ApiResult['body'] };
  }
}

function count(realm: Realm, d: ApiDescription, status: number, result?: ApiResult): void {
  const s = realm.stats;
  if (status >= 400) s.errors += 1;
  if (result?.batch) {
    s.batches += 1;
    s.batchItems += result.batch.reads + result.batch.writes;
    s.reads += result.batch.reads;
    s.writes += result.batch.writes;
    return;
  }
  if (d.operation === 'batch') s.batches += 1;
  else if (d.read) {
    s.reads += 1;
    if (status < 300) s.meteredReads += 1;
  } else s.writes += 1;
}

/**
 * The gateway in front of the service, in QBO's order: bearer check, throttles, injected faults,
 * requestid replay, then the operation. Each step answers in the shape real clients see there.
 */
export async function handleApiHttp(input: ApiHttpInput): Promise<void> {
  const { state, req, res, url, realmId } = input;
  const method = req.method ?? 'GET';
  const headers = { intuit_tid: randomUUID() };
  const realm = state.realms.get(realmId);
  const time = () => formatQboTime(now(state), realm?.settings.utcOffsetMinutes ?? -480, true);
  const authError = checkBearer(state, req.headers.authorization, realmId);
  if (realm) {
    realm.stats.requests += 1;
  }
  if (authError || !realm) {
    if (realm) realm.stats.errors += 1;
    return sendJson(res, 401, authFailedBody(authError ?? 'Unknown realm', time()), {
      ...headers,
      'www-authenticate': 'Bearer realm="Intuit", error="invalid_token"',
    });
  }

  let status = 500;
  let apiReq: ApiRequest = { method, segments: input.segments, params: url.searchParams, body: undefined, path: url.pathname };
  let d = describeApiRequest(apiReq);
  const requestId = method === 'POST' ? url.searchParams.get('requestid') : null;
  realm.stats.byEndpoint[d.endpoint] = (realm.stats.byEndpoint[d.endpoint] ?? 0) + 1;
  const log = () => {
    realm.log.push({ at: time(), method, path: url.pathname, query: url.search, status, operation: d.operation, entity: d.entity, requestId });
    if (realm.log.length > LOG_CAP) realm.log.splice(0, realm.log.length - LOG_CAP);
  };

  if (!admit(realm, now(state).getTime(), d.operation === 'batch')) {
    realm.stats.throttled += 1;
    status = 429;
    log();
    return sendJson(res, 429, throttleBody(time()), headers);
  }
  try {
    try {
      apiReq = { ...apiReq, body: parseApiBody(req, input.raw) };
      d = describeApiRequest(apiReq);
    } catch (err) {
      if (!(err instanceof QboFault)) throw err;
      status = err.status;
      realm.stats.errors += 1;
      return sendJson(res, status, faultBody(err, time()), headers);
    }

    const action = takeFault(state, { realmId, method, path: url.pathname, entity: d.entity, operation: d.operation }, 'request');
    if (action) realm.stats.injectedFaults += 1;
    if (action?.kind === 'http') {
      status = action.status;
      realm.stats.errors += 1;
      if (status === 429) realm.stats.throttled += 1;
      if (status === 429 && action.format === 'xml') return sendText(res, 429, throttleXml(time()), 'application/xml', headers);
      if (status === 429) return sendJson(res, 429, throttleBody(time()), headers);
      if (status >= 502 && status <= 504) return sendText(res, status, gatewayHtml(status), 'text/html', headers);
      return sendJson(res, status, faultBody(faults.system(`Simulated HTTP ${status}`), time()), headers);
    }
    if (action?.kind === 'token-expired') {
      status = 401;
      realm.stats.errors += 1;
      return sendJson(res, 401, authFailedBody('Token expired: simulated', time()), headers);
    }
    if (action?.kind === 'fault') {
      const fault = injectedFault(action);
      status = fault.status;
      realm.stats.errors += 1;
      return sendJson(res, status, faultBody(fault, time()), headers);
    }
    if (action?.kind === 'hang' && !action.after) await delay(action.ms, input.closing);

    let result: ApiResult;
    const cached = requestId ? rememberedAnswer(realm, requestId, now(state).getTime()) : undefined;
    const idLimit = d.operation === 'batch' ? BATCH_REQUEST_ID_MAX : REQUEST_ID_MAX;
    if (requestId && requestId.length > idLimit) {
      const fault = faults.stringLength('requestid');
      result = { status: 400, body: faultBody(fault, time()) as ApiResult['body'] };
    } else if (cached) {
      realm.stats.idempotentReplays += 1;
      const replayFault = d.operation === 'batch' ? realm.settings.replayFaultCode : null;
      result = replayFault ? replayedBatchFault(cached, replayFault, time()) : { status: cached.status, body: cached.body as ApiResult['body'] };
    } else {
      result = execute(state, realm, apiReq);
      if (action?.kind === 'amend') amendAnswer(realm, result.body, action.entity, action.set);
      // QBO replays the original answer, faults included, for a repeated requestid.
      if (requestId) realm.requestIds.set(requestId, { status: result.status, body: result.body, atMs: now(state).getTime() });
      count(realm, d, result.status, result);
    }
    status = result.status;
    if (action?.kind === 'hang' && action.after) await delay(action.ms, input.closing);
    if (action?.kind === 'lost-response') {
      status = action.mode === '502' ? 502 : 0;
      if (action.mode === 'abort') {
        res.socket?.destroy();
        return;
      }
      return sendText(res, 502, gatewayHtml(502), 'text/html', headers);
    }
    sendJson(res, result.status, result.body, headers);
  } finally {
    release(realm);
    log();
  }
}
