import type { qbdConnectionStatus } from '../qbd';
import type { qboStatus } from '../qbo';

type QboStatus = Awaited<ReturnType<typeof qboStatus>>;
type QbdStatus = Awaited<ReturnType<typeof qbdConnectionStatus>>;

const when = (iso: string | null | undefined) => (iso ? iso.replace('T', ' ').slice(0, 16) + ' UTC' : 'never');

/** Next top of the hour: the cron trigger runs `0 * * * *`. */
function nextCron(now: Date): string {
  const next = new Date(now);
  next.setUTCMinutes(0, 0, 0);
  next.setUTCHours(next.getUTCHours() + 1);
  return when(next.toISOString());
}

export function QboHealth({ status, now }: { status: QboStatus; now: Date }) {
  return (
    <div class="card" data-panel="qbo">
      <h2>QuickBooks Online</h2>
      <p>
        Connection: <strong>{status.status.replace('_', ' ')}</strong>
        {status.realmId ? ` · company ${status.realmId} (${status.environment})` : ''}
        {status.reconnectNeeded && <span class="state state-failed"> reconnect needed: jobs wait until an operator reconnects</span>}
      </p>
      {status.message && <p class="muted">{status.message}</p>}
      <p>
        Last sync: <strong>{when(status.lastSync?.finishedAt)}</strong> · next hourly run: <strong>{nextCron(now)}</strong>
      </p>
      <p>
        Metered read calls this month ({status.meteredCalls.month}): <strong>{status.meteredCalls.reads}</strong> of Intuit's {status.meteredCalls.builderTierReadAllowance.toLocaleString('en-US')} Builder-tier allowance
        · writes {status.meteredCalls.writes} · throttled {status.meteredCalls.throttled}
      </p>
      <p>
        Edits made in QuickBooks (open drift): <strong>{status.openDrift}</strong>
      </p>
    </div>
  );
}

export function QbdHealth({ status }: { status: QbdStatus }) {
  return (
    <div class="card" data-panel="qbd">
      <h2>QuickBooks Desktop (Web Connector)</h2>
      <p>
        Web Connector user: <strong>{status.userName}</strong> · password {status.passwordSet ? 'set' : <strong>not set</strong>}
      </p>
      <p>Company file: {status.companyFile ? <strong>{status.companyFile.path}</strong> : 'not bound yet (the first run binds it)'}</p>
      <p>
        Last Web Connector contact: <strong>{when(status.lastSession?.lastCallAt)}</strong>
        {status.lastSession ? ` · ${status.lastSession.recordsHandled} records in ${status.lastSession.roundTrips} round trips` : ''}
        {status.lastSession?.lastError ? ` · last error: ${status.lastSession.lastError}` : ''}
      </p>
      {status.reconciliation.map((r) => (
        <p data-recon-request={r.asOf}>
          Reconciliation figures as of {r.asOf}:{' '}
          {r.state === 'fetched' ? (
            <>
              fetched <strong>{when(r.fetchedAt)}</strong> ({r.readRequests} read requests)
            </>
          ) : r.state === 'failed' ? (
            <span class="state state-failed">not fetched: {r.error}</span>
          ) : (
            <>requested {when(r.requestedAt)}, waiting for the next Web Connector run</>
          )}
        </p>
      ))}
    </div>
  );
}
