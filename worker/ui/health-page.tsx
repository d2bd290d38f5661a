import type { CompanyView } from '../companies';
import type { getJobCounts } from '../queue';
import type { Child } from 'hono/jsx';
import { Layout } from './layout';

type Counts = Awaited<ReturnType<typeof getJobCounts>>;

function age(seconds: number | null): string {
  if (seconds === null) return 'none';
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} days`;
}

const SYSTEM_NAMES = { qbd: 'QuickBooks Desktop (Web Connector)', qbo: 'QuickBooks Online', none: 'None (nothing is synced)' } as const;

export function HealthPage({ company, who, counts, connection }: { company: CompanyView; who: string; counts: Counts; connection?: Child }) {
  return (
    <Layout title="Health" companyName={company.name} active="health" who={who}>
      <h1>Health</h1>
      <div class="card">
        <p>
          Accounting system: <strong>{SYSTEM_NAMES[company.accountingSystem]}</strong>
        </p>
        <p>
          Closing date: <strong>{company.closingDate ?? 'not set'}</strong> · Oldest job not yet sent: <strong>{age(counts.oldestPendingAgeSeconds)}</strong>
        </p>
      </div>
      {connection}
      <div class="grid">
        {Object.entries(counts.byState).map(([state, n]) => (
          <a class="stat" href={`/app/log?state=${state}`} style="color:inherit;text-decoration:none" data-state={state}>
            <span class="muted">{state}</span>
            <b>{n}</b>
          </a>
        ))}
      </div>
      <h2>By job type</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Job type</th>
              {Object.keys(counts.byState).map((s) => (
                <th>{s}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Object.entries(counts.byType).map(([type, byState]) => (
              <tr>
                <td>
                  <a href={`/app/log?type=${type}`}>{type}</a>
                </td>
                {Object.keys(counts.byState).map((s) => (
                  <td>{byState[s] ?? 0}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
