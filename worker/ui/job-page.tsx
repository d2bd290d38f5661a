import type { getJobDetail } from '../queue';
import { Layout, StateBadge } from './layout';
import { prettyPayload } from './pretty';

type JobDetail = Awaited<ReturnType<typeof getJobDetail>>;

const ACTION_WORDS = { upsert: 'create or update', void: 'void', delete: 'delete' } as const;

export function JobPage({ companyName, who, canAct, job, notice }: { companyName: string; who: string; canAct: boolean; job: JobDetail; notice?: string }) {
  const requeueable = ['failed', 'held', 'waiting'].includes(job.state);
  return (
    <Layout title={`Job #${job.id}`} companyName={companyName} active="log" who={who}>
      <p>
        <a href="/app/log">← Sync log</a>
      </p>
      <h1>
        {job.type} #{job.id} <StateBadge state={job.state} />
      </h1>
      {notice && <div class="notice">{notice}</div>}
      <div class="card">
        <p>
          <strong>{job.record.kind}</strong> {job.record.id} (version {job.record.version}
          {job.record.docNumber ? `, document ${job.record.docNumber}` : ''}
          {job.record.date ? `, dated ${job.record.date}` : ''}) — {ACTION_WORDS[job.action]} in QuickBooks {job.target === 'qbd' ? 'Desktop' : 'Online'}
        </p>
        {job.message && (
          <p>
            <strong>{job.code}</strong>: {job.message}
          </p>
        )}
        {job.inDoubt && <p class="notice">The last send got no answer: QuickBooks is checked for this record before it is sent again.</p>}
        <p class="muted">
          Attempts: {job.attempts}
          {job.nextAttemptAt ? ` · next retry ${job.nextAttemptAt}` : ''}
          {job.quickbooks ? ` · QuickBooks id ${job.quickbooks.id}` : ''}
        </p>
        {canAct && requeueable && (
          <form method="post" action={`/app/jobs/${job.id}/requeue`}>
            <button type="submit">Requeue</button>
          </form>
        )}
        {!canAct && requeueable && <button disabled title="Requeue needs the operator role">Requeue (operators only)</button>}
      </div>
      {job.waitingFor.length > 0 && (
        <div class="card">
          <h2>Waiting for</h2>
          <ul>
            {job.waitingFor.map((w) => (
              <li>{w.job ? <a href={`/app/jobs/${w.job.id}`}>{w.description}</a> : w.description}</li>
            ))}
          </ul>
        </div>
      )}
      <div class="card">
        <h2>The record as Sharper sent it</h2>
        <p class="muted">Money in cents.</p>
        <pre>{JSON.stringify(job.recordData, null, 2)}</pre>
      </div>
      <div class="card">
        <h2>Attempts</h2>
        {job.attemptHistory.length === 0 && <p class="muted">Not sent yet.</p>}
        {job.attemptHistory.map((a) => (
          <div style="margin-bottom:12px">
            <p>
              <strong>Attempt {a.attempt}</strong> · {a.outcome} · {a.finishedAt ?? a.startedAt}
              {a.code ? ` · ${a.code}` : ''}
              {a.message ? ` — ${a.message}` : ''}
            </p>
            {a.requestExcerpt && (
              <details>
                <summary>What was sent</summary>
                <pre>{prettyPayload(a.requestExcerpt)}</pre>
              </details>
            )}
            {a.responseExcerpt && (
              <details>
                <summary>What QuickBooks answered</summary>
                <pre>{prettyPayload(a.responseExcerpt)}</pre>
              </details>
            )}
          </div>
        ))}
      </div>
    </Layout>
  );
}
