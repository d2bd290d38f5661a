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

const day = (iso: string) => iso.slice(0, 10);

const RECONNECT_WHY = {
  hard_maximum: 'Intuit ends every authorization five years after it was granted, however often Sharper syncs.',
  refresh_window: 'Nothing has refreshed the authorization for months, and Intuit drops it after about 100 days unused.',
} as const;

/** Reconnecting early loses nothing: jobs wait, and the new grant starts a fresh five years. */
function ReconnectWarning({ reconnectBy }: { reconnectBy: NonNullable<QboStatus['reconnectBy']> }) {
  return (
    <p class="notice error" data-reconnect-by={reconnectBy.by}>
      QuickBooks Online will require you to reconnect by <strong>{day(reconnectBy.by)}</strong> ({reconnectBy.daysLeft} days): reconnect now at{' '}
      <a href={reconnectBy.url}>{reconnectBy.url}</a>. {RECONNECT_WHY[reconnectBy.reason]}
    </p>
  );
}

/** How Sharper sends tax for this company, in the words a bookkeeper uses in QuickBooks. */
export function salesTaxLine(status: Pick<QboStatus, 'taxMode' | 'country'>): string {
  switch (status.taxMode) {
    case 'automated':
      return 'QuickBooks automated sales tax — Sharper sends its own tax amount on every document, so QuickBooks does not recalculate it';
    case 'manual':
      return "manual sales tax — Sharper's tax items are sent as the QuickBooks sales tax codes they map to";
    case 'unsupported':
      return `not supported outside the US: this QuickBooks company is in ${status.country ?? 'another country'}, and documents with tax are refused until its tax codes are mapped`;
    case null:
      return 'not read yet — Sharper reads the QuickBooks sales tax settings on its next sync';
  }
}

export function QboHealth({ status, now }: { status: QboStatus; now: Date }) {
  return (
    <div class="card" data-panel="qbo">
      <h2>QuickBooks Online</h2>
      {status.reconnectBy && <ReconnectWarning reconnectBy={status.reconnectBy} />}
      <p>
        Connection: <strong>{status.status.replace('_', ' ')}</strong>
        {status.realmId ? ` · company ${status.realmId} (${status.environment})` : ''}
        {status.reconnectNeeded && <span class="state state-failed"> reconnect needed: jobs wait until an operator reconnects</span>}
      </p>
      {status.message && <p class="muted">{status.message}</p>}
      {status.connected && (
        <p data-authorization>
          Authorization: {status.refreshHardExpiresAt ? <>ends <strong>{day(status.refreshHardExpiresAt)}</strong> at the latest (Intuit's five-year maximum)</> : "Intuit has not said when it ends"}
          {status.refreshExpiresAt ? ` · lapses ${day(status.refreshExpiresAt)} if nothing syncs before then` : ''}
        </p>
      )}
      <p data-sales-tax>
        Sales tax: <strong>{salesTaxLine(status)}</strong>
        {status.prefsReadAt ? <span class="muted"> · settings read {when(status.prefsReadAt)}</span> : ''}
      </p>
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
