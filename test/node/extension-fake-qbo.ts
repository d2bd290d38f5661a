import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for QuickBooks Online's web app, served over HTTPS under the real host names (the
 * browser maps them to 127.0.0.1). It reproduces what the extension relies on, per
 * ../shared/reference/qbo-web-app-dom.md: `/app/<type>?txnId=` URLs, pushState navigation, a
 * trowser form whose labels sit in child spans, IDS split buttons with `aria-haspopup` arrows,
 * `data-testid`/`data-automation-id` hooks, a More-actions menu, Ctrl+Alt shortcuts handled by a
 * page listener, and event delegation on the app root the way React 17+ listens.
 */
const APP_HTML = String.raw`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>QuickBooks</title>
<style>
  body { margin: 0; font: 14px/1.4 Arial, sans-serif; background: #eceef1; }
  .shell { display: grid; grid-template-columns: 180px 1fr; min-height: 100vh; }
  nav { background: #2ca01c; color: #fff; padding: 12px; } nav a { display: block; color: #fff; margin: 6px 0; }
  .trowser { background: #fff; margin: 12px; border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.2); display: flex; flex-direction: column; min-height: calc(100vh - 24px); }
  header { display: flex; align-items: center; padding: 10px 16px; border-bottom: 1px solid #ddd; } header h2 { margin: 0; flex: 1; font-size: 20px; }
  form { padding: 16px; flex: 1; } label { display: block; margin: 8px 0 2px; color: #555; } input { padding: 6px; width: 260px; }
  footer { display: flex; gap: 8px; padding: 10px 16px; background: #393a3d; } footer button { padding: 8px 12px; }
  .split { display: inline-flex; } .spacer { flex: 1; }
  [role=menu] { position: absolute; background: #fff; border: 1px solid #aaa; list-style: none; padding: 4px 0; margin: 0; bottom: 56px; }
  [role=menu] li { padding: 6px 16px; cursor: pointer; } [role=alert] { position: fixed; top: 10px; left: 40%; background: #2ca01c; color: #fff; padding: 8px 16px; }
</style></head>
<body><div id="app"></div>
<script>
  const RECORDS = {
    '130': { doc: '1042', customer: 'Jane Boater', amount: '621.30' },
    '131': { doc: '1043', customer: 'Jane Boater', amount: '621.30' },
    '132': { doc: '1044', customer: 'Jane Boater', amount: '621.30' },
    '133': { doc: '1045', customer: 'Jane Boater', amount: '600.00' },
    '999': { doc: '88', customer: 'Walk-in customer', amount: '45.00' },
  };
  const TYPES = { invoice: 'Invoice', recvpayment: 'Receive Payment', creditmemo: 'Credit Memo', refundreceipt: 'Refund Receipt', salesreceipt: 'Sales Receipt', journal: 'Journal Entry' };
  window.__qbo = { actions: [], renders: 0, usableAt: null };
  const app = document.getElementById('app');

  function current() {
    const u = new URL(location.href);
    const type = u.pathname.split('/')[2] || 'homepage';
    return { type, id: u.searchParams.get('txnId') };
  }
  function nav() {
    return '<nav data-id="navigation-container"><b>QuickBooks</b>' +
      ['/app/homepage', '/app/invoice?txnId=130', '/app/invoice?txnId=131', '/app/invoice?txnId=132', '/app/invoice?txnId=133', '/app/invoice?txnId=999', '/app/invoice']
        .map((h) => '<a data-link href="' + h + '">' + h.replace('/app/', '') + '</a>').join('') + '</nav>';
  }
  function form(type, id) {
    const r = RECORDS[id] || { doc: '', customer: '', amount: '' };
    const title = (TYPES[type] || type) + (r.doc ? ' ' + r.doc : '');
    return '<div role="dialog" aria-label="' + title + '" class="trowser"><div data-automation-id="RethinkLayout" id="sales-forms-ui/edit_or_preview_form">' +
      '<header data-automation-id="RethinkLayout_header"><h2 class="TrowserHeader-headerTitleText-9f2c1">' + title + '</h2>' +
      '<button aria-label="History">&#8635;</button><button aria-label="Close">&times;</button></header>' +
      '<form onsubmit="return false"><label for="cust">Customer</label><input id="cust" aria-label="Customer" value="' + r.customer + '">' +
      '<label for="ref">Invoice no.</label><input id="ref" data-automation-id="reference_number" aria-label="Invoice number" value="' + r.doc + '">' +
      '<label for="rate">Rate</label><input id="rate" aria-label="Rate line 1" value="' + r.amount + '">' +
      '<p>Balance due: <span id="balance">' + r.amount + '</span></p></form>' +
      '<footer data-automation-id="RethinkLayout_footer">' +
      '<button type="button"><span>Print or download</span></button><button type="button"><span>Make recurring</span></button>' +
      '<button type="button" aria-label="More actions" aria-haspopup="true" data-menu="more">&#8943;</button><span class="spacer"></span>' +
      '<div class="split SplitButton-buttonWrapper-e54ef61" data-testid="txp-save-button"><button type="button" class="idsTSButton Button-priority-secondary"><span>Save</span></button>' +
      '<button type="button" aria-haspopup="true" aria-label="Save options" data-menu="save">&#9662;</button></div>' +
      '<div id="sales-forms-ui/email_button"><div class="split SplitButton-buttonWrapper-3d5c01c"><button type="button" class="idsTSButton Button-priority-primary"><span>Review and send</span></button>' +
      '<button type="button" aria-haspopup="true" aria-label="Send options" data-menu="send">&#9662;</button></div></div>' +
      '</footer></div></div>';
  }
  function render() {
    window.__qbo.renders++;
    const { type, id } = current();
    const main = TYPES[type] ? form(type, id) : '<main style="padding:20px"><h1>Business overview</h1></main>';
    app.innerHTML = '<div class="shell">' + nav() + '<div>' + main + '</div></div>';
    document.title = TYPES[type] ? (TYPES[type] + ' | QuickBooks') : 'Home | QuickBooks';
  }
  function menu(kind, anchor) {
    document.querySelectorAll('[role=menu]').forEach((m) => m.remove());
    const items = { more: ['Make a copy', 'Delete', 'Void', 'Transaction journal', 'Audit history'], save: ['Save and new', 'Save and close'], send: ['Send later'] }[kind];
    const ul = document.createElement('ul');
    ul.setAttribute('role', 'menu');
    ul.innerHTML = items.map((t) => '<li role="menuitem"><span>' + t + '</span></li>').join('');
    ul.style.left = anchor.getBoundingClientRect().left + 'px';
    anchor.closest('footer').append(ul);
  }
  function act(action) {
    window.__qbo.actions.push(action);
    document.querySelectorAll('[role=alert]').forEach((a) => a.remove());
    const toast = document.createElement('div');
    toast.setAttribute('role', 'alert');
    toast.textContent = action + ' done';
    document.body.append(toast);
  }
  // React 17+ style: one delegated listener on the root, bubble phase.
  app.addEventListener('click', (e) => {
    const link = e.target.closest('a[data-link]');
    if (link) { e.preventDefault(); history.pushState({}, '', link.getAttribute('href')); render(); return; }
    const opener = e.target.closest('[data-menu]');
    if (opener) { menu(opener.dataset.menu, opener); return; }
    const control = e.target.closest('button, [role=menuitem]');
    if (!control) return;
    const label = control.textContent.trim();
    const known = { 'Save': 'save', 'Save and new': 'save_and_new', 'Save and close': 'save_and_close', 'Review and send': 'review_and_send', 'Delete': 'delete', 'Void': 'void', 'Print or download': 'print' };
    if (known[label]) act(known[label]);
    document.querySelectorAll('[role=menu]').forEach((m) => m.remove());
  });
  // Each keystroke re-renders the derived parts of the form, as a controlled React form does.
  app.addEventListener('input', (e) => {
    if (e.target.id === 'rate') document.getElementById('balance').textContent = e.target.value;
    window.__qbo.renders++;
  });
  document.addEventListener('keydown', (e) => {
    if (!(e.ctrlKey && e.altKey)) return;
    const map = { KeyS: 'save_and_new', KeyD: 'save_and_close', KeyM: 'save_and_send' };
    if (map[e.code] && document.querySelector('[data-automation-id=RethinkLayout]')) { e.preventDefault(); act(map[e.code] + ' (shortcut)'); }
  });
  window.addEventListener('popstate', render);
  render();
  window.__qbo.usableAt = performance.now();
</script></body></html>`;

