import { z } from 'zod';
import { findCompany } from '../db/companies';
import { insertSeedDrift, upsertSeedQboConnection } from '../db/extension-test-seed';
import { setRefreshHardExpiry } from '../db/qbo-connections';
import { recordKinds } from '../db/schema/enums';
import { qboConnectionStatuses } from '../db/schema/qbo-connections';
import type { RequestCtx } from '../http/context';
import { claimJobs, recordKey, recordOutcome, type JobOutcome } from '../queue';
import { ServiceError, notFound } from '../shared/errors';

const outcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('failed'), code: z.string().max(64), message: z.string().max(500), retryable: z.boolean().default(false) }),
  z.object({ kind: z.literal('held'), code: z.string().max(64), message: z.string().max(500) }),
]);

/**
 * Development-only: plays the part of a QBO sync run and of drift detection for the extension's
 * browser tests (the Node tests' `wrangler dev` has no QuickBooks behind it). The run goes
 * through the queue's public claim/outcome verbs, exactly as the QBO path does.
 */
export const seedBody = z
  .object({
    companyId: z.string().min(1).max(64),
    qboConnection: z
      .object({
        realmId: z.string().regex(/^\d+$/),
        status: z.enum(qboConnectionStatuses).default('connected'),
        message: z.string().max(500).nullable().default(null),
        /** Days until Intuit's hard end of the grant, to show the reconnect warning. */
        hardExpiresInDays: z.number().int().min(0).max(2000).optional(),
      })
      .optional(),
    /** Claim every ready QBO job and record an outcome: synced (with `qbIds[kind:id]` or a generated id) unless `outcomes` says otherwise. */
    run: z.object({ qbIds: z.record(z.string(), z.string().regex(/^\d+$/)).default({}), outcomes: z.record(z.string(), outcomeSchema).default({}) }).optional(),
    drift: z.array(z.object({ kind: z.enum(recordKinds), sourceId: z.string(), qbEntity: z.string(), qbId: z.string(), fields: z.array(z.object({ field: z.string(), sharper: z.unknown(), quickbooks: z.unknown() })) })).default([]),
  })
  .strict();
export type SeedInput = z.output<typeof seedBody>;

export async function seedExtensionFixtures({ ctx, input }: { ctx: RequestCtx; input: SeedInput }) {
  if (!ctx.config.testSupport) throw new ServiceError('NOT_FOUND', 'No such route: test seeding exists only in the test harness (TEST_SUPPORT=enabled)');
  if (!(await findCompany(ctx.db, input.companyId))) throw notFound(`Company ${input.companyId}`);
  const now = ctx.now.toISOString();
  if (input.qboConnection) {
    const { hardExpiresInDays, ...connection } = input.qboConnection;
    await upsertSeedQboConnection(ctx.db, { companyId: input.companyId, ...connection, lastSyncFinishedAt: now, now });
    if (hardExpiresInDays !== undefined) await setRefreshHardExpiry(ctx.db, { companyId: input.companyId, at: ctx.now.getTime() + hardExpiresInDays * 86_400_000 });
  }
  const results: { kind: string; id: string; state: string; qbId: string | null }[] = [];
  let next = 5000;
  for (let batch = input.run ? await claimJobs({ ctx, companyId: input.companyId, target: 'qbo', limit: 200 }) : []; batch.length; batch = await claimJobs({ ctx, companyId: input.companyId, target: 'qbo', limit: 200 })) {
    for (const job of batch) {
      const key = recordKey(job.kind, job.sourceId);
      const planned = input.run?.outcomes[key];
      const qbId = job.existing?.qbId ?? input.run?.qbIds[key] ?? String(next++);
      const outcome: JobOutcome = planned ?? { kind: 'synced', qbId, qbLock: '0' };
      await recordOutcome({ ctx, job, outcome, exchange: { request: `(test seed) ${job.jobType} ${job.sourceId}`, response: planned ? planned.message : `(test seed) Id ${qbId}` } });
      results.push({ kind: job.kind, id: job.sourceId, state: planned?.kind ?? 'synced', qbId: planned ? (job.existing?.qbId ?? null) : qbId });
    }
  }
  await insertSeedDrift(
    ctx.db,
    input.drift.map((d, i) => ({ companyId: input.companyId, kind: d.kind, sourceId: d.sourceId, qbEntity: d.qbEntity, qbId: d.qbId, qbSyncToken: `seed-${ctx.now.getTime()}-${i}`, diff: JSON.stringify(d.fields), detectedAt: now })),
  );
  return { jobs: results, drift: input.drift.length };
}
