import { z } from 'zod';
import { err, ok, type Result } from '../../shared/result';

/** One change a notification reports, in either payload generation (qbo-api.md §2.8). */
export interface WebhookEvent {
  realmId: string;
  entity: string;
  id: string;
  operation: string;
  changedAt: string;
}

export const MAX_EVENTS_PER_DELIVERY = 1000;

const idText = z.string().trim().min(1).max(64);
const cloudEvent = z.object({
  type: z.string().max(200).regex(/^qbo\.[a-z]+\.[a-z]+\.v\d+$/i, 'type must look like qbo.<entity>.<action>.v1'),
  intuitentityid: idText,
  intuitaccountid: idText,
  time: z.string().max(64).optional(),
});
const legacy = z.object({
  eventNotifications: z
    .array(
      z.object({
        realmId: idText,
        dataChangeEvent: z.object({
          entities: z.array(z.object({ name: z.string().min(1).max(64), id: idText, operation: z.string().min(1).max(32), lastUpdated: z.string().max(64).optional() })),
        }),
      }),
    )
    .min(1),
});

/** CloudEvents name entities in lowercase; these are the casings the API uses. */
const ENTITY_CASE: Record<string, string> = {
  invoice: 'Invoice',
  payment: 'Payment',
  creditmemo: 'CreditMemo',
  refundreceipt: 'RefundReceipt',
  journalentry: 'JournalEntry',
  customer: 'Customer',
  item: 'Item',
  account: 'Account',
  term: 'Term',
  salesreceipt: 'SalesReceipt',
  preferences: 'Preferences',
};
const ACTION: Record<string, string> = { created: 'Create', updated: 'Update', deleted: 'Delete', merged: 'Merge', void: 'Void', voided: 'Void', emailed: 'Emailed' };

const when = (t: string | undefined, fallback: string) => (t && !Number.isNaN(Date.parse(t)) ? new Date(Date.parse(t)).toISOString() : fallback);

/**
 * Reads a verified notification body: a CloudEvents array, or the legacy `eventNotifications`
 * object. Pure; `receivedAt` stands in for a missing or unreadable event time.
 */
export function parseWebhook(text: string, receivedAt: string): Result<{ format: 'cloudevents' | 'legacy'; events: WebhookEvent[] }, string> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return err(`the body is not JSON: ${(e as Error).message}`);
  }
  if (Array.isArray(json)) {
    if (json.length > MAX_EVENTS_PER_DELIVERY) return err(`more than ${MAX_EVENTS_PER_DELIVERY} events in one delivery`);
    const parsed = z.array(cloudEvent).safeParse(json);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      return err(`CloudEvents [${i.path.join('.')}]: ${i.message}`);
    }
    return ok({
      format: 'cloudevents',
      events: parsed.data.map((e) => {
        const [, entity, action] = e.type.split('.');
        return { realmId: e.intuitaccountid, entity: ENTITY_CASE[entity.toLowerCase()] ?? entity, id: e.intuitentityid, operation: ACTION[action.toLowerCase()] ?? action, changedAt: when(e.time, receivedAt) };
      }),
    });
  }
  const parsed = legacy.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return err(`expected a CloudEvents array or {"eventNotifications": [...]}; ${i.path.join('.') || '(body)'}: ${i.message}`);
  }
  const events = parsed.data.eventNotifications.flatMap((n) =>
    n.dataChangeEvent.entities.map((e) => ({ realmId: n.realmId, entity: e.name, id: e.id, operation: e.operation, changedAt: when(e.lastUpdated, receivedAt) })),
  );
  if (events.length > MAX_EVENTS_PER_DELIVERY) return err(`more than ${MAX_EVENTS_PER_DELIVERY} events in one delivery`);
  return ok({ format: 'legacy', events });
}
