import type { CompanyView } from '../companies';
import { Layout } from './layout';

export function SettingsPage({ company, who, canAct, notice, error }: { company: CompanyView; who: string; canAct: boolean; notice?: string; error?: string }) {
  return (
    <Layout title="Settings" companyName={company.name} active="settings" who={who}>
      <h1>Settings</h1>
      {notice && <div class="notice">{notice}</div>}
      {error && <div class="notice error">{error}</div>}
      <div class="card">
        <form method="post" action="/app/settings">
          <p>
            <label>
              Closing date (nothing dated on or before it may be created, changed or voided)
              <br />
              <input type="date" name="closingDate" value={company.closingDate ?? ''} disabled={!canAct} />
            </label>
          </p>
          <p>
            <label>
              "Open in Sharper" link (use {'{kind}'} and {'{id}'})
              <br />
              <input name="openInSharperUrlTemplate" value={company.openInSharperUrlTemplate ?? ''} size={60} disabled={!canAct} placeholder="https://sharper.example.com/{kind}/{id}" />
            </label>
          </p>
          {canAct ? <button type="submit">Save</button> : <p class="muted">Changing settings needs the operator role.</p>}
        </form>
      </div>
      {company.accountingSystem === 'qbd' && (
        <div class="card" data-panel="qbd-settings">
          <h2>QuickBooks Desktop: Web Connector</h2>
          <p class="muted">Set a password, download the .qwc file, add it in the QuickBooks Web Connector on the PC where QuickBooks runs, and enter the same password there.</p>
          {canAct ? (
            <>
              <form method="post" action="/app/settings/qbd-password">
                <label>
                  New Web Connector password (at least 12 characters; stored hashed, never shown again)
                  <br />
                  <input type="password" name="password" minlength={12} required autocomplete="new-password" />
                </label>{' '}
                <button type="submit">Set password</button>
              </form>
              <p>
                <a class="button secondary" href="/app/settings/connection.qwc">
                  Download .qwc file
                </a>
              </p>
            </>
          ) : (
            <p class="muted">Connecting QuickBooks needs the operator role.</p>
          )}
        </div>
      )}
      {company.accountingSystem === 'qbo' && (
        <div class="card" data-panel="qbo-settings">
          <h2>QuickBooks Online</h2>
          {canAct ? (
            <>
              <p>
                <a class="button" href="/app/settings/qbo-connect?environment=production">
                  Connect to QuickBooks Online
                </a>{' '}
                <a class="button secondary" href="/app/settings/qbo-connect?environment=sandbox">
                  Connect a sandbox company
                </a>
              </p>
              <form method="post" action="/app/settings/qbo-disconnect">
                <button class="secondary" type="submit">
                  Disconnect (revokes access at Intuit)
                </button>
              </form>
            </>
          ) : (
            <p class="muted">Connecting QuickBooks needs the operator role.</p>
          )}
        </div>
      )}
    </Layout>
  );
}
