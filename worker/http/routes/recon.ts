import { Hono } from 'hono';
import { z } from 'zod';
import { reconcileMonth, reconciliationCsv } from '../../recon';
import type { AppEnv } from '../context';
import { requireCompanyAccess } from '../middleware/auth';
import { documentRoute } from '../openapi-registry';
import { parseQuery } from '../validate';

const reconQuery = z
  .object({
    month: z.string().regex(/^\d{4}-\d{2}$/, 'expected a month like 2026-03'),
    format: z.enum(['json', 'csv']).default('json'),
    refresh: z.enum(['0', '1']).default('0'),
  })
  .strict();

documentRoute({
  method: 'get',
  path: '/v1/companies/{companyId}/reconciliation',
  summary:
    "Month-end reconciliation: Sharper's ledger vs QuickBooks, per customer and account, every difference attributed. QBO: 2 metered reads per call. QBD: the first call records a request (202) that the next Web Connector run answers (5 qbXML reads); refresh=1 asks QuickBooks again",
  tag: 'Reconciliation',
  auth: 'viewer',
  query: reconQuery,
  responses: {
    200: { description: 'The report as JSON, or CSV with format=csv' },
    202: { description: 'QuickBooks Desktop: the figures were requested and come on the next Web Connector run (state, requestedAt, lastWebConnectorContact)' },
  },
});

export const reconRoutes = new Hono<AppEnv>().get('/', requireCompanyAccess({ user: 'viewer' }), async (c) => {
  const { month, format, refresh } = parseQuery(c, reconQuery);
  const outcome = await reconcileMonth({ ctx: c.get('ctx'), companyId: c.get('company').id, month, refresh: refresh === '1' });
  if (outcome.kind === 'pending') return c.json(outcome.pending, 202);
  const report = outcome.report;
  if (format === 'csv') {
    return c.body(reconciliationCsv(report), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="reconciliation-${report.month}.csv"`,
    });
  }
  return c.json(report);
});
