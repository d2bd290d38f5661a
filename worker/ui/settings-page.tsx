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
    </Layout>
  );
}
