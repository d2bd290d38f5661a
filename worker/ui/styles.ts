/** One small stylesheet: readable on a laptop and a tablet, no framework, no external fonts. */
export const STYLES = `
:root { --ink:#1d2733; --muted:#5b6b7c; --line:#d8dee6; --bg:#f6f8fa; --brand:#0b5fa5; --bad:#b3261e; --warn:#8a5a00; --ok:#1e7d32; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--ink); background:var(--bg); }
header { background:#fff; border-bottom:1px solid var(--line); padding:10px 20px; display:flex; gap:20px; align-items:center; flex-wrap:wrap; }
header .brand { font-weight:700; color:var(--brand); }
header nav a { margin-right:14px; color:var(--ink); text-decoration:none; padding:4px 0; }
header nav a.active { border-bottom:2px solid var(--brand); font-weight:600; }
header .who { margin-left:auto; color:var(--muted); font-size:13px; }
main { padding:18px 20px; max-width:1280px; margin:0 auto; }
h1 { font-size:20px; margin:0 0 12px; }
h2 { font-size:16px; margin:20px 0 8px; }
.card { background:#fff; border:1px solid var(--line); border-radius:8px; padding:14px; margin-bottom:14px; }
table { width:100%; border-collapse:collapse; background:#fff; }
th, td { text-align:left; padding:7px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
th { font-size:12px; text-transform:uppercase; letter-spacing:.03em; color:var(--muted); }
td.msg { max-width:420px; }
.table-wrap { overflow-x:auto; border:1px solid var(--line); border-radius:8px; }
form.filters { display:flex; flex-wrap:wrap; gap:8px; align-items:flex-end; }
form.filters label { display:flex; flex-direction:column; font-size:12px; color:var(--muted); }
input, select, button { font:inherit; padding:6px 8px; border:1px solid var(--line); border-radius:6px; background:#fff; }
button, .button { background:var(--brand); color:#fff; border-color:var(--brand); cursor:pointer; text-decoration:none; display:inline-block; padding:6px 12px; border-radius:6px; }
button.secondary, .button.secondary { background:#fff; color:var(--brand); }
button:disabled { opacity:.5; cursor:not-allowed; }
.state { font-size:12px; font-weight:600; padding:2px 8px; border-radius:10px; background:#eef2f6; white-space:nowrap; }
.state-failed { background:#fde8e7; color:var(--bad); }
.state-held { background:#fff3dc; color:var(--warn); }
.state-waiting { background:#eef2ff; color:#3949ab; }
.state-synced { background:#e6f4ea; color:var(--ok); }
.state-sending, .state-queued { background:#e8f1fb; color:var(--brand); }
.muted { color:var(--muted); }
.notice { padding:10px 14px; border-radius:8px; margin-bottom:14px; background:#e8f1fb; }
.notice.error { background:#fde8e7; color:var(--bad); }
pre { background:#0f1720; color:#e3e8ee; padding:10px; border-radius:6px; overflow:auto; max-height:360px; font-size:12px; }
.grid { display:grid; grid-template-columns:repeat(auto-fill, minmax(150px, 1fr)); gap:10px; }
.stat { background:#fff; border:1px solid var(--line); border-radius:8px; padding:10px; }
.stat b { display:block; font-size:22px; }
.pager { margin-top:10px; display:flex; gap:10px; }
@media (max-width: 700px) { main { padding:12px; } td.msg { max-width:none; } }
`;
