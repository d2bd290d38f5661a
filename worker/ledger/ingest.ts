import type { Db } from '../db/client';
import { findMapped, findOpenJobs, findRecords, writeIngest, type JobWrite, type RecordWrite, type StoredRecord } from '../db/records';
import type { JobState, RecordKind, RecordStatus, SyncTarget } from '../db/schema/enums';
import { evaluateReadiness, type KnownRecord } from '../queue/readiness';
import { recordKey, type RecordKey } from '../queue/keys';
import { canonicalJson, sha256Hex } from '../shared/canonical';
import type { ErrorCode } from '../shared/errors';
import type { Violation } from './integrity';
import { recordKindSpecs, type RecordKindSpec } from './kinds';
import { validateRecord } from './validate';

export type RecordOp = 'upsert' | 'void' | 'delete';

export interface IngestOperation {
  kind: RecordKind;
  id: string;
  op: RecordOp;
  data?: unknown;
}

export interface IngestCompany {
  id: string;
  accountingSystem: 'qbd' | 'qbo' | 'none';
  closingDate: string | null;
}

export interface IngestInput {
  company: IngestCompany;
  operations: IngestOperation[];
}

export type IngestOutcome = 'created' | 'updated' | 'unchanged' | 'voided' | 'deleted';

export type IngestResult =
  | {
      ok: true;
      kind: RecordKind;
      id: string;
      outcome: IngestOutcome;
      version: number;
      job: { id: number; type: string; state: JobState; message: string | null } | null;
    }
  | {
      ok: false;
      kind: RecordKind;
      id: string;
      error: { code: ErrorCode; field?: string; message: string; violations?: Violation[] };
    };

interface Accepted {
  index: number;
  spec: RecordKindSpec;
  op: IngestOperation;
  write: RecordWrite;
  outcome: IngestOutcome;
}

const TERMINAL_FOR_RECORD: ReadonlySet<RecordStatus> = new Set(['voided', 'deleted']);

/**
 * Accepts Sharper's records: validates each, versions what changed, and plans the sync jobs —
 * all writes of one call land in one D1 batch. One bad record never sinks the others.
 */
export async function ingestRecords({ ctx, input }: { ctx: { db: Db; now: Date }; input: IngestInput }): Promise<IngestResult[]> {
  try {
    return await ingestOnce(ctx, input);
  } catch (error) {
    // Two writers raced on the same record (a version or job key already taken): re-read and retry once.
    if (String((error as Error)?.message ?? error).includes('UNIQUE constraint failed')) return ingestOnce(ctx, input);
    throw error;
  }
}

