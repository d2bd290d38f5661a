import { z } from 'zod';
import { QboFault } from './faults';
import type { FaultAction, FaultMatch, FaultRule, SimState } from './types';

export const faultMatchSchema = z.object({
  realmId: z.string().optional(),
  method: z.string().optional(),
  path: z.string().optional(),
  entity: z.string().optional(),
  operation: z.string().optional(),
  bId: z.string().optional(),
});

export const faultActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('http'), status: z.number().int().min(400).max(599), format: z.enum(['json', 'xml']).optional() }),
  z.object({ kind: z.literal('hang'), ms: z.number().int().min(0), after: z.boolean().optional() }),
  z.object({ kind: z.literal('lost-response'), mode: z.enum(['abort', '502']) }),
  z.object({ kind: z.literal('token-expired') }),
  z.object({ kind: z.literal('amend'), entity: z.string(), set: z.record(z.string(), z.unknown()) }),
  z.object({
    kind: z.literal('fault'),
    code: z.string(),
    status: z.number().int().optional(),
    message: z.string().optional(),
    detail: z.string().optional(),
    type: z.string().optional(),
  }),
]);

export const scheduleFaultSchema = z.object({
  match: faultMatchSchema.default({}),
  action: faultActionSchema,
  times: z.number().int().min(1).default(1),
});

export type ScheduleFaultInput = z.input<typeof scheduleFaultSchema>;

/** Queues a fault for the next `times` requests (or batch items) that match. */
export function scheduleFault(state: SimState, input: ScheduleFaultInput): FaultRule {
  const parsed = scheduleFaultSchema.parse(input);
  if (parsed.match.bId !== undefined && parsed.action.kind !== 'fault') {
    throw new Error('rules matching a bId can only answer a per-item QBO fault (kind "fault")');
  }
  const rule: FaultRule = { id: String(state.nextFaultId++), match: parsed.match, action: parsed.action as FaultAction, remaining: parsed.times };
  state.faultRules.push(rule);
  return rule;
}

export interface FaultTarget {
  realmId: string;
  method: string;
  path: string;
  entity: string | null;
  operation: string;
  bId?: string;
}

function eqi(a: string | undefined | null, b: string | undefined | null): boolean {
  return (a ?? '').toLowerCase() === (b ?? '').toLowerCase();
}

function matches(m: FaultMatch, t: FaultTarget): boolean {
  if (m.realmId !== undefined && m.realmId !== t.realmId) return false;
  if (m.method !== undefined && !eqi(m.method, t.method)) return false;
  if (m.path !== undefined && !t.path.includes(m.path)) return false;
  if (m.entity !== undefined && !eqi(m.entity, t.entity)) return false;
  if (m.operation !== undefined && !eqi(m.operation, t.operation)) return false;
  if (m.bId !== undefined && m.bId !== t.bId) return false;
  return true;
}

/**
 * Consumes the first matching rule. Request level skips bId rules; item level (inside a batch)
 * only considers per-item QBO faults.
 */
export function takeFault(state: SimState, target: FaultTarget, level: 'request' | 'item'): FaultAction | undefined {
  const rule = state.faultRules.find((r) => {
    if (r.remaining <= 0) return false;
    if (level === 'request' && r.match.bId !== undefined) return false;
    if (level === 'item' && r.action.kind !== 'fault') return false;
    return matches(r.match, target);
  });
  if (!rule) return undefined;
  rule.remaining -= 1;
  if (rule.remaining <= 0) state.faultRules = state.faultRules.filter((r) => r !== rule);
  return rule.action;
}

const FAULT_TYPES = ['ValidationFault', 'SystemFault', 'AuthenticationFault', 'AuthorizationFault'] as const;

/** The QboFault an injected `fault` action answers with. */
export function injectedFault(action: Extract<FaultAction, { kind: 'fault' }>): QboFault {
  const type = FAULT_TYPES.find((t) => t === action.type) ?? 'ValidationFault';
  return new QboFault({
    status: action.status ?? (type === 'SystemFault' ? 500 : 400),
    type,
    code: action.code,
    message: action.message ?? 'Injected fault',
    detail: action.detail ?? `Simulated fault ${action.code}`,
  });
}
