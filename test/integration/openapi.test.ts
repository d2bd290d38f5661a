import { describe, expect, it } from 'vitest';
import { api } from './helpers';

describe('OpenAPI document', () => {
  it('describes every route with its request schema', async () => {
    const res = await api('GET', '/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.json;
    expect(doc.openapi).toBe('3.0.3');
    const ops = Object.entries(doc.paths).flatMap(([path, methods]: [string, any]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    for (const op of [
      'POST /v1/admin/companies',
      'PUT /v1/companies/{companyId}/records/invoices/{id}',
      'POST /v1/companies/{companyId}/records/invoices/{id}/void',
      'DELETE /v1/companies/{companyId}/records/customers/{id}',
      'POST /v1/companies/{companyId}/records/bulk',
      'GET /v1/companies/{companyId}/jobs',
      'GET /v1/companies/{companyId}/jobs/{jobId}',
      'GET /v1/companies/{companyId}/jobs/counts',
      'GET /v1/companies/{companyId}/jobs/export.csv',
      'POST /v1/companies/{companyId}/jobs/requeue',
      'PATCH /v1/companies/{companyId}/settings',
    ]) {
      expect(ops).toContain(op);
    }
    const invoicePut = doc.paths['/v1/companies/{companyId}/records/invoices/{id}'].put;
    const schema = invoicePut.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['customer', 'date', 'docNumber', 'lines']));
    expect(schema.properties.lines.items.properties.amount.type).toBe('string');
    const list = doc.paths['/v1/companies/{companyId}/jobs'].get;
    expect(list.parameters.map((p: any) => p.name)).toEqual(expect.arrayContaining(['companyId', 'type', 'state', 'q', 'cursor', 'limit']));
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await api('GET', '/v2/nothing');
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('NOT_FOUND');
  });
});
