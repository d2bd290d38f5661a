import { jobStates, jobTypes } from '../db/schema/enums';
import type { JobView } from '../queue';
import { Layout, StateBadge } from './layout';

export interface LogFilters {
  type?: string;
  state?: string;
  q?: string;
  docNumber?: string;
  from?: string;
  to?: string;
}

export interface LogPageProps {
  companyName: string;
  who: string;
  canAct: boolean;
  filters: LogFilters;
  jobs: JobView[];
  nextCursor: string | null;
  notice?: string;
}

export function queryString(filters: LogFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, ...extra })) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function LogPage(p: LogPageProps) {
  const f = p.filters;
  return (
    <Layout title="Sync log" companyName={p.companyName} active="log" who={p.who}>
      <h1>Sync log</h1>
      {p.notice && <div class="notice">{p.notice}</div>}
      <div class="card">
        <form class="filters" method="get" action="/app/log">
          <label>
            Job type
            <select name="type">
              <option value="">All types</option>
              {jobTypes.map((t) => (
                <option value={t} selected={f.type === t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <label>
            State
            <select name="state">
              <option value="">All states</option>
              {jobStates.map((s) => (
                <option value={s} selected={f.state === s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label>
            Text
            <input name="q" value={f.q ?? ''} placeholder="message, name, id" />
          </label>
          <label>
            Doc number
            <input name="docNumber" value={f.docNumber ?? ''} size={8} />
          </label>
          <label>
            Changed from
            <input type="date" name="from" value={f.from ?? ''} />
          </label>
          <label>
            to
            <input type="date" name="to" value={f.to ?? ''} />
          </label>
          <button type="submit">Filter</button>
          <a class="button secondary" href="/app/log">
            Clear
          </a>
          <a class="button secondary" href={`/app/export.csv${queryString(f)}`}>
            Download CSV
          </a>
        </form>
        {p.canAct && (f.state === 'failed' || f.state === 'held' || f.state === 'waiting') && (
          <form method="post" action="/app/requeue" style="margin-top:10px">
            {Object.entries(f).map(([k, v]) => v && <input type="hidden" name={k} value={v} />)}
            <button type="submit">Requeue every {f.state} job matching these filters</button>
          </form>
        )}
      </div>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Job</th>
              <th>Type</th>
              <th>Record</th>
              <th>State</th>
              <th>Attempts</th>
              <th>Last message</th>
              <th>Changed</th>
            </tr>
          </thead>
          <tbody>
            {p.jobs.length === 0 && (
              <tr>
                <td colspan={7} class="muted">
                  No jobs match these filters.
                </td>
              </tr>
            )}
            {p.jobs.map((j) => (
              <tr data-job-id={String(j.id)}>
                <td>
                  <a href={`/app/jobs/${j.id}`}>#{j.id}</a>
                </td>
                <td>{j.type}</td>
                <td>
                  {j.record.docNumber ?? j.record.name ?? j.record.id}
                  <div class="muted" style="font-size:12px">
                    {j.record.kind} {j.record.id} v{j.record.version}
                  </div>
                </td>
                <td>
                  <StateBadge state={j.state} />
                </td>
                <td>{j.attempts}</td>
                <td class="msg">{j.message ?? ''}</td>
                <td class="muted">{j.updatedAt.replace('T', ' ').slice(0, 16)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="pager">
        {p.nextCursor && (
          <a class="button secondary" href={`/app/log${queryString(f, { cursor: p.nextCursor })}`}>
            Older jobs →
          </a>
        )}
      </div>
    </Layout>
  );
}
