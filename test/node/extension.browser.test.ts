import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, createTestCompany } from './api-client';
import { CHROMIUM, CHROMIUM_ARGS, chromiumAvailable, screenshotPath } from './browser/chromium';
import { startCountingProxy, startFakeQbo, type FakeQbo } from './extension-fake-qbo';

const hasChromium = chromiumAvailable();

/** Runs an expression in the page (a string: the root tsconfig has no DOM types). */
const js = <T>(page: Page, expression: string) => page.evaluate(expression) as Promise<T>;
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const EXTENSION_DIR = path.join(ROOT, 'extension');
const BUILD_DIR = path.join(EXTENSION_DIR, 'build', 'chrome-mv3-prod');
/** Fixed by the manifest `key` in extension/package.json (and allowed by the Worker's CORS). */
const EXTENSION_ID = 'mkhkcpgojemlkmnbipngabkflabmckii';
const REALM = '9130355';
const QBO = 'https://c1.qbo.intuit.com';

const invoice = (docNumber: string, memo?: string) => ({
  customer: 'C-1',
  date: '2026-03-01',
  docNumber,
  terms: 'T-NET30',
  taxItem: 'TX-FL',
  lines: [{ item: 'P-SLIP40', description: 'Slip B-12, March 2026', quantity: '1', rate: '580.65', amount: '580.65', taxable: true }],
  tax: '40.65',
  total: '621.30',
  ...(memo && { memo }),
});

/**
 * Seeds a QBO company: four invoices synced as QBO ids 130–133 (through the Worker's
 * development-only seed route, which drives the queue's claim/outcome verbs as the QBO path does),
 * then 131 fails on its next version, 132 has a newer version pending, and 133 drifted in QBO.
 */
async function seedCompany() {
  const co = await createTestCompany('Harbor Point Marina (extension test)', 'qbo');
  const admin = inject('adminToken');
  await call('PATCH', `/v1/companies/${co.id}/settings`, co.operator, { openInSharperUrlTemplate: 'https://sharper.example.com/{kind}/{id}' });
  const records = [
    { kind: 'account', id: 'A-4000', data: { name: 'Slip Rental Income', number: '4000', type: 'income' } },
    { kind: 'terms', id: 'T-NET30', data: { name: 'Net 30', netDays: 30 } },
    { kind: 'sales_tax_item', id: 'TX-FL', data: { name: 'FL 7%', rate: '7', agency: 'Florida Department of Revenue' } },
    { kind: 'customer', id: 'C-1', data: { name: 'Jane Boater', email: 'jane@example.com', terms: 'T-NET30' } },
    { kind: 'item', id: 'P-SLIP40', data: { name: 'Slip Rental 40ft', type: 'service', price: '1200.00', incomeAccount: 'A-4000' } },
    ...['1042', '1043', '1044', '1045'].map((doc, i) => ({ kind: 'invoice', id: `INV-${i + 1}`, data: invoice(doc) })),
  ].map((r) => ({ op: 'upsert', ...r }));
  const ingest = await call('POST', `/v1/companies/${co.id}/records/bulk`, co.mms, { records });
  expect(ingest.json.summary.rejected, JSON.stringify(ingest.json)).toBe(0);
  const qbIds = { 'invoice:INV-1': '130', 'invoice:INV-2': '131', 'invoice:INV-3': '132', 'invoice:INV-4': '133' };
  expect((await call('POST', '/v1/extension/test-support/seed', admin, { companyId: co.id, qboConnection: { realmId: REALM, hardExpiresInDays: 20 }, run: { qbIds } })).status).toBe(200);
  await call('PUT', `/v1/companies/${co.id}/records/invoices/INV-2`, co.mms, invoice('1043', 'Changed in Sharper'));
  const failure = { kind: 'failed', code: '6140', message: 'Duplicate Document Number Error: 1043 is already used by another invoice' };
  expect((await call('POST', '/v1/extension/test-support/seed', admin, { companyId: co.id, run: { outcomes: { 'invoice:INV-2': failure } } })).status).toBe(200);
  await call('PUT', `/v1/companies/${co.id}/records/invoices/INV-3`, co.mms, invoice('1044', 'Slip moved to B-14'));
  const drift = [{ kind: 'invoice', sourceId: 'INV-4', qbEntity: 'Invoice', qbId: '133', fields: [{ field: 'Line 1 amount', sharper: '580.65', quickbooks: '560.00' }, { field: 'Due date', sharper: '2026-03-31', quickbooks: '2026-04-15' }] }];
  expect((await call('POST', '/v1/extension/test-support/seed', admin, { companyId: co.id, drift })).status).toBe(200);
  return co;
}

