import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { reconMonth } from '../fixtures/recon-month';
import { chromiumAvailable, screenshotPath, sharedChromium } from './browser/chromium';
import { desktopMarina, newCompanyFile, runQbwc, syncUntilDone } from './qbwc-support';

const hasChromium = chromiumAvailable();

describe.runIf(hasChromium)('Month-end reconciliation page in Chromium (QuickBooks Desktop)', () => {
  const browser = sharedChromium();

  it('asks QuickBooks on the next Web Connector run, then shows both balances and why they differ, and downloads the CSV', async () => {
    const m = await desktopMarina(0, reconMonth({ desktop: true }));
    const qb = newCompanyFile();
    await syncUntilDone(m, qb);
    // Someone enters an invoice straight into the company file.
    const answer = qb.processRequest(
      '<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError"><InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>Anchor, Ava</FullName></CustomerRef><TxnDate>2026-03-25</TxnDate><RefNumber>QB-ONLY</RefNumber><InvoiceLineAdd><ItemRef><FullName>Slip Rental</FullName></ItemRef><Amount>45.00</Amount></InvoiceLineAdd></InvoiceAdd></InvoiceAddRq></QBXMLMsgsRq></QBXML>',
    );
    expect(answer).toContain('statusCode="0"');

    const context = await browser().newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const base = inject('workerUrl');
    await page.goto(`${base}/app/sign-in`);
    await page.getByLabel('User token').fill(m.operator);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/app/**');

    await page.goto(`${base}/app/reconciliation?month=2026-03`);
    await expect.poll(() => page.getByText('Requested from QuickBooks Desktop').count()).toBe(1);
    expect(await page.textContent('body')).toContain('next Web Connector run');
    await page.screenshot({ path: screenshotPath('recon-qbd-requested'), fullPage: true });

    const run = await runQbwc(m, qb);
    expect(run.closeMessage).toContain('Reconciliation figures as of 2026-03-31 fetched');
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { name: 'Receivables by customer' }).count()).toBe(1);
    const ava = page.locator('tr', { hasText: 'Anchor, Ava' }).first();
    const avaText = (await ava.textContent()) ?? '';
    expect(avaText).toContain('45.00');
    expect(avaText).toMatch(/only in QuickBooks/);
    const income = (await page.locator('tr', { hasText: 'Slip Rental Income' }).first().textContent()) ?? '';
    expect(income).toContain('the other side of: Invoice QB-ONLY exists only in QuickBooks');
    expect(await page.locator('[data-unexplained]').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('recon-qbd'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('section,sharper_id,quickbooks_id,name,sharper,quickbooks,difference,explained_by,unexplained');
    expect(csv).toMatch(/customer,C-1,[^\r\n]*QB-ONLY/);
    await context.close();
  });
});
