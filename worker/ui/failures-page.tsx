import type { CauseGroup } from '../queue';
import { Layout, StateBadge } from './layout';

export function FailuresPage({ companyName, who, canAct, groups, notice }: { companyName: string; who: string; canAct: boolean; groups: CauseGroup[]; notice?: string }) {
  return (
    <Layout title="Failures" companyName={companyName} active="failures" who={who}>
      <h1>Failures by root cause</h1>
      {notice && <div class="notice">{notice}</div>}
      {groups.length === 0 && <div class="card">Nothing is failed or held. Everything Sharper sent is synced, on its way, or waiting its turn.</div>}
      {groups.map((g) => (
        <div class="card" data-cause={g.code}>
          <h2>
            {g.count} {g.jobType} job{g.count === 1 ? '' : 's'}: {g.cause}
          </h2>
          <p>
            {Object.entries(g.states).map(([state, n]) => (
              <span style="margin-right:8px">
                <StateBadge state={state} /> {n}
              </span>
            ))}
            <span class="muted">code {g.code} · e.g. {g.examples.join(', ')}</span>
          </p>
          <p>
            <strong>Fix:</strong> {g.fix}
          </p>
          <form method="post" action="/app/requeue">
            {g.jobIds.slice(0, 1000).map((id) => (
              <input type="hidden" name="ids" value={String(id)} />
            ))}
            <input type="hidden" name="back" value="/app/failures" />
            {canAct ? (
              <button type="submit">Requeue these {g.count}</button>
            ) : (
              <button type="button" disabled title="Requeue needs the operator role">
                Requeue these (operators only)
              </button>
            )}
          </form>
        </div>
      ))}
    </Layout>
  );
}
