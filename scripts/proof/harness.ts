import { ensureDevVars } from '../lib/dev-vars';
import { startLocalWorker } from '../lib/local-worker';


/** Claims of a run that dies mid-batch are swept after this long (short, so the proof can wait it out). */
export const PROOF_LEASE_MS = 15_000;
/** A run's time box; a killed run's hold on its company lapses a minute after it (worker/qbo/sync/run.ts). */
export const PROOF_RUN_BUDGET_MS = 15_000;
export const KILLED_RUN_RECOVERY_MS = Math.max(PROOF_LEASE_MS, PROOF_RUN_BUDGET_MS + 60_000) + 1_000;

/** A local Worker on workerd with its own D1, pointed at a QBO simulator; it can be killed and restarted. */
export async function startWorker(qboUrl: string) {
  const vars = ensureDevVars();
  const worker = await startLocalWorker({
    name: 'proof',
    detached: true,
    vars: (url) => ({
      QBO_API_BASE: qboUrl,
      QBO_OAUTH_BASE: qboUrl,
      QBO_REDIRECT_URI: `${url}/v1/qbo/oauth/callback`,
      QBO_LEASE_MS: String(PROOF_LEASE_MS),
      QBO_RUN_BUDGET_MS: String(PROOF_RUN_BUDGET_MS),
    }),
  });
  return { ...worker, adminToken: vars.ADMIN_TOKEN };
}

export function client(base: string) {
  return async function call(method: string, p: string, token?: string, body?: unknown): Promise<{ status: number; json: any; text: string }> {
    const res = await fetch(`${base}${p}`, {
      method,
      redirect: 'manual',
      headers: { ...(token && { authorization: `Bearer ${token}` }), ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: any = null; // eslint-disable-line @typescript-eslint/no-explicit-any -- a script reading JSON loosely
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: res.status, json, text };
  };
}

export type Call = ReturnType<typeof client>;

export async function createCompany(call: Call, admin: string, name: string, accountingSystem: 'qbo' | 'qbd') {
  const co = await call('POST', '/v1/admin/companies', admin, {
    name,
    accountingSystem,
    settings: { arAccount: 'A-1100', undepositedFundsAccount: 'A-1200', defaultIncomeAccount: 'A-4000', serviceFeeItem: 'P-PUMP' },
  });
  if (co.status !== 201) throw new Error(co.text);
  const id = co.json.id as string;
  const mms = (await call('POST', `/v1/admin/companies/${id}/mms-keys`, admin, {})).json.secret as string;
  const operator = (await call('POST', `/v1/admin/companies/${id}/user-tokens`, admin, { label: 'Proof', role: 'operator' })).json.secret as string;
  return { id, mms, operator };
}

export type ProofCompany = Awaited<ReturnType<typeof createCompany>>;

/** Pushes operations in bulk requests of 1,000 and returns how many were accepted. */
export async function push(call: Call, co: ProofCompany, ops: unknown[]): Promise<{ accepted: number; rejected: string[] }> {
  let accepted = 0;
  const rejected: string[] = [];
  for (let i = 0; i < ops.length; i += 1000) {
    const res = await call('POST', `/v1/companies/${co.id}/records/bulk`, co.mms, { records: ops.slice(i, i + 1000) });
    if (res.status !== 200) throw new Error(res.text);
    accepted += res.json.summary.accepted;
    for (const r of res.json.results) if (!r.ok) rejected.push(`${r.kind} ${r.id}: ${r.error.message}`);
  }
  return { accepted, rejected };
}

export async function counts(call: Call, co: ProofCompany): Promise<Record<string, number>> {
  return (await call('GET', `/v1/companies/${co.id}/jobs/counts`, co.operator)).json.byState;
}

/** Messages of failed and held jobs grouped by cause, for the printout. */
export async function causes(call: Call, co: ProofCompany): Promise<string[]> {
  const out: string[] = [];
  for (const state of ['failed', 'held', 'queued', 'waiting', 'sending']) {
    const res = await call('GET', `/v1/companies/${co.id}/jobs?state=${state}&limit=500`, co.operator);
    const groups = new Map<string, number>();
    for (const j of res.json.jobs) {
      const key = `${state}${j.inDoubt ? ' (in doubt)' : ''} ${j.type}: ${(j.message ?? '').replace(/\b(Invoice|Payment|Credit memo|Refund) \S+/g, '$1 …').slice(0, 140)}`;
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    for (const [k, n] of groups) out.push(`${n} × ${k}`);
  }
  return out;
}
