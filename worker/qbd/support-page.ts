import { escapeXml } from './xml';

/** The AppSupport page QBWC checks (it must answer 200) and users land on from the Web Connector. */
export function supportPage(origin: string): string {
  const o = escapeXml(origin);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sharper Sync — QuickBooks Web Connector</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1f2933}code{background:#f1f5f9;padding:0 .25rem}</style></head>
<body><h1>Sharper Sync for QuickBooks Desktop</h1>
<p>The QuickBooks Web Connector on your QuickBooks PC sends your marina's invoices, payments, customers and other records from Sharper into QuickBooks Desktop.</p>
<h2>If an update fails</h2>
<ul>
<li><b>Invalid user or password</b>: set a new Web Connector password in Sharper's Accounting Sync settings and enter it in the Web Connector. After several wrong passwords, logins are paused for a few minutes.</li>
<li><b>Wrong QuickBooks company file</b>: open the company file this marina was first synced with, then click <i>Update Selected</i>. Sharper never sends records into a different file.</li>
<li><b>QuickBooks could not be opened / is busy</b>: open QuickBooks, close any open dialog, and run the update again. Nothing is lost; records that were in flight are checked in QuickBooks before they are sent again.</li>
<li><b>Records that need attention</b>: the sync log in Sharper's Accounting Sync page lists each one with what to do.</li>
</ul>
<p>Web Connector endpoint: <code>${o}/qbwc</code></p></body></html>`;
}
