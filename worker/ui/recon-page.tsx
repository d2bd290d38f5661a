import { formatCents } from '../ledger';
import type { PendingReconciliation, Reconciliation, ReconRow } from '../recon';
import { Layout } from './layout';

function Rows({ rows, label }: { rows: ReconRow[]; label: string }) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th>{label}</th>
            <th>Sharper</th>
            <th>QuickBooks</th>
            <th>Difference</th>
            <th>Explained by</th>
            <th>Unexplained</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr data-recon-row={r.id ?? r.quickbooksId ?? ''} class={r.difference ? 'diff' : ''}>
              <td>{r.name}</td>
              <td>{formatCents(r.sharper)}</td>
              <td>{formatCents(r.quickbooks)}</td>
              <td>
                <strong>{r.difference ? formatCents(r.difference) : '—'}</strong>
              </td>
              <td class="msg">
                {r.explanations.map((e) => (
                  <div>
                    {e.cents === null ? '' : `${formatCents(e.cents)} `}
                    {e.record ? `${e.record.kind} ${e.record.docNumber ?? e.record.id}: ` : ''}
                    {e.jobId ? <a href={`/app/jobs/${e.jobId}`}>{e.message}</a> : e.message}
                  </div>
                ))}
              </td>
              <td>{r.unexplained ? <strong data-unexplained style="color:var(--bad)">{formatCents(r.unexplained)}</strong> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const when = (iso: string | null) => (iso ? iso.replace('T', ' ').slice(0, 16) + ' UTC' : 'never');

/** QuickBooks Desktop: the figures were asked for and come with the next Web Connector run. */
function PendingNotice({ pending }: { pending: PendingReconciliation }) {
  return (
    <div class="notice" data-recon-pending={pending.asOf}>
      <p>
        <strong>Requested from QuickBooks Desktop</strong> at {when(pending.requestedAt)}: the trial balance and A/R aging as of {pending.asOf} come on the
        next Web Connector run{pending.sentToQuickBooksAt ? ' (a run is fetching them now)' : ''}.
      </p>
      <p class="muted">
        Last Web Connector contact: {when(pending.lastWebConnectorContact)}. Run the update in the Web Connector (or wait for its schedule), then reload this page.
      </p>
    </div>
  );
}

export function ReconPage({ companyName, who, month, report, pending, error }: { companyName: string; who: string; month: string; report?: Reconciliation; pending?: PendingReconciliation; error?: string }) {
  return (
    <Layout title="Reconciliation" companyName={companyName} active="reconciliation" who={who}>
      <h1>Month-end reconciliation</h1>
      <div class="card">
        <form class="filters" method="get" action="/app/reconciliation">
          <label>
            Month
            <input type="month" name="month" value={month} required />
          </label>
          <button type="submit">Reconcile</button>
          {report && (
            <a class="button secondary" href={`/app/reconciliation.csv?month=${month}`}>
              Download CSV
            </a>
          )}
          {(report?.target === 'qbd' || (error && /refresh=1/.test(error))) && (
            <a class="button secondary" href={`/app/reconciliation?month=${month}&refresh=1`}>
              Ask QuickBooks again
            </a>
          )}
        </form>
        {report && <p class="muted">{report.readCalls.note}</p>}
      </div>
      {error && <div class="notice error">{error}</div>}
      {pending && <PendingNotice pending={pending} />}
      {report && (
        <>
          <div class="grid">
            <div class="stat">
              <span class="muted">Customer differences</span>
              <b>{formatCents(report.totals.customers.difference)}</b>
            </div>
            <div class="stat">
              <span class="muted">Unexplained (customers)</span>
              <b>{formatCents(report.totals.customers.unexplained)}</b>
            </div>
            <div class="stat">
              {/* Account differences net to zero when both sides balance; how many and what is unexplained says more. */}
              <span class="muted">Accounts with a difference</span>
              <b>{report.totals.accounts.rowsWithDifference}</b>
            </div>
            <div class="stat">
              <span class="muted">Unexplained (accounts)</span>
              <b>{formatCents(report.totals.accounts.unexplained)}</b>
            </div>
            <div class="stat">
              <span class="muted">As of</span>
              <b style="font-size:16px">{report.asOf}</b>
            </div>
          </div>
          {report.noData && <p>Sharper has no transactions up to {report.asOf}.</p>}
          <h2>Receivables by customer</h2>
          <Rows rows={report.customers} label="Customer" />
          <h2>Accounts</h2>
          <Rows rows={report.accounts} label="Account" />
          {report.quickbooksOnlyAccounts.length > 0 && (
            <>
              <h2>Accounts only QuickBooks has</h2>
              <ul>
                {report.quickbooksOnlyAccounts.map((a) => (
                  <li>
                    {a.name}: {formatCents(a.cents)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </Layout>
  );
}
