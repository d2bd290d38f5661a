import type { Context } from 'hono';
import type { z } from 'zod';
import { ServiceError, type ErrorCode } from '../shared/errors';

function pathOf(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') || '(body)';
}

/** Turns a zod failure into one 4xx naming the first bad field (and listing all of them). */
export function zodFailure(error: z.ZodError, where: string): ServiceError {
  const violations = error.issues.map((i) => ({ field: pathOf(i.path), message: i.message }));
  const first = error.issues[0] as z.core.$ZodIssue & { params?: { errorCode?: ErrorCode } };
  const code: ErrorCode = first.code === 'custom' && first.params?.errorCode ? first.params.errorCode : 'VALIDATION_FAILED';
  return new ServiceError(code, `${where} ${violations[0].field}: ${violations[0].message}`, {
    field: violations[0].field,
    details: { violations },
  });
}

export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') throw new ServiceError('BAD_REQUEST', 'The request body is empty; send JSON');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ServiceError('BAD_REQUEST', `The request body is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const parsed = schema.safeParse(await readJson(c));
  if (!parsed.success) throw zodFailure(parsed.error, 'body');
  return parsed.data;
}

export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw zodFailure(parsed.error, 'query');
  return parsed.data;
}
