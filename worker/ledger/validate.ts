import type { z } from 'zod';
import type { ErrorCode } from '../shared/errors';
import type { Violation } from './integrity';
import type { RecordKindSpec } from './kinds';

export interface RecordProblem {
  code: ErrorCode;
  field: string;
  message: string;
  /** Every problem found, when there is more than one. */
  violations?: Violation[];
}

function pathOf(path: PropertyKey[]): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    return acc ? `${acc}.${String(part)}` : String(part);
  }, '');
}

/** Parses a record's body with its kind's schema, then checks the rules that span its fields. */
export function validateRecord(spec: RecordKindSpec, body: unknown): { ok: true; data: unknown } | { ok: false; problem: RecordProblem } {
  const parsed = (spec.schema as z.ZodType).safeParse(body);
  if (!parsed.success) {
    const violations: Violation[] = parsed.error.issues.map((i) => {
      const allowed = i.code === 'custom' ? (i.params as { allowed?: readonly string[] } | undefined)?.allowed : undefined;
      return { field: pathOf(i.path) || '(body)', message: i.message, ...(allowed && { allowed }) };
    });
    const first = parsed.error.issues[0];
    const code = ((first.code === 'custom' && (first as { params?: { errorCode?: ErrorCode } }).params?.errorCode) ||
      'VALIDATION_FAILED') as ErrorCode;
    return {
      ok: false,
      problem: { code, field: violations[0].field, message: `${violations[0].field} ${violations[0].message}`, violations },
    };
  }
  const violations = spec.integrity(parsed.data);
  if (violations.length > 0) {
    return {
      ok: false,
      problem: {
        code: 'INTEGRITY_VIOLATION',
        field: violations[0].field,
        message: `${violations[0].field} ${violations[0].message}`,
        violations,
      },
    };
  }
  return { ok: true, data: parsed.data };
}
