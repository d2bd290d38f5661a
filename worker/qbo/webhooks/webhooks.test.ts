import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseWebhook } from './parse';
import { signIntuitBody, verifyIntuitSignature } from './signature';

const bytes = (s: string) => new TextEncoder().encode(s).buffer as ArrayBuffer;
const AT = '2026-03-15T18:00:00.000Z';

describe('intuit-signature', () => {
  it('matches an independent HMAC-SHA256 and refuses anything else', async () => {
    const body = '{"eventNotifications":[]}';
    const expected = createHmac('sha256', 'verifier').update(body).digest('base64');
    expect(await signIntuitBody(body, 'verifier')).toBe(expected);
    expect(await verifyIntuitSignature(bytes(body), expected, 'verifier')).toBe(true);
    expect(await verifyIntuitSignature(bytes(`${body} `), expected, 'verifier')).toBe(false);
    expect(await verifyIntuitSignature(bytes(body), expected, 'other')).toBe(false);
    expect(await verifyIntuitSignature(bytes(body), undefined, 'verifier')).toBe(false);
    expect(await verifyIntuitSignature(bytes(body), 'not base64', 'verifier')).toBe(false);
    expect(await verifyIntuitSignature(bytes(body), expected.slice(0, 20), 'verifier')).toBe(false);
  });
});

describe('parseWebhook', () => {
  it('reads CloudEvents, casing entities as the API does and mapping actions', () => {
    const r = parseWebhook(JSON.stringify([
      { specversion: '1.0', type: 'qbo.creditmemo.void.v1', intuitentityid: '12', intuitaccountid: '310687', time: '2025-09-10T21:31:25.179Z', data: {} },
      { type: 'qbo.invoice.created.v1', intuitentityid: '13', intuitaccountid: '310687' },
    ]), AT);
    expect(r).toEqual({
      ok: true,
      value: {
        format: 'cloudevents',
        events: [
          { realmId: '310687', entity: 'CreditMemo', id: '12', operation: 'Void', changedAt: '2025-09-10T21:31:25.179Z' },
          { realmId: '310687', entity: 'Invoice', id: '13', operation: 'Create', changedAt: AT },
        ],
      },
    });
  });

  it('reads the legacy eventNotifications format', () => {
    const r = parseWebhook('{"eventNotifications":[{"realmId":"310687","dataChangeEvent":{"entities":[{"id":"1234","operation":"Delete","name":"Payment","lastUpdated":"2025-09-08T20:52:31.657Z"}]}}]}', AT);
    expect(r.ok && r.value).toEqual({ format: 'legacy', events: [{ realmId: '310687', entity: 'Payment', id: '1234', operation: 'Delete', changedAt: '2025-09-08T20:52:31.657Z' }] });
  });

  it('rejects what is not a notification, naming why', () => {
    expect(parseWebhook('{', AT)).toMatchObject({ ok: false, error: expect.stringContaining('not JSON') });
    expect(parseWebhook('[{"type":"x"}]', AT)).toMatchObject({ ok: false, error: expect.stringContaining('CloudEvents') });
    expect(parseWebhook('{"eventNotifications":[]}', AT)).toMatchObject({ ok: false });
    expect(parseWebhook('null', AT)).toMatchObject({ ok: false });
    const many = JSON.stringify(Array.from({ length: 1001 }, (_, i) => ({ type: 'qbo.invoice.updated.v1', intuitentityid: String(i), intuitaccountid: '1' })));
    expect(parseWebhook(many, AT)).toMatchObject({ ok: false, error: expect.stringContaining('more than 1000') });
  });
});
