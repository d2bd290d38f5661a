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
  })
  .strict();

documentRoute({
  method: 'get',
  path: '/v1/companies/{companyId}/reconciliation',
  summary: "Month-end reconciliation: Sharper's ledger vs QuickBooks, per customer and account, every difference attributed (2 metered QBO reads)",
  tag: 'Reconciliation',
  auth: 'viewer',
  query: reconQuery,
  responses: { 200: { description: 'The report as JSON, or CSV with format=csv' } },
});

export const reconRoutes = new Hono<AppEnv>().get('/', requireCompanyAccess({ user: 'viewer' }), async (c) => {
  const { month, format } = parseQuery(c, reconQuery);
  const report = await reconcileMonth({ ctx: c.get('ctx'), companyId: c.get('company').id, month });
  if (format === 'csv') {
    return c.body(reconciliationCsv(report), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="reconciliation-${report.month}.csv"`,
    });
  }
  return c.json(report);
});
