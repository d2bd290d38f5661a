import { describe, expect, inject, it } from 'vitest';

describe('the real Worker bundle under wrangler dev', () => {
  // The vitest pool does not load the bundle the way wrangler does (intuit-oauth's `atob`
  // alias, for one), so this proves the deployable Worker starts and answers.
  it('starts, serves its API document, and checks the admin token', async () => {
    const url = inject('workerUrl');
    const doc = await fetch(`${url}/openapi.json`);
    expect(doc.status).toBe(200);
    expect(((await doc.json()) as { info: { title: string } }).info.title).toBe('Sharper Sync API');
    const denied = await fetch(`${url}/v1/admin/companies`, { headers: { authorization: 'Bearer wrong' } });
    expect(denied.status).toBe(401);
    const ok = await fetch(`${url}/v1/admin/companies`, { headers: { authorization: `Bearer ${inject('adminToken')}` } });
    expect(ok.status).toBe(200);
  });
});