async function ingestOnce(ctx: { db: Db; now: Date }, input: IngestInput): Promise<IngestResult[]> {
  const { company } = input;
  const target: SyncTarget | null = company.accountingSystem === 'none' ? null : company.accountingSystem;
  const now = ctx.now.toISOString();
  const results: (IngestResult | undefined)[] = new Array(input.operations.length);

  // 1. Validate every body (pure) and hash its normalized content.
  const validated: { index: number; spec: RecordKindSpec; op: IngestOperation; data?: unknown; hash?: string }[] = [];
  for (const [index, op] of input.operations.entries()) {
    const spec = recordKindSpecs[op.kind];
    if (op.op !== 'upsert') {
      if (op.op === 'void' && !spec.voidable) {
        results[index] = fail(op, 'UNSUPPORTED_OPERATION', `a ${spec.label} cannot be voided; delete it or make it inactive`);
        continue;
      }
      validated.push({ index, spec, op });
      continue;
    }
    const v = validateRecord(spec, op.data);
    if (!v.ok) {
      results[index] = { ok: false, kind: op.kind, id: op.id, error: { ...v.problem } };
      continue;
    }
    validated.push({ index, spec, op, data: v.data, hash: await sha256Hex(canonicalJson(v.data)) });
  }

  // 2. Read what exists: the records themselves, what they reference, their open jobs, the id map.
  const refsOf = new Map<number, ReturnType<RecordKindSpec['references']>>();
  for (const v of validated) if (v.data) refsOf.set(v.index, v.spec.references(v.data));
  const keyPairs = new Map<RecordKey, [RecordKind, string]>();
  for (const v of validated) keyPairs.set(recordKey(v.op.kind, v.op.id), [v.op.kind, v.op.id]);
  for (const refs of refsOf.values()) for (const r of refs) keyPairs.set(recordKey(r.kind, r.id), [r.kind, r.id]);
  const pairs = [...keyPairs.values()];
  const [stored, openJobs, mapped] = await Promise.all([
    findRecords(ctx.db, company.id, pairs),
    target ? findOpenJobs(ctx.db, company.id, target, pairs) : Promise.resolve([]),
    target ? findMapped(ctx.db, company.id, target, pairs) : Promise.resolve([]),
  ]);
  const current = new Map<RecordKey, StoredRecord>(stored.map((r) => [recordKey(r.kind, r.sourceId), r]));
  const mappedKeys = new Set<RecordKey>(mapped.map(([k, id]) => recordKey(k, id)));

  // 3. Decide each operation in request order; later operations see earlier ones.
  const accepted: Accepted[] = [];
  for (const v of validated) {
    const key = recordKey(v.op.kind, v.op.id);
    const existing = current.get(key);
    const decision = decide(v, existing, company);
    if ('error' in decision) {
      results[v.index] = fail(v.op, decision.error.code, decision.error.message, decision.error.field);
      continue;
    }
    if (decision.outcome === 'unchanged') {
      results[v.index] = { ok: true, kind: v.op.kind, id: v.op.id, outcome: 'unchanged', version: existing!.version, job: null };
      continue;
    }
    const write = decision.write;
    current.set(key, { ...write });
    accepted.push({ index: v.index, spec: v.spec, op: v.op, write, outcome: decision.outcome });
  }

  // 4. Plan one job per accepted version (none when the company keeps no books in QuickBooks).
  const known = new Map<RecordKey, KnownRecord>();
  for (const [key, r] of current) known.set(key, { kind: r.kind, sourceId: r.sourceId, active: r.active, status: r.status, displayName: r.displayName });
  const jobs: JobWrite[] = [];
  const lastOfRecord = new Map<RecordKey, Accepted>();
  for (const a of accepted) lastOfRecord.set(recordKey(a.op.kind, a.op.id), a);
  if (target) {
    for (const a of lastOfRecord.values()) {
      const key = recordKey(a.op.kind, a.op.id);
      const open = openJobs.filter((j) => recordKey(j.kind, j.sourceId) === key);
      jobs.push(planJob(a, open, refsOf.get(a.index) ?? [], known, mappedKeys));
    }
  }

  // 5. Write everything in one batch, then report per record.
  const written = accepted.length ? await writeIngest(ctx.db, { companyId: company.id, target, now, records: accepted.map((a) => a.write), jobs }) : [];
  const jobByVersion = new Map(written.map((j) => [`${recordKey(j.kind, j.sourceId)}@${j.version}`, j]));
  for (const a of accepted) {
    const job = jobByVersion.get(`${recordKey(a.op.kind, a.op.id)}@${a.write.version}`);
    results[a.index] = {
      ok: true,
      kind: a.op.kind,
      id: a.op.id,
      outcome: a.outcome,
      version: a.write.version,
      job: job ? { id: job.id, type: a.spec.jobType, state: job.state, message: job.lastMessage } : null,
    };
  }
  return results as IngestResult[];
}

function fail(op: IngestOperation, code: ErrorCode, message: string, field?: string): IngestResult {
  return { ok: false, kind: op.kind, id: op.id, error: { code, message, ...(field && { field }) } };
}

type Decision =
  | { outcome: 'unchanged' }
  | { outcome: Exclude<IngestOutcome, 'unchanged'>; write: RecordWrite }
  | { error: { code: ErrorCode; message: string; field?: string } };

