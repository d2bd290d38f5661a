import { describe, expect, it } from 'vitest';
import { reconnectBy, RECONNECT_WARNING_DAYS } from './reconnect-by';

const DAY = 86_400_000;
const now = Date.UTC(2031, 0, 1);
const base = { connected: true, nowMs: now, url: '/app/settings' };

describe('reconnectBy', () => {
  it('warns inside the last 30 days of whichever expiry comes first, not before', () => {
    expect(reconnectBy({ ...base, refreshHardExpiresAt: now + 31 * DAY, refreshExpiresAt: now + 90 * DAY })).toBeNull();
    expect(reconnectBy({ ...base, refreshHardExpiresAt: now + RECONNECT_WARNING_DAYS * DAY, refreshExpiresAt: now + 90 * DAY })).toBeNull();
    expect(reconnectBy({ ...base, refreshHardExpiresAt: now + 29 * DAY, refreshExpiresAt: now + 90 * DAY })).toEqual({
      by: new Date(now + 29 * DAY).toISOString(),
      daysLeft: 29,
      reason: 'hard_maximum',
      url: '/app/settings',
    });
    expect(reconnectBy({ ...base, refreshHardExpiresAt: now + 29 * DAY, refreshExpiresAt: now + 2 * DAY })).toMatchObject({ reason: 'refresh_window', daysLeft: 2 });
  });

  it('ignores unreported expiries and connections that are not live', () => {
    expect(reconnectBy({ ...base, refreshHardExpiresAt: 0, refreshExpiresAt: now + 90 * DAY })).toBeNull();
    expect(reconnectBy({ ...base, refreshHardExpiresAt: 0, refreshExpiresAt: 0 })).toBeNull();
    expect(reconnectBy({ ...base, connected: false, refreshHardExpiresAt: now + DAY, refreshExpiresAt: now + DAY })).toBeNull();
    expect(reconnectBy({ ...base, refreshHardExpiresAt: now - DAY, refreshExpiresAt: now + 90 * DAY })).toMatchObject({ daysLeft: 0 });
  });
});
