import type { listOverrideEvents } from '../extension';
import type { DriftView } from '../qbo';

type OverrideList = Awaited<ReturnType<typeof listOverrideEvents>>['overrides'];

const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Edits made in QuickBooks to Sharper's records (drift), newest first. */
export function DriftPanel({ drift }: { drift: DriftView[] }) {
  return (
    <div class="card" data-panel="drift">
      <h2>Edited in QuickBooks (open drift)</h2>
      {drift.length === 0 ? (
        <p class="muted">No open drift: QuickBooks matches what Sharper sent.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Record</th>
                <th>QuickBooks</th>
                <th>What changed</th>
                <th>Seen</th>
              </tr>
            </thead>
            <tbody>
              {drift.map((d) => (
                <tr>
                  <td>
                    {d.record.kind} {d.record.id}
                  </td>
                  <td>
                    {d.qbEntity} {d.qbId}
                  </td>
                  <td class="msg">{d.deleted ? 'deleted in QuickBooks' : d.diff.map((f) => `${f.field}: Sharper ${show(f.sharper)}, QuickBooks ${show(f.quickbooks)}`).join('; ')}</td>
                  <td class="muted">{d.detectedAt.replace('T', ' ').slice(0, 16)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** "Edit anyway" events from the browser extension: who overrode the warning, on what, when. */
export function OverridePanel({ overrides }: { overrides: OverrideList }) {
  return (
    <div class="card" data-panel="overrides">
      <h2>Edits allowed in QuickBooks ("Edit anyway")</h2>
      {overrides.length === 0 ? (
        <p class="muted">Nobody has overridden the extension's warning.</p>
      ) : (
        <ul>
          {overrides.map((o) => (
            <li>
              {o.at.replace('T', ' ').slice(0, 16)} · {o.who.label} · {o.action} on {o.record ? `${o.record.kind} ${o.record.docNumber ?? o.record.id}` : `${o.quickbooks.entity} ${o.quickbooks.id}`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
