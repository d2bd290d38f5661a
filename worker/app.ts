import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './http/context';
import { withContext } from './http/middleware/context';
import { buildOpenApiDocument } from './http/openapi';
import { adminRoutes } from './http/routes/admin';
import { appUiRoutes } from './http/routes/app-ui';
import { companyRoutes } from './http/routes/companies';
import { extensionRoutes } from './http/routes/extension';
import { jobRoutes } from './http/routes/jobs';
import { qbdSettingsRoutes } from './http/routes/qbd-settings';
import { qbwcRoutes } from './http/routes/qbwc';
import { qboRoutes } from './http/routes/qbo';
import { qboPublicRoutes } from './http/routes/qbo-public';
import { recordRoutes } from './http/routes/records';
import { reconRoutes } from './http/routes/recon';
import { httpStatusOf, ServiceError } from './shared/errors';

const MAX_BODY_BYTES = 8 * 1024 * 1024;

export const app = new Hono<AppEnv>()
  .use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        c.json({ error: { code: 'PAYLOAD_TOO_LARGE', message: `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB` } }, 413),
    }),
  )
  .use(withContext())
  .get('/', (c) => c.json({ name: 'Sharper Sync', docs: '/openapi.json', health: '/health' }))
  .get('/health', (c) => c.json({ ok: true }))
  .get('/openapi.json', (c) => c.json(buildOpenApiDocument(new URL(c.req.url).origin)))
  .route('/v1/admin', adminRoutes)
  .route('/v1/companies', companyRoutes)
  .route('/v1/companies/:companyId/records', recordRoutes)
  .route('/v1/companies/:companyId/jobs', jobRoutes)
  .route('/v1/companies/:companyId/qbd', qbdSettingsRoutes)
  .route('/qbwc', qbwcRoutes)
  .route('/v1/companies/:companyId/qbo', qboRoutes)
  .route('/v1/qbo', qboPublicRoutes)
  .route('/v1/extension', extensionRoutes)
  .route('/v1/companies/:companyId/reconciliation', reconRoutes)
  .route('/app', appUiRoutes);

app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: `No route ${c.req.method} ${new URL(c.req.url).pathname}` } }, 404));

app.onError((error, c) => {
  if (error instanceof ServiceError) {
    return c.json({ error: error.toJSON() }, httpStatusOf[error.code] as 400);
  }
  if (error instanceof HTTPException) {
    return c.json({ error: { code: error.status === 401 ? 'UNAUTHORIZED' : 'BAD_REQUEST', message: error.message } }, error.status);
  }
  console.error('Unhandled error', c.req.method, c.req.path, error);
  return c.json({ error: { code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged.' } }, 500);
});
