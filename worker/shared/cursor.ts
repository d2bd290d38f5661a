import { ServiceError } from './errors';

/**
 * Opaque page cursors over increasing ids ("newest first" lists): the prefix keeps a cursor from
 * one list from being replayed against another.
 */
export const encodeCursor = (prefix: string, id: number): string => btoa(`${prefix}:${id}`);

export function decodeCursor(prefix: string, cursor: string): number {
  let text = '';
  try {
    text = atob(cursor);
  } catch {
    text = '';
  }
  const m = new RegExp(`^${prefix}:(\\d+)$`).exec(text);
  if (!m) throw new ServiceError('BAD_REQUEST', 'cursor is not one this API issued', { field: 'cursor' });
  return Number(m[1]);
}