describe.runIf(hasChromium)('browser extension in Chromium', () => {
  let qbo: FakeQbo;
  let proxy: Awaited<ReturnType<typeof startCountingProxy>>;
  let context: BrowserContext;
  let plain: Browser;
  let profile: string;
  let co: Awaited<ReturnType<typeof seedCompany>>;
  const hostRules = () => `--host-resolver-rules=MAP qbo.intuit.com 127.0.0.1:${qbo.port}, MAP *.qbo.intuit.com 127.0.0.1:${qbo.port}, MAP qbo.example.com 127.0.0.1:${qbo.port}`;

  beforeAll(async () => {
    // The test builds what it loads, so a clean clone passes `npm test` (plasmo build ≈ 5 s).
    execFileSync(path.join(ROOT, 'node_modules', '.bin', 'plasmo'), ['build'], { cwd: EXTENSION_DIR, stdio: 'ignore', timeout: 180_000 });
    [co, qbo, proxy] = await Promise.all([seedCompany(), startFakeQbo({ realmId: REALM }), startCountingProxy(inject('workerUrl'))]);
    profile = mkdtempSync(path.join(os.tmpdir(), 'sharper-ext-profile-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      ignoreHTTPSErrors: true,
      viewport: { width: 1280, height: 800 },
      args: [...CHROMIUM_ARGS, `--disable-extensions-except=${BUILD_DIR}`, `--load-extension=${BUILD_DIR}`, hostRules(), '--ignore-certificate-errors'],
    });
    plain = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, hostRules(), '--ignore-certificate-errors'] });
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await plain?.close();
    await qbo?.close();
    await proxy?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function configure(token: string) {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
    await page.getByLabel('Worker URL').fill(proxy.url);
    await page.getByLabel('User token').fill(token);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('options-result').innerText()).toBe('Saved.');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => page.getByTestId('options-result').innerText()).toContain('Harbor Point Marina (extension test)');
    return page;
  }

  const overlay = (page: Page) => page.getByTestId('sharper-overlay');
  const hostStatus = (page: Page) => js<string | null>(page, `document.getElementById('sharper-sync-root')?.dataset.status ?? null`);
  const qboActions = (page: Page) => js<string[]>(page, 'window.__qbo.actions');

  it('options page: stores the Worker URL and token, and "Test connection" lists the companies', async () => {
    const page = await configure(co.operator);
    await page.screenshot({ path: screenshotPath('extension-options') });
    // The token stays in extension storage: the QBO page cannot read it.
    const qboPage = await context.newPage();
    await qboPage.goto(`${QBO}/app/homepage`);
    expect(await js<string>(qboPage, 'document.documentElement.outerHTML')).not.toContain(co.operator);
    await page.close();
    await qboPage.close();
  });

  it('overlays show synced, failed with its reason, pending, and edited in QuickBooks with the changed fields', async () => {
    const page = await context.newPage();
    await page.goto(`${QBO}/app/invoice?txnId=130`);
    await expect.poll(() => overlay(page).innerText()).toContain('Sharper invoice 1042');
    expect(await overlay(page).innerText()).toContain('Synced to QuickBooks');
    expect(await overlay(page).getByRole('link', { name: 'Open in Sharper' }).getAttribute('href')).toBe('https://sharper.example.com/invoice/INV-1');
    await page.screenshot({ path: screenshotPath('extension-overlay-synced') });
    // The overlay must not cover QBO's controls: each footer button is what is under its centre.
    const covered = await js<string[]>(
      page,
      `[...document.querySelectorAll('footer button')].filter((b) => {
        const r = b.getBoundingClientRect();
        const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return !hit || !b.contains(hit);
      }).map((b) => b.textContent)`,
    );
    expect(covered).toEqual([]);

    await page.goto(`${QBO}/app/invoice?txnId=131`);
    await expect.poll(() => overlay(page).innerText()).toContain('Sync failed: Duplicate Document Number Error: 1043 is already used by another invoice');
    await page.screenshot({ path: screenshotPath('extension-overlay-failed') });

    await page.goto(`${QBO}/app/invoice?txnId=132`);
    await expect.poll(() => overlay(page).innerText()).toContain('waiting to sync');

    await page.goto(`${QBO}/app/invoice?txnId=133`);
    await expect.poll(() => overlay(page).innerText()).toContain('edited in QuickBooks');
    const drift = await page.getByTestId('sharper-drift').innerText();
    expect(drift).toContain('Line 1 amount');
    expect(drift).toMatch(/580\.65\s+560\.00/);
    expect(drift).toContain('Due date');
    await page.screenshot({ path: screenshotPath('extension-overlay-drift') });
    await page.close();
  });

  it('shows nothing on a record Sharper does not own, warns on a new invoice, and follows pushState navigation', async () => {
    const page = await context.newPage();
    await page.goto(`${QBO}/app/invoice?txnId=999`);
    await expect.poll(() => hostStatus(page)).toBe('not-owned');
    expect(await overlay(page).count()).toBe(0);

    await page.goto(`${QBO}/app/invoice`);
    await expect.poll(() => overlay(page).innerText()).toContain('New invoice: create it in Sharper');
    await page.screenshot({ path: screenshotPath('extension-overlay-new-invoice') });

    // In-app navigation: the fake app uses history.pushState, no reload.
    await page.getByRole('link', { name: 'invoice?txnId=130' }).click();
    await expect.poll(() => overlay(page).innerText()).toContain('Sharper invoice 1042');
    const loads = await js<number>(page, `performance.getEntriesByType('navigation').length`);
    await page.getByRole('link', { name: 'invoice?txnId=131' }).click();
    await expect.poll(() => overlay(page).innerText()).toContain('Sync failed');
    await page.goBack();
    await expect.poll(() => overlay(page).innerText()).toContain('Synced to QuickBooks');
    await page.getByRole('link', { name: 'invoice?txnId=999' }).click();
    await expect.poll(() => hostStatus(page)).toBe('not-owned');
    expect(await overlay(page).count()).toBe(0);
    expect(await js<number>(page, `performance.getEntriesByType('navigation').length`)).toBe(loads);
    await page.close();
  });

  it('stops Save on an owned invoice; "Edit anyway" lets it through and the override is in the Worker’s log', async () => {
    const page = await context.newPage();
    await page.goto(`${QBO}/app/invoice?txnId=130`);
    await expect.poll(() => hostStatus(page)).toBe('owned-synced');

    await page.getByLabel('Rate line 1').fill('600.00');
    await expect.poll(() => page.getByTestId('sharper-edit-warning').innerText()).toContain('You are changing a record Sharper owns');

    await page.locator('[data-testid="txp-save-button"]').getByRole('button', { name: 'Save', exact: true }).click();
    const dialog = page.getByTestId('sharper-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.innerText()).toContain('Save: this record belongs to Sharper');
    expect(await js<string>(page, `document.getElementById('sharper-sync-root').shadowRoot.activeElement?.textContent`)).toBe('Open in Sharper');
    expect(await qboActions(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('extension-save-dialog') });

    await page.getByTestId('sharper-edit-anyway').click();
    await expect.poll(() => qboActions(page)).toEqual(['save']);
    const log = await call('GET', `/v1/extension/companies/${co.id}/overrides`, co.viewer);
    expect(log.json.overrides[0]).toMatchObject({ who: { label: 'Otto (controller)' }, record: { kind: 'invoice', id: 'INV-1', docNumber: '1042' }, quickbooks: { entity: 'Invoice', id: '130' }, action: 'save', via: 'click' });
    expect(Date.now() - Date.parse(log.json.overrides[0].at)).toBeLessThan(60_000);
    await page.close();
  });

  it('stops "Save and close" in the split-button menu and the Ctrl+Alt+D shortcut; Open in Sharper is the default', async () => {
    const page = await context.newPage();
    await page.goto(`${QBO}/app/invoice?txnId=132`);
    await expect.poll(() => hostStatus(page)).toBe('owned-pending');

    await page.getByRole('button', { name: 'Save options' }).click();
    await page.getByRole('menuitem', { name: 'Save and close' }).click();
    await expect.poll(() => page.getByTestId('sharper-dialog').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByTestId('sharper-dialog').count()).toBe(0);

    await page.getByLabel('Customer').focus();
    await page.keyboard.press('Control+Alt+KeyD');
    await expect.poll(() => page.getByTestId('sharper-dialog').innerText()).toContain('Save and close: this record belongs to Sharper');
    await context.route('https://sharper.example.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<h1>Sharper</h1>' }));
    const opened = context.waitForEvent('page');
    await page.keyboard.press('Enter');
    const sharperTab = await opened;
    await sharperTab.waitForLoadState();
    expect(sharperTab.url()).toBe('https://sharper.example.com/invoice/INV-3');
    await sharperTab.close();
    expect(await qboActions(page)).toEqual([]);
    await page.close();
  });

  it('does nothing on a page of another host', async () => {
    const page = await context.newPage();
    await page.goto('https://qbo.example.com/app/invoice?txnId=130');
    await page.waitForFunction('window.__qbo?.usableAt');
    await page.waitForTimeout(500);
    expect(await js<unknown>(page, `document.getElementById('sharper-sync-root')`)).toBeNull();
    await page.locator('[data-testid="txp-save-button"]').getByRole('button', { name: 'Save', exact: true }).click();
    expect(await qboActions(page)).toEqual(['save']);
    await page.close();
  });

  it('popup: an operator requeues a failed job (queued in D1); a viewer sees the buttons disabled with the reason', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 460, height: 640 });
    await page.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
    const job = page.locator('[data-job-id]', { hasText: '1043' });
    await expect.poll(() => job.innerText()).toContain('Duplicate Document Number Error');
    expect(await page.getByTestId('connection').innerText()).toBe('QuickBooks Online: connected');
    expect(await page.getByTestId('reconnect-by').innerText()).toMatch(/^QuickBooks Online will require you to reconnect by .+ \(19 days\): reconnect now at http:\/\/.+\/app\/settings\. Intuit ends/);
    await page.screenshot({ path: screenshotPath('extension-popup-operator'), fullPage: true });
    const jobId = Number(await job.getAttribute('data-job-id'));
    await job.getByRole('button', { name: 'Requeue' }).click();
    await expect.poll(() => page.getByTestId('notice').innerText()).toBe(`Requeued job ${jobId}.`);
    expect((await call('GET', `/v1/companies/${co.id}/jobs/${jobId}`, co.viewer)).json.state).toBe('queued');
    await page.close();

    const options = await configure(co.viewer);
    await options.close();
    const viewer = await context.newPage();
    await viewer.setViewportSize({ width: 460, height: 640 });
    await viewer.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
    await expect.poll(() => viewer.getByTestId('disabled-reason').innerText()).toContain('operator role');
    expect(await viewer.getByRole('button', { name: 'Requeue all failed' }).isDisabled()).toBe(true);
    expect(await viewer.getByRole('button', { name: 'Sync now' }).isDisabled()).toBe(true);
    await viewer.screenshot({ path: screenshotPath('extension-popup-viewer'), fullPage: true });
    await viewer.close();
    await configure(co.operator).then((p) => p.close());
  });

  it('measures Worker requests per page view and the delay the extension adds to the page becoming usable', async () => {
    const statusKey = 'GET /v1/extension/status';
    const before = new Map(proxy.counts);
    const page = await context.newPage();
    const views = ['130', '131', '132', '133', '999'];
    for (const id of views) {
      await page.goto(`${QBO}/app/invoice?txnId=${id}&jobId=${Date.now()}`);
      await expect.poll(() => hostStatus(page)).not.toBe('loading');
    }
    // A re-render and a back-and-forth within the cache time cost no further request.
    await page.getByLabel('Rate line 1').fill('1.00');
    await page.goBack();
    await expect.poll(() => hostStatus(page)).not.toBe('loading');
    const pageViews = views.length + 1;
    const workerRequests = [...proxy.counts].reduce((n, [k, v]) => n + v - (before.get(k) ?? 0), 0);
    const statusRequests = (proxy.counts.get(statusKey) ?? 0) - (before.get(statusKey) ?? 0);

    const usable = async (p: Page, url: string) => {
      await p.goto(url);
      return js<number>(p, 'window.__qbo.usableAt');
    };
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const withExt: number[] = [];
    const overlayAt: number[] = [];
    const without: number[] = [];
    const plainPage = await plain.newPage({ ignoreHTTPSErrors: true });
    for (let i = 0; i < 7; i++) {
      const url = `${QBO}/app/invoice?txnId=130&run=${i}`;
      withExt.push(await usable(page, url));
      await expect.poll(() => hostStatus(page)).toBe('owned-synced');
      overlayAt.push(Number(await js<string>(page, `document.getElementById('sharper-sync-root').dataset.shownAt`)));
      without.push(await usable(plainPage, url));
    }
    const metrics = {
      pageViews,
      workerRequests,
      statusRequests,
      workerRequestsPerPageView: workerRequests / pageViews,
      usableMsMedianWithExtension: median(withExt),
      usableMsMedianWithoutExtension: median(without),
      addedDelayMs: median(withExt) - median(without),
      overlayShownMsMedian: median(overlayAt),
      samples: { withExt, without, overlayAt },
    };
    writeFileSync(screenshotPath('extension-metrics').replace(/\.png$/, '.json'), JSON.stringify(metrics, null, 2));
    console.log('extension metrics', JSON.stringify(metrics));
    expect(metrics.workerRequestsPerPageView).toBeLessThanOrEqual(1);
    expect(statusRequests).toBe(views.length);
    await plainPage.close();
    await page.close();
  });
});