export interface FakeQbo {
  port: number;
  close: () => Promise<void>;
}

function selfSignedCert(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fake-qbo-cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=qbo.intuit.com', '-addext', 'subjectAltName=DNS:qbo.intuit.com,DNS:*.qbo.intuit.com,DNS:qbo.example.com', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
    return { key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Serves the fake QBO app for every /app/ path; the company cookie is the one QBO sets (unconfirmed name). */
export async function startFakeQbo(opts: { realmId: string }): Promise<FakeQbo> {
  const server: HttpsServer = createHttpsServer(selfSignedCert(), (req, res) => {
    const url = new URL(req.url ?? '/', 'https://qbo.intuit.com');
    if (!url.pathname.startsWith('/app/')) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': `qbo.currentcompanyid=${opts.realmId}; Path=/; Secure` });
    res.end(APP_HTML);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A pass-through in front of the Worker that counts requests by path, to measure requests per page view. */
export async function startCountingProxy(target: string): Promise<{ url: string; counts: Map<string, number>; close: () => Promise<void> }> {
  const counts = new Map<string, number>();
  const upstream = new URL(target);
  const server: HttpServer = createHttpServer((req, res) => {
    const pathname = new URL(req.url ?? '/', target).pathname;
    const key = `${req.method} ${pathname}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const forward = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    forward.on('error', (error) => res.writeHead(502).end(String(error)));
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, counts, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
