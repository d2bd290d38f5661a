import { createHmac, randomUUID } from 'node:crypto';
import type { EntityName, SimState } from './types';

export type ChangeOperation = 'Create' | 'Update' | 'Delete' | 'Void' | 'Merge' | 'Emailed';

export interface ChangeEvent {
  realmId: string;
  /** Preferences is not a stored entity but notifies like one. */
  name: EntityName | 'Preferences';
  id: string;
  operation: ChangeOperation;
  lastUpdated: string;
}

const CLOUD_ACTION: Record<ChangeOperation, string> = {
  Create: 'created',
  Update: 'updated',
  Delete: 'deleted',
  Void: 'void',
  Merge: 'merged',
  Emailed: 'emailed',
};

/** Both payload generations: legacy `eventNotifications` and the CloudEvents array. */
export function webhookPayload(format: 'legacy' | 'cloudevents', events: readonly ChangeEvent[]): unknown {
  if (format === 'cloudevents') {
    return events.map((e) => ({
      specversion: '1.0',
      id: randomUUID(),
      source: 'intuit.sim',
      type: `qbo.${e.name.toLowerCase()}.${CLOUD_ACTION[e.operation]}.v1`,
      datacontenttype: 'application/json',
      time: e.lastUpdated,
      intuitentityid: e.id,
      intuitaccountid: e.realmId,
      data: {},
    }));
  }
  const realms = [...new Set(events.map((e) => e.realmId))];
  return {
    eventNotifications: realms.map((realmId) => ({
      realmId,
      dataChangeEvent: {
        entities: events
          .filter((e) => e.realmId === realmId)
          .map((e) => ({ name: e.name, id: e.id, operation: e.operation, lastUpdated: e.lastUpdated })),
      },
    })),
  };
}

/** intuit-signature: base64(HMAC-SHA256(raw body, verifier token)). */
export function webhookSignature(body: string, verifierToken: string): string {
  return createHmac('sha256', verifierToken).update(body).digest('base64');
}

/** POSTs the events to the configured URL; the outcome is recorded in state.webhookDeliveries. */
export async function sendWebhook(state: SimState, events: readonly ChangeEvent[]): Promise<{ status: number | null; body: string }> {
  const config = state.webhook;
  if (!config) throw new Error('no webhook configured: POST /__sim/webhooks first');
  const body = JSON.stringify(webhookPayload(config.format, events));
  const delivery: { url: string; status: number | null; body: string; error?: string } = { url: config.url, status: null, body };
  state.webhookDeliveries.push(delivery);
  try {
    const res = await fetch(config.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'intuit-signature': webhookSignature(body, config.verifierToken) },
      body,
    });
    delivery.status = res.status;
  } catch (err) {
    delivery.error = err instanceof Error ? err.message : String(err);
  }
  return { status: delivery.status, body };
}

/** Auto mode: every committed change is delivered in the background, like Intuit's sender. */
export function emitChange(state: SimState, event: ChangeEvent): void {
  if (!state.webhook?.auto) return;
  void sendWebhook(state, [event]);
}
