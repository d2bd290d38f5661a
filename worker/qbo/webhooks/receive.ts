import type { RequestCtx } from '../../http/context';
import { findQboConnectionByRealm } from '../../db/qbo-connections';
import { insertWebhookEvents, type WebhookEventInsert } from '../../db/qbo-webhook-events';
import { ServiceError } from '../../shared/errors';
import { NOTIFIED_ENTITIES } from '../drift/observed';
import { parseWebhook } from './parse';
import { verifyIntuitSignature } from './signature';

export interface WebhookReceipt {
  format: 'cloudevents' | 'legacy';
  events: number;
  recorded: number;
  /** Repeats of events already recorded (Intuit retries until it gets a 2xx). */
  duplicates: number;
  /** Entity types Sharper does not own. */
  ignored: number;
  unknownRealms: string[];
}

/**
 * A QBO webhook delivery: signature first (nothing is parsed before it is verified), then the
 * events of connected realms are recorded for the company's next sync run, which reads them
 * together with its CDC call. Unknown realms are logged and acknowledged, since Intuit retries
 * any non-2xx answer for hours.
 */
export async function receiveWebhook({ ctx, body, signature }: { ctx: RequestCtx; body: ArrayBuffer; signature: string | undefined }): Promise<WebhookReceipt> {
  const verifier = ctx.config.qbo.webhookVerifier;
  if (!verifier) {
    console.error('qbo: a webhook arrived but QBO_WEBHOOK_VERIFIER is not set; it cannot be verified');
    throw new ServiceError('UNAUTHORIZED', 'Webhooks are not configured on this Worker (QBO_WEBHOOK_VERIFIER is not set)');
  }
  if (!(await verifyIntuitSignature(body, signature, verifier))) {
    throw new ServiceError('UNAUTHORIZED', 'The intuit-signature header is missing or does not match the body', { field: 'intuit-signature' });
  }
  const receivedAt = ctx.now.toISOString();
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body);
  } catch {
    throw new ServiceError('BAD_REQUEST', 'The webhook body is not UTF-8');
  }
  const parsed = parseWebhook(text, receivedAt);
  if (!parsed.ok) throw new ServiceError('BAD_REQUEST', `Not a QBO webhook notification: ${parsed.error}`);
  const { format, events } = parsed.value;
  const companyOf = new Map<string, string | null>();
  for (const realm of new Set(events.map((e) => e.realmId))) {
    const conn = await findQboConnectionByRealm(ctx.db, realm);
    companyOf.set(realm, conn && conn.status !== 'disconnected' ? conn.companyId : null);
  }
  const unknownRealms = [...companyOf].filter(([, c]) => c === null).map(([r]) => r);
  if (unknownRealms.length > 0) console.warn(`qbo: webhook for realms not connected here, ignored: ${unknownRealms.join(', ')}`);
  const owned = new Set(NOTIFIED_ENTITIES);
  const rows: WebhookEventInsert[] = [];
  let ignored = 0;
  for (const e of events) {
    const companyId = companyOf.get(e.realmId);
    if (!companyId) continue;
    if (!owned.has(e.entity)) {
      ignored += 1;
      continue;
    }
    rows.push({ companyId, qbEntity: e.entity, qbId: e.id, operation: e.operation, changedAt: e.changedAt, format, receivedAt });
  }
  const recorded = await insertWebhookEvents(ctx.db, rows);
  return { format, events: events.length, recorded, duplicates: rows.length - recorded, ignored, unknownRealms };
}
