import { expect, inject, it } from 'vitest';

it('reaches the QBO simulator from workerd over loopback HTTP', async () => {
  const res = await fetch(`${inject('qboSimUrl')}/__sim/health`);
  expect(res.status).toBe(200);
});
