import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QboFault } from './faults';
import { parseQuery } from './query';
import { type SimHarness, startHarness } from './test-helpers';

describe('parseQuery', () => {
  it('parses the QBO subset', () => {
    const q = parseQuery(
      "SELECT * FROM Invoice WHERE DocNumber IN ('A-1', 'B\\'2') AND TotalAmt > 10.5 AND Metadata.LastUpdatedTime >= '2026-01-01T00:00:00-08:00' ORDERBY TxnDate DESC, Id STARTPOSITION 11 MAXRESULTS 5",
    );
    expect(q).toEqual({
      entity: 'Invoice',
      select: { kind: 'all' },
      where: [
        { field: 'DocNumber', op: 'IN', values: ['A-1', "B'2"] },
        { field: 'TotalAmt', op: '>', values: [10.5] },
        { field: 'Metadata.LastUpdatedTime', op: '>=', values: ['2026-01-01T00:00:00-08:00'] },
      ],
      orderBy: [
        { field: 'TxnDate', desc: true },
        { field: 'Id', desc: false },
      ],
      startPosition: 11,
      maxResults: 5,
    });
  });

  it('parses count(*), field lists, LIKE, booleans and ORDER BY', () => {
    expect(parseQuery('select count(*) from Customer').select).toEqual({ kind: 'count' });
    expect(parseQuery('select Id, DisplayName from Customer').select).toEqual({ kind: 'fields', fields: ['Id', 'DisplayName'] });
    expect(parseQuery("select * from Customer where DisplayName like 'Ac%'").where[0]).toEqual({ field: 'DisplayName', op: 'LIKE', values: ['Ac%'] });
    expect(parseQuery('select * from Item where Active = false order by Name').where[0].values).toEqual([false]);
    expect(parseQuery('select * from Item maxresults 5000').maxResults).toBe(1000);
  });

  it.each([
    ["select * from Customer where DisplayName = 'a' OR DisplayName = 'b'"],
    ['select * from'],
    ["select * from Customer where DisplayName = 'unterminated"],
    ['delete from Customer'],
    ['select * from Customer where Id ~ 1'],
  ])('rejects %s with 4000', (src) => {
    try {
      parseQuery(src);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(QboFault);
      expect((err as QboFault).errors[0].code).toBe('4000');
    }
  });
});

describe('query endpoint', () => {
  let h: SimHarness;
  beforeEach(async () => {
    h = await startHarness();
    for (const name of ['Charlie', 'alpha', 'Bravo', 'Delta']) await h.create('Customer', { DisplayName: name, Taxable: name !== 'Delta' });
    const delta = (await q("select * from Customer where DisplayName = 'Delta'")).Customer[0];
    await h.api('POST', '/customer', { Id: delta.Id, SyncToken: delta.SyncToken, sparse: true, Active: false });
  });
  afterEach(async () => {
    await h.close();
  });
  const q = async (src: string) => (await h.api('GET', `/query?query=${encodeURIComponent(src)}&minorversion=75`)).json.QueryResponse;

  it('hides inactive names unless Active is filtered', async () => {
    expect((await q('select count(*) from Customer')).totalCount).toBe(3);
    expect((await q('select count(*) from Customer where Active IN (true, false)')).totalCount).toBe(4);
    expect((await q('select * from Customer where Active = false')).Customer[0].DisplayName).toBe('Delta (deleted)');
  });

  it('orders, pages and projects', async () => {
    const page = await q('select DisplayName from Customer orderby DisplayName startposition 2 maxresults 1');
    expect(page).toEqual({ Customer: [{ Id: expect.any(String), DisplayName: 'Bravo' }], startPosition: 2, maxResults: 1 });
    const desc = await q('select * from Customer order by DisplayName desc');
    expect(desc.Customer.map((c: any) => c.DisplayName)).toEqual(['Charlie', 'Bravo', 'alpha']);
  });

  it('filters with LIKE, =, <, > and refs; empty results are {}', async () => {
    expect((await q("select * from Customer where DisplayName like '%ha%'")).Customer.map((c: any) => c.DisplayName)).toEqual(['Charlie', 'alpha']);
    expect((await q("select * from Customer where DisplayName = 'nobody'"))).toEqual({});
    expect((await q("select count(*) from Account where AccountType = 'Income'")).totalCount).toBe(3);
    const ids = (await q('select * from Customer')).Customer.map((c: any) => Number(c.Id));
    expect((await q(`select count(*) from Customer where Id > '${Math.min(...ids)}'`)).totalCount).toBe(2);
    expect((await q("select count(*) from Customer where MetaData.CreateTime < '2026-03-16T00:00:00Z'")).totalCount).toBe(3);
    expect((await q("select count(*) from Customer where MetaData.CreateTime > '2026-03-16T00:00:00Z'")).totalCount).toBe(0);
  });

  it('accepts a POSTed query with Content-Type application/text', async () => {
    const r = await h.api('POST', '/query', 'select count(*) from Customer', { contentType: 'application/text' });
    expect(r.json.QueryResponse.totalCount).toBe(3);
  });

  it('answers a 400 fault for unknown entities and bad syntax', async () => {
    const bad = await h.api('GET', `/query?query=${encodeURIComponent('select * from Nope')}`);
    expect(bad.status).toBe(400);
    expect(bad.json.Fault.Error[0].code).toBe('4001');
    const syntax = await h.api('GET', `/query?query=${encodeURIComponent('select * Customer')}`);
    expect(syntax.json.Fault.Error[0].code).toBe('4000');
  });
});
