/**
 * Login throttling for a Web Connector username: after FREE_FAILURES wrong passwords in a row,
 * each further attempt must wait, doubling up to a cap. While locked even the right password gets
 * `nvu` (QBWC shows it and stops), so guessing costs real time.
 */
export const FREE_FAILURES = 5;
export const LOCK_BASE_MS = 30_000;
export const LOCK_CAP_MS = 15 * 60_000;

export function lockUntil(failures: number, nowMs: number): number | null {
  if (failures < FREE_FAILURES) return null;
  return nowMs + Math.min(LOCK_CAP_MS, LOCK_BASE_MS * 2 ** (failures - FREE_FAILURES));
}
