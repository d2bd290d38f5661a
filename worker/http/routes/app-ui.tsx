import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { companyView, resolveCredential, updateCompanySettings, updateCompanySettingsSchema } from '../../companies';
import { jobStates, jobTypes, type JobState, type JobType } from '../../db/schema/enums';
import { exportSyncLogCsv, getJobCounts, getJobDetail, listRootCauses, listSyncLog, requeueJob, requeueJobs, type JobFilter, type RequeueResult } from '../../queue';
import { ServiceError } from '../../shared/errors';
import { reconcileMonth, reconciliationCsv } from '../../recon';
import { companyQwc, qbdConnectionStatus, setQbdPassword, setQbdPasswordSchema } from '../../qbd';
import { listOverrideEvents } from '../../extension';
import { disconnect, listDrift, qboStatus, startConnect } from '../../qbo';
import { DriftPanel, OverridePanel } from '../../ui/activity-panels';
import { QbdHealth, QboHealth } from '../../ui/connection-panels';
import { FailuresPage } from '../../ui/failures-page';
import { ReconPage } from '../../ui/recon-page';
import { HealthPage } from '../../ui/health-page';
import { JobPage } from '../../ui/job-page';
import { LogPage, queryString, type LogFilters } from '../../ui/log-page';
import { SettingsPage } from '../../ui/settings-page';
import { SignInPage } from '../../ui/sign-in';
import type { AppEnv } from '../context';
import { requireSameOrigin, requireUiSession, SESSION_COOKIE } from '../middleware/ui-session';

const filtersSchema = z.object({
  type: z.enum(jobTypes).or(z.literal('')).optional(),
  state: z.enum(jobStates).or(z.literal('')).optional(),
  q: z.string().max(200).optional(),
  docNumber: z.string().max(64).optional(),
  from: z.iso.date().or(z.literal('')).optional(),
  to: z.iso.date().or(z.literal('')).optional(),
});

function readFilters(raw: Record<string, unknown>): LogFilters {
  const parsed = filtersSchema.safeParse(raw);
  if (!parsed.success) return {};
  return Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v)) as LogFilters;
}

function toJobFilter(f: LogFilters): JobFilter {
  return {
    type: f.type ? [f.type as JobType] : undefined,
    state: f.state ? [f.state as JobState] : undefined,
    q: f.q || undefined,
    docNumber: f.docNumber || undefined,
    from: f.from || undefined,
    to: f.to || undefined,
  };
}

const who = (c: Context<AppEnv>) => {
  const p = c.get('principal');
  return 'label' in p ? `${p.label} (${p.role})` : '';
};
const canAct = (c: Context<AppEnv>) => {
  const p = c.get('principal');
  return 'role' in p && p.role === 'operator';
};

function describeRequeue(r: RequeueResult): string {
  const blocked = r.stillBlocked.length ? ` ${r.stillBlocked.length} still blocked: ${r.stillBlocked[0].message ?? r.stillBlocked[0].state}` : '';
  return `Requeued ${r.requeued} job${r.requeued === 1 ? '' : 's'}.${blocked}`;
}

function previousMonth(now: Date): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

function forbidden(c: Context<AppEnv>) {
  return c.text('This needs the operator role.', 403);
}

