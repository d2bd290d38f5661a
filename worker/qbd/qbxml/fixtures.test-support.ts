import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RecordKind } from '../../db/schema/enums';
import { recordKindSpecs } from '../../ledger';
import { demoCompanyOperations } from '../../../test/fixtures/demo-company';
import type { BuildJob, BuildRefs } from './types';

/** Test support: the demo marina's records as the queue hands them over (money in cents). */
export function demoJobs(): BuildJob[] {
  const extra = [
    { kind: 'item', id: 'P-ICE', data: { name: 'Bagged Ice 10lb', type: 'inventory', price: '4.50', incomeAccount: 'A-4200', cogsAccount: 'A-5000', assetAccount: 'A-1300', description: 'Ice & bait "shop"' } },
    { kind: 'credit_memo', id: 'CM-APPLY', data: { customer: 'C-001', date: '2026-02-11', docNumber: 'CM-0002', lines: [{ item: 'P-PUMP', amount: '25.00', taxable: false }], applications: [{ invoice: 'INV-1001', amount: '25.00' }] } },
    { kind: 'refund', id: 'RF-CARD', data: { customer: 'C-005', date: '2026-03-01', of: { kind: 'credit_memo', id: 'CM-0001' }, amount: '84.80', method: 'card', account: 'A-1010', docNumber: 'RF-0002' } },
    { kind: 'journal_entry', id: 'JE-AR', data: { date: '2026-03-31', lines: [{ account: 'A-1100', debit: '10.00', customer: 'C-001' }, { account: 'A-4300', credit: '10.00' }] } },
  ];
  return toBuildJobs([...demoCompanyOperations(42, 6), ...extra]);
}

/** Records as Sharper sends them (decimal strings) → jobs as the queue hands them to the builders. */
export function toBuildJobs(ops: { kind: string; id: string; data?: unknown }[]): BuildJob[] {
  return ops.map((op, i) => ({
    id: i + 1,
    kind: op.kind as RecordKind,
    sourceId: op.id,
    action: 'upsert',
    data: recordKindSpecs[op.kind as RecordKind].schema.parse(op.data),
    existing: null,
  }));
}

/** Every reference resolves to a well-formed QuickBooks id. */
export const fakeRefs: BuildRefs = {
  id: (kind, id) => (['invoice', 'payment', 'credit_memo', 'refund', 'journal_entry'].includes(kind) ? `1A-${id.length}000001` : `80000${String(id.length).padStart(3, '0')}-1700000000`),
  arAccountId: '80000001-1700000000',
  guid: () => '{3F2504E0-4F89-11D3-9A0C-0305E82C3301}',
};

/** Strict xmllint validation (length facets included) against Intuit's XSD. */
export function xmllint(xml: string, schemaDir: string): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'qbd-build-'));
  const file = path.join(dir, 'm.xml');
  try {
    writeFileSync(file, xml);
    execFileSync('xmllint', ['--noout', '--schema', path.join(schemaDir, 'qbxmlops130.xsd'), file], { stdio: ['ignore', 'pipe', 'pipe'] });
    return [];
  } catch (e) {
    const stderr = String((e as { stderr?: Buffer }).stderr ?? '');
    const lines = stderr.split('\n').filter((l) => l.includes('error'));
    if (lines.length === 0) throw new Error(`xmllint failed: ${stderr || (e as Error).message}`);
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