function decide(
  v: { spec: RecordKindSpec; op: IngestOperation; data?: unknown; hash?: string },
  existing: StoredRecord | undefined,
  company: IngestCompany,
): Decision {
  const { spec, op } = v;
  const name = `${spec.label} ${op.id}`;
  const closed = (date: string | null | undefined) => Boolean(company.closingDate && date && date <= company.closingDate);
  const closedError = (date: string): Decision => ({
    error: {
      code: 'CLOSED_PERIOD',
      field: 'date',
      message: `${name} is dated ${date}, on or before the closing date ${company.closingDate}; the books for that period are closed`,
    },
  });

  if (op.op === 'upsert') {
    const d = spec.describe(v.data);
    if (existing && existing.status === 'voided') {
      return { error: { code: 'CONFLICT', message: `${name} is voided in Sharper; a voided record cannot be changed` } };
    }
    if (existing && existing.status === 'active' && existing.contentHash === v.hash) return { outcome: 'unchanged' };
    if (closed(d.txnDate)) return closedError(d.txnDate!);
    if (existing && closed(existing.txnDate)) return closedError(existing.txnDate!);
    return {
      outcome: existing && existing.status !== 'deleted' ? 'updated' : 'created',
      write: {
        kind: op.kind,
        sourceId: op.id,
        version: (existing?.version ?? 0) + 1,
        status: 'active',
        contentHash: v.hash!,
        data: JSON.stringify(v.data),
        docNumber: d.docNumber ?? null,
        txnDate: d.txnDate ?? null,
        active: d.active,
        displayName: d.displayName ?? d.docNumber ?? null,
      },
    };
  }
  if (!existing || existing.status === 'deleted') {
    if (existing && op.op === 'delete') return { outcome: 'unchanged' };
    return { error: { code: 'NOT_FOUND', message: `${name} not found` } };
  }
  const status: RecordStatus = op.op === 'void' ? 'voided' : 'deleted';
  if (existing.status === status) return { outcome: 'unchanged' };
  if (TERMINAL_FOR_RECORD.has(existing.status) && status === 'voided') {
    return { error: { code: 'CONFLICT', message: `${name} is ${existing.status}` } };
  }
  if (closed(existing.txnDate)) return closedError(existing.txnDate!);
  return {
    outcome: op.op === 'void' ? 'voided' : 'deleted',
    write: { ...existing, version: existing.version + 1, status, active: false },
  };
}

function planJob(
  a: Accepted,
  open: { state: JobState; inDoubt: boolean; version: number }[],
  references: ReturnType<RecordKindSpec['references']>,
  known: Map<RecordKey, KnownRecord>,
  mapped: Set<RecordKey>,
): JobWrite {
  const key = recordKey(a.op.kind, a.op.id);
  // A send that may have reached QuickBooks without an answer must be checked before the next one.
  const inDoubt = open.some((j) => j.inDoubt);
  const inFlight = open.some((j) => j.state === 'sending');
  const base = {
    kind: a.op.kind,
    sourceId: a.op.id,
    version: a.write.version,
    jobType: a.spec.jobType,
    rank: a.spec.rank,
    inDoubt,
    docNumber: a.write.docNumber,
    txnDate: a.write.txnDate,
    displayName: a.write.displayName,
    dependencies: [] as [RecordKind, string][],
  };
  if (a.write.status !== 'active') {
    const action = a.write.status === 'voided' ? 'void' : 'delete';
    if (!mapped.has(key) && !inFlight && !inDoubt) {
      return { ...base, action, state: 'synced', lastCode: 'NOTHING_TO_DO', lastMessage: `Never reached QuickBooks, so there is nothing to ${action} there.` };
    }
    return { ...base, action, state: 'queued', lastCode: null, lastMessage: null };
  }
  const readiness = evaluateReadiness({ kind: a.op.kind, sourceId: a.op.id, docNumber: a.write.docNumber, references, known, mapped });
  switch (readiness.state) {
    case 'queued':
      return { ...base, action: 'upsert', state: 'queued', lastCode: null, lastMessage: null };
    case 'held':
      return { ...base, action: 'upsert', state: 'held', lastCode: readiness.code, lastMessage: readiness.message };
    case 'waiting':
      return {
        ...base,
        action: 'upsert',
        state: 'waiting',
        lastCode: 'WAITING_FOR_DEPENDENCY',
        lastMessage: readiness.message,
        dependencies: readiness.waitingFor.map((r) => [r.kind, r.id]),
      };
  }
}
