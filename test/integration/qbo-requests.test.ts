import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../worker/db/client';
import { findSentRequests, forgetSentRequests, saveSentRequest } from '../../worker/db/qbo-requests';

describe('stored QBO requests', () => {
  it('a batch stays stored while any job that rode in it still needs it for a replay', async () => {
    const db = createDb(env.DB);
    await saveSentRequest(db, { companyId: 'co-1', requestId: 'sb1', path: '/batch', body: '{"BatchItemRequest":[]}', now: '2026-04-01T10:00:00Z', jobs: [{ jobId: 1, bId: 'j1' }, { jobId: 2, bId: 'j2' }] });
    // A claim got job 1 only; its replayed answer is recorded.
    await forgetSentRequests(db, 'co-1', [1]);
    expect([...(await findSentRequests(db, 'co-1', [1, 2])).keys()]).toEqual([2]);
    expect((await findSentRequests(db, 'co-1', [2])).get(2)).toMatchObject({ requestId: 'sb1', bId: 'j2' });
    await forgetSentRequests(db, 'co-1', [2]);
    expect((await findSentRequests(db, 'co-1', [2])).size).toBe(0);
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM qbo_requests').first('n')).toBe(0);
  });
});
