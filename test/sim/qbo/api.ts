import { runBatch } from './batch';
import { runCdc } from './cdc';
import { companyInfo, preferences } from './company';
import { isRec, type OpContext } from './entities/common';
import { entityFromName } from './entities/registry';
import { createTaxService } from './entities/tax';
import { faults } from './faults';
import { createEntity, deleteEntity, readEntity, updateEntity, voidEntity } from './operations';
import { runQuery } from './query-exec';
import { parseQuery } from './query';
import { agedReceivableDetail, agedReceivables } from './reports/aged-receivables';
import { trialBalance } from './reports/trial-balance';
import { formatQboTime } from './time';
import type { EntityName, Rec } from './types';

/** One request under /v3/company/{realmId}/, after the HTTP layer has read and parsed it. */
export interface ApiRequest {
  method: string;
  segments: string[];
  params: URLSearchParams;
  /** Parsed JSON, or the raw text for `Content-Type: application/text` queries. */
  body: unknown;
  path: string;
}

export interface ApiDescription {
  operation: 'read' | 'query' | 'cdc' | 'report' | 'batch' | 'create' | 'update' | 'delete' | 'void' | 'unknown';
  entity: string | null;
  /** CorePlus (metered) per Intuit's App Partner Program: reads, queries, CDC, reports. */
  read: boolean;
  endpoint: string;
}

function queryText(req: ApiRequest): string | null {
  return req.params.get('query') ?? (typeof req.body === 'string' ? req.body : null);
}

function writeOperation(req: ApiRequest): ApiDescription['operation'] {
  const op = req.params.get('operation')?.toLowerCase();
  const include = req.params.get('include')?.toLowerCase() ?? '';
  if (op === 'delete') return 'delete';
  if (op === 'void' || (op === 'update' && include.split(',').includes('void'))) return 'void';
  if (op === 'update' || (isRec(req.body) && req.body.Id !== undefined)) return 'update';
  return 'create';
}

/** Classifies a request for limits, fault rules, metering and the request log. */
export function describeApiRequest(req: ApiRequest): ApiDescription {
  const [first = '', second] = req.segments;
  const head = first.toLowerCase();
  const endpoint = `${req.method} /${head}${head === 'reports' && second ? `/${second}` : ''}`;
  if (head === 'query') {
    let entity: string | null = null;
    try {
      entity = entityFromName(parseQuery(queryText(req) ?? '').entity) ?? null;
    } catch {
      entity = null; // the handler reports the parse error itself
    }
    return { operation: 'query', entity, read: true, endpoint };
  }
  if (head === 'cdc') return { operation: 'cdc', entity: null, read: true, endpoint };
  if (head === 'reports') return { operation: 'report', entity: second ?? null, read: true, endpoint };
  if (head === 'batch') return { operation: 'batch', entity: null, read: false, endpoint };
  if (head === 'taxservice') return { operation: 'create', entity: 'TaxCode', read: false, endpoint };
  if (head === 'companyinfo' || head === 'preferences') return { operation: 'read', entity: first, read: true, endpoint };
  const entity = entityFromName(first) ?? null;
  if (req.method === 'GET') return { operation: 'read', entity, read: true, endpoint };
  if (req.method === 'POST') return { operation: writeOperation(req), entity, read: false, endpoint };
  return { operation: 'unknown', entity, read: false, endpoint };
}

export interface ApiResult {
  status: number;
  body: Rec;
  batch?: { reads: number; writes: number };
}

function requireEntity(name: string | undefined): EntityName {
  const entity = name ? entityFromName(name) : undefined;
  if (!entity) throw faults.unsupported(`Operation Could not find resource for relative : /${name ?? ''} of full path is not supported.`);
  return entity;
}

function reportFor(ctx: OpContext, name: string, params: URLSearchParams): Rec {
  const time = formatQboTime(ctx.now, ctx.realm.settings.utcOffsetMinutes);
  if (name === 'TrialBalance') return trialBalance(ctx.realm, params, ctx.today, time);
  if (name === 'AgedReceivables') return agedReceivables(ctx.realm, params, ctx.today, time);
  if (name === 'AgedReceivableDetail') return agedReceivableDetail(ctx.realm, params, ctx.today, time);
  throw faults.unsupported(`Report ${name} is not simulated`);
}

/** Runs one API request against the realm; throws QboFault for anything QBO would refuse. */
export function handleApi(ctx: OpContext, req: ApiRequest): ApiResult {
  const d = describeApiRequest(req);
  const [first = '', second] = req.segments;
  switch (d.operation) {
    case 'query': {
      const text = queryText(req);
      if (!text) throw faults.required('query');
      return { status: 200, body: { QueryResponse: runQuery(ctx.realm, text) } };
    }
    case 'cdc':
      return { status: 200, body: runCdc(ctx.realm, ctx.now, req.params.get('entities'), req.params.get('changedSince')) };
    case 'report':
      return { status: 200, body: reportFor(ctx, second ?? '', req.params) };
    case 'batch': {
      const { response, stats } = runBatch(ctx, req.body, req.path);
      return { status: 200, body: response, batch: stats };
    }
    case 'read': {
      if (first.toLowerCase() === 'companyinfo') return { status: 200, body: { CompanyInfo: companyInfo(ctx.realm) } };
      if (first.toLowerCase() === 'preferences') return { status: 200, body: { Preferences: preferences(ctx.realm) } };
      const entity = requireEntity(first);
      if (!second) throw faults.unsupported(`GET /${first} needs an Id; use /query to list.`);
      return { status: 200, body: { [entity]: readEntity(ctx, entity, second) } };
    }
    case 'create':
    case 'update':
    case 'delete':
    case 'void': {
      if (!isRec(req.body)) throw faults.invalidProperty('Request body must be a JSON object');
      if (first.toLowerCase() === 'taxservice') return { status: 200, body: createTaxService(ctx, req.body) };
      const entity = requireEntity(first);
      if (second) throw faults.unsupported(`POST /${first}/${second} is not supported.`);
      const result =
        d.operation === 'create'
          ? createEntity(ctx, entity, req.body)
          : d.operation === 'update'
            ? updateEntity(ctx, entity, req.body)
            : d.operation === 'delete'
              ? deleteEntity(ctx, entity, req.body)
              : voidEntity(ctx, entity, req.body, req.params.get('operation')?.toLowerCase() === 'void' ? 'operation' : 'include');
      return { status: 200, body: { [entity]: result } };
    }
    default:
      throw faults.unsupported(`${req.method} is not supported here.`);
  }
}