export const appUiRoutes = new Hono<AppEnv>()
  .use(requireSameOrigin())
  .get('/sign-in', (c) => c.html(<SignInPage />))
  .post('/sign-in', async (c) => {
    const form = await c.req.parseBody();
    const token = typeof form.token === 'string' ? form.token.trim() : '';
    const principal = token ? await resolveCredential(c.get('ctx').db, token) : null;
    if (!principal || principal.kind !== 'user_token') {
      return c.html(<SignInPage error="That token is not a valid user token. Ask your administrator for one." />, 401);
    }
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure: new URL(c.req.url).protocol === 'https:', path: '/app', maxAge: 60 * 60 * 12 });
    return c.redirect('/app/log', 303);
  })
  .post('/sign-out', (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/app' });
    return c.redirect('/app/sign-in', 303);
  })
  .use(requireUiSession())
  .get('/', (c) => c.redirect('/app/log', 303))
  .get('/log', async (c) => {
    const filters = readFilters(c.req.query());
    const cursor = c.req.query('cursor');
    const page = await listSyncLog({ ctx: c.get('ctx'), companyId: c.get('company').id, filter: toJobFilter(filters), cursor: cursor || undefined, limit: 50 });
    return c.html(<LogPage companyName={c.get('company').name} who={who(c)} canAct={canAct(c)} filters={filters} jobs={page.jobs} nextCursor={page.nextCursor} notice={c.req.query('notice')} />);
  })
  .get('/export.csv', async (c) => {
    const csv = await exportSyncLogCsv({ ctx: c.get('ctx'), companyId: c.get('company').id, filter: toJobFilter(readFilters(c.req.query())) });
    return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="accounting-sync.csv"' });
  })
  .get('/jobs/:jobId{[0-9]+}', async (c) => {
    const job = await getJobDetail({ ctx: c.get('ctx'), companyId: c.get('company').id, jobId: Number(c.req.param('jobId')) });
    return c.html(<JobPage companyName={c.get('company').name} who={who(c)} canAct={canAct(c)} job={job} notice={c.req.query('notice')} />);
  })
  .post('/jobs/:jobId{[0-9]+}/requeue', async (c) => {
    if (!canAct(c)) return forbidden(c);
    const jobId = Number(c.req.param('jobId'));
    let notice: string;
    try {
      notice = describeRequeue(await requeueJob({ ctx: c.get('ctx'), companyId: c.get('company').id, jobId }));
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      notice = error.message;
    }
    return c.redirect(`/app/jobs/${jobId}?notice=${encodeURIComponent(notice)}`, 303);
  })
  .post('/requeue', async (c) => {
    if (!canAct(c)) return forbidden(c);
    const form = await c.req.parseBody({ all: true });
    const rawIds = form.ids === undefined ? [] : Array.isArray(form.ids) ? form.ids : [form.ids];
    const ids = rawIds.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0).slice(0, 1000);
    const filters = readFilters(form);
    const filter: JobFilter = ids.length ? { ids } : toJobFilter(filters);
    if (!ids.length && !filter.state) return c.redirect(`/app/log?notice=${encodeURIComponent('Choose the state to requeue first.')}`, 303);
    const result = await requeueJobs({ ctx: c.get('ctx'), companyId: c.get('company').id, filter });
    const back = form.back === '/app/failures' ? '/app/failures' : `/app/log${queryString(filters)}`;
    return c.redirect(`${back}${back.includes('?') ? '&' : '?'}notice=${encodeURIComponent(describeRequeue(result))}`, 303);
  })
  .get('/failures', async (c) => {
    const groups = await listRootCauses({ ctx: c.get('ctx'), companyId: c.get('company').id });
    return c.html(<FailuresPage companyName={c.get('company').name} who={who(c)} canAct={canAct(c)} groups={groups} notice={c.req.query('notice')} />);
  })
  .get('/health', async (c) => {
    const { ctx } = { ctx: c.get('ctx') };
    const company = c.get('company');
    const counts = await getJobCounts({ ctx, companyId: company.id, now: ctx.now });
    const connection =
      company.accountingSystem === 'qbo' ? (
        <>
          <QboHealth status={await qboStatus({ ctx, companyId: company.id })} now={ctx.now} />
          <DriftPanel drift={(await listDrift({ ctx, companyId: company.id, filter: { status: ['open'], limit: 50 } })).drift} />
          <OverridePanel overrides={(await listOverrideEvents({ ctx, companyId: company.id, limit: 50 })).overrides} />
        </>
      ) : company.accountingSystem === 'qbd' ? (
        <QbdHealth status={await qbdConnectionStatus({ ctx, companyId: company.id })} />
      ) : undefined;
    return c.html(<HealthPage company={companyView(company)} who={who(c)} counts={counts} connection={connection} />);
  })
  .get('/reconciliation', async (c) => {
    const month = c.req.query('month') ?? previousMonth(c.get('ctx').now);
    const base = { companyName: c.get('company').name, who: who(c), month };
    if (!c.req.query('month')) return c.html(<ReconPage {...base} />);
    try {
      const outcome = await reconcileMonth({ ctx: c.get('ctx'), companyId: c.get('company').id, month, refresh: c.req.query('refresh') === '1' });
      if (outcome.kind === 'pending') return c.html(<ReconPage {...base} pending={outcome.pending} />, 202);
      return c.html(<ReconPage {...base} report={outcome.report} />);
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      return c.html(<ReconPage {...base} error={error.message} />, error.code === 'VALIDATION_FAILED' ? 422 : 409);
    }
  })
  .get('/reconciliation.csv', async (c) => {
    const outcome = await reconcileMonth({ ctx: c.get('ctx'), companyId: c.get('company').id, month: c.req.query('month') ?? '' });
    if (outcome.kind === 'pending') return c.text(outcome.pending.message, 202);
    const report = outcome.report;
    return c.body(reconciliationCsv(report), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="reconciliation-${report.month}.csv"` });
  })
  .post('/settings/qbd-password', async (c) => {
    if (!canAct(c)) return forbidden(c);
    const form = await c.req.parseBody();
    const input = setQbdPasswordSchema.safeParse({ password: form.password });
    if (!input.success) return c.redirect(`/app/settings?notice=${encodeURIComponent(`Password ${input.error.issues[0].message}.`)}`, 303);
    await setQbdPassword({ ctx: c.get('ctx'), companyId: c.get('company').id, password: input.data.password });
    return c.redirect(`/app/settings?notice=${encodeURIComponent('Web Connector password set. Enter the same password in the Web Connector.')}`, 303);
  })
  .get('/settings/connection.qwc', async (c) => {
    if (!canAct(c)) return forbidden(c);
    const company = c.get('company');
    try {
      const qwc = await companyQwc({ ctx: c.get('ctx'), companyId: company.id, companyName: company.name, origin: new URL(c.req.url).origin });
      return c.body(qwc, 200, { 'content-type': 'application/x-qwc', 'content-disposition': 'attachment; filename="sharper-sync.qwc"' });
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      return c.redirect(`/app/settings?notice=${encodeURIComponent(error.message)}`, 303);
    }
  })
  .get('/settings/qbo-connect', async (c) => {
    if (!canAct(c)) return forbidden(c);
    const environment = c.req.query('environment') === 'sandbox' ? 'sandbox' : 'production';
    const started = await startConnect({ ctx: c.get('ctx'), companyId: c.get('company').id, environment, origin: new URL(c.req.url).origin });
    return c.redirect(started.authorizeUrl, 302);
  })
  .post('/settings/qbo-disconnect', async (c) => {
    if (!canAct(c)) return forbidden(c);
    let notice = 'Disconnected from QuickBooks Online.';
    try {
      await disconnect({ ctx: c.get('ctx'), companyId: c.get('company').id });
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      notice = error.message;
    }
    return c.redirect(`/app/settings?notice=${encodeURIComponent(notice)}`, 303);
  })
  .get('/settings', (c) => c.html(<SettingsPage company={companyView(c.get('company'))} who={who(c)} canAct={canAct(c)} notice={c.req.query('notice')} />))
  .post('/settings', async (c) => {
    if (!canAct(c)) return forbidden(c);
    const form = await c.req.parseBody();
    const input = updateCompanySettingsSchema.safeParse({
      closingDate: typeof form.closingDate === 'string' && form.closingDate ? form.closingDate : null,
      openInSharperUrlTemplate: typeof form.openInSharperUrlTemplate === 'string' && form.openInSharperUrlTemplate ? form.openInSharperUrlTemplate : null,
    });
    if (!input.success) {
      const issue = input.error.issues[0];
      return c.html(<SettingsPage company={companyView(c.get('company'))} who={who(c)} canAct error={`${issue.path.join('.')}: ${issue.message}`} />, 422);
    }
    await updateCompanySettings({ ctx: c.get('ctx'), companyId: c.get('company').id, input: input.data });
    return c.redirect(`/app/settings?notice=${encodeURIComponent('Settings saved.')}`, 303);
  });
