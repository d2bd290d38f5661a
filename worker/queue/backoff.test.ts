import { describe, expect, it } from 'vitest';
import { RETRY_BASE_MS, RETRY_CAP_MS, retryDelayMs } from './backoff';

describe('retryDelayMs', () => {
  it('doubles per attempt within the jitter band', () => {
    expect(retryDelayMs(1, () => 0)).toBe(RETRY_BASE_MS / 2);
    expect(retryDelayMs(1, () => 1)).toBe(RETRY_BASE_MS);
    expect(retryDelayMs(3, () => 1)).toBe(RETRY_BASE_MS * 4);
    expect(retryDelayMs(3, () => 0)).toBe(RETRY_BASE_MS * 2);
  });

  it('never exceeds the cap', () => {
    expect(retryDelayMs(40, () => 1)).toBe(RETRY_CAP_MS);
    expect(retryDelayMs(40, () => 0)).toBe(RETRY_CAP_MS / 2);
  });
});
