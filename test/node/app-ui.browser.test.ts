import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { demoCompanyOperations } from '../fixtures/demo-company';
import { call, createTestCompany } from './api-client';
import { chromiumAvailable, screenshotPath, sharedChromium } from './browser/chromium';

const hasChromium = chromiumAvailable();

describe.runIf(hasChromium)('Accounting Sync page in Chromium', () => {
  const browser = sharedChromium();

  it('an operator signs in, filters, opens a job, requeues a root-cause group and downloads the CSV', async () => {
    const co = await createTestCompany('Harbor Point Marina (browser test)');
    const ops = demoCompanyOperations(42, 20);
    // Retire the 40ft slip: every invoice using it is held, one root cause.
    const retired = ops.map((o) => (o.kind === 'item' && o.id === 'P-SLIP40' ? { ...o, data: { ...(o.data as object), active: false } } : o));
    const ingest = await call('POST', `/v1/companies/${co.id}/records/bulk`, co.mms, { records: retired });
    expect(ingest.json.summary.rejected).toBe(0);
    const heldBefore = (await call('GET', `/v1/companies/${co.id}/jobs/counts`, co.viewer)).json.byState.held;
    expect(heldBefore).toBeGreaterThan(1);

    const context = await browser().newContext({ acceptDownloads: true, viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    const base = inject('workerUrl');
    await page.goto(`${base}/app/log`);
    await expect.poll(() => page.url()).toContain('/app/sign-in');
    await page.getByLabel('User token').fill(co.operator);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/app/log');

    await page.getByLabel('Job type').selectOption('Invoiceimport');
    await page.getByLabel('State').selectOption('held');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/state=held/);
    const rows = page.locator('tr[data-job-id]');
    expect(await rows.count()).toBe(heldBefore);
    await page.screenshot({ path: screenshotPath('sync-log-held'), fullPage: true });

    await rows.first().getByRole('link').click();
    await expect.poll(() => page.locator('h1').innerText()).toContain('Invoiceimport');
    await expect.poll(() => page.locator('body').innerText()).toContain('inactive in Sharper');
    await page.screenshot({ path: screenshotPath('job-detail'), fullPage: true });

    // Fix the cause in Sharper, then requeue the whole group from the Failures page.
    const slip = ops.find((o) => o.id === 'P-SLIP40')!;
    await call('PUT', `/v1/companies/${co.id}/records/items/P-SLIP40`, co.mms, slip.data);
    await page.getByRole('link', { name: 'Failures' }).click();
    const group = page.locator('[data-cause="INACTIVE_REFERENCE"]', { hasText: 'Slip Rental 40ft' });
    await expect.poll(() => group.count()).toBe(1);
    await page.screenshot({ path: screenshotPath('failures-by-cause'), fullPage: true });
    await group.getByRole('button', { name: /Requeue these/ }).click();
    await expect.poll(() => page.locator('.notice').innerText()).toMatch(/Requeued \d+ jobs?\.|still blocked/);
    const after = (await call('GET', `/v1/companies/${co.id}/jobs/counts`, co.viewer)).json.byState;
    expect(after.held).toBe(1);

    await page.getByRole('link', { name: 'Sync log' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toContain('id,type,state');
    const total = (await call('GET', `/v1/companies/${co.id}/jobs/counts`, co.viewer)).json.total;
    expect(csv.trim().split('\r\n').length).toBe(total + 1);
    await context.close();
  });

  it('a viewer sees requeue disabled with the reason', async () => {
    const co = await createTestCompany('Viewer Marina');
    await call('POST', `/v1/companies/${co.id}/records/bulk`, co.mms, { records: demoCompanyOperations(1, 3) });
    const page = await browser().newPage({ viewport: { width: 820, height: 1100 } });
    await page.goto(`${inject('workerUrl')}/app/sign-in`);
    await page.getByLabel('User token').fill(co.viewer);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Failures' }).click();
    const button = page.getByRole('button', { name: 'Requeue these (operators only)' });
    expect(await button.isDisabled()).toBe(true);
    expect(await button.getAttribute('title')).toContain('operator');
    await page.screenshot({ path: screenshotPath('failures-viewer-tablet'), fullPage: true });
    await page.close();
  });
});
