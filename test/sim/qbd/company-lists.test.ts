import { describe, expect, it } from 'vitest';
import { createQbdCompany, type QbdCompany } from './company/company.js';
import { QbComError } from './company/status.js';
import { customerAdd, field, qbxml, responses, serviceItemAdd } from './fixtures.js';

const NOW = new Date('2023-11-14T22:13:20Z');
// schemaDir null: these tests pin the simulator's own rules; company-schema.test.ts covers xmllint.
const make = (): QbdCompany => createQbdCompany({ now: () => NOW, schemaDir: null });
const one = (c: QbdCompany, body: string, onError?: string) => responses(c.processRequest(qbxml(body, { onError })));

describe('status severities', () => {
  it('Info 0: an Add echoes requestID and returns the Ret with QB-shaped IDs', () => {
    const [rs] = one(make(), customerAdd('Harbor View', '', 'job-17'));
    expect(rs.name).toBe('CustomerAddRs');
    expect(rs.attrs).toMatchObject({ requestID: 'job-17', statusCode: '0', statusSeverity: 'Info', statusMessage: 'Status OK' });
    const ret = rs.rets[0];
    expect(field(ret, 'ListID')).toMatch(/^8[0-9A-F]{7}-1700000000$/);
    expect(field(ret, 'EditSequence')).toMatch(/^\d{10}$/);
    expect(field(ret, 'TimeCreated')).toBe('2023-11-14T17:13:20-05:00');
    expect(field(ret, 'Balance')).toBe('0.00');
  });

  it('Info 1: a query that finds nothing', () => {
    const [rs] = one(make(), '<CustomerQueryRq requestID="q"><FullName>Nobody</FullName></CustomerQueryRq>');
    // FullName lists are id lookups: a single missing name is the 500 warning, not "no match".
    expect(rs.attrs.statusCode).toBe('500');
    const [none] = one(make(), '<CustomerQueryRq requestID="q"><NameFilter><MatchCriterion>StartsWith</MatchCriterion><Name>Zz</Name></NameFilter></CustomerQueryRq>');
    expect(none.attrs).toMatchObject({ statusCode: '1', statusSeverity: 'Info' });
    expect(none.rets).toHaveLength(0);
  });

  it('Warn 500: ListID query with some ids missing returns what it found', () => {
    const c = make();
    const id = field(one(c, customerAdd('A'))[0].rets[0], 'ListID');
    const [rs] = one(c, `<CustomerQueryRq><ListID>${id}</ListID><ListID>80000999-1700000000</ListID></CustomerQueryRq>`);
    expect(rs.attrs).toMatchObject({ statusCode: '500', statusSeverity: 'Warn' });
    expect(rs.rets.map((r) => field(r, 'Name'))).toEqual(['A']);
  });

  it('Error 3100: duplicate name; items share one namespace across types', () => {
    const c = make();
    one(c, customerAdd('Dock 4'));
    const [dup] = one(c, customerAdd('dock 4'));
    expect(dup.attrs).toMatchObject({ statusCode: '3100', statusSeverity: 'Error' });
    expect(dup.attrs.statusMessage).toBe('The name "dock 4" of the list element is already in use.');
    expect(dup.rets).toHaveLength(0);
    one(c, serviceItemAdd('Fuel', '5.00'));
    const [item] = one(c, '<ItemNonInventoryAddRq><ItemNonInventoryAdd><Name>Fuel</Name><SalesOrPurchase><Price>1</Price><AccountRef><FullName>Sales</FullName></AccountRef></SalesOrPurchase></ItemNonInventoryAdd></ItemNonInventoryAddRq>');
    expect(item.attrs.statusCode).toBe('3100');
    expect(c.count('Customer')).toBe(1);
  });
});

describe('message set', () => {
  it('stopOnError stops at the first error; continueOnError answers every request', () => {
    const body = customerAdd('X', '', '1') + customerAdd('X', '', '2') + customerAdd('Y', '', '3');
    const stop = one(make(), body, 'stopOnError');
    expect(stop.map((r) => r.attrs.statusCode)).toEqual(['0', '3100']);
    const cont = one(make(), body, 'continueOnError');
    expect(cont.map((r) => r.attrs.statusCode)).toEqual(['0', '3100', '0']);
  });

  it('rollbackOnError undoes the earlier requests of the set', () => {
    const c = make();
    one(c, customerAdd('P', '', '1') + customerAdd('P', '', '2'), 'rollbackOnError');
    expect(c.count('Customer')).toBe(0);
  });

  it('too-long strings give 3070 per request, not a parse error', () => {
    const [rs] = one(make(), customerAdd('N'.repeat(42)));
    expect(rs.attrs).toMatchObject({ statusCode: '3070', statusSeverity: 'Error' });
    expect(rs.attrs.statusMessage).toContain('"Name" is too long');
  });

  it('requestID longer than 50 characters gives 1060', () => {
    const [rs] = one(make(), customerAdd('Q', '', 'r'.repeat(51)));
    expect(rs.attrs.statusCode).toBe('1060');
  });
});

describe('element order (without the XSD)', () => {
  const expectParseError = (c: QbdCompany, xml: string) => {
    let err: unknown;
    try {
      c.processRequest(xml);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QbComError);
    expect((err as QbComError).hresult).toBe('0x80040400');
    expect((err as QbComError).message).toBe('QuickBooks found an error when parsing the provided XML text stream.');
  };

  it('rejects the whole message when an element is out of order', () => {
    const c = make();
    expectParseError(c, qbxml(customerAdd('Ok') + '<CustomerAddRq><CustomerAdd><IsActive>true</IsActive><Name>B</Name></CustomerAdd></CustomerAddRq>'));
    // Nothing in the set ran, not even the valid first request.
    expect(c.count('Customer')).toBe(0);
  });

  it('knows ItemService puts ClassRef before ParentRef and ItemNonInventory the reverse', () => {
    const c = make();
    expectParseError(c, qbxml('<ItemServiceAddRq><ItemServiceAdd><Name>S</Name><ParentRef><FullName>P</FullName></ParentRef><ClassRef><FullName>C</FullName></ClassRef><SalesOrPurchase><Price>1</Price></SalesOrPurchase></ItemServiceAdd></ItemServiceAddRq>'));
    expectParseError(c, qbxml('<ItemNonInventoryAddRq><ItemNonInventoryAdd><Name>S</Name><ClassRef><FullName>C</FullName></ClassRef><ParentRef><FullName>P</FullName></ParentRef><SalesOrPurchase><Price>1</Price></SalesOrPurchase></ItemNonInventoryAdd></ItemNonInventoryAddRq>'));
  });

  it('rejects a missing required element, unknown elements, QBOE-only lines and newer-version fields', () => {
    const c = make();
    expectParseError(c, qbxml('<CustomerAddRq><CustomerAdd><IsActive>true</IsActive></CustomerAdd></CustomerAddRq>'));
    expectParseError(c, qbxml('<CustomerAddRq><CustomerAdd><Name>A</Name><Nickname>x</Nickname></CustomerAdd></CustomerAddRq>'));
    expectParseError(c, qbxml('<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>A</FullName></CustomerRef><SalesTaxLineAdd><Amount>1</Amount></SalesTaxLineAdd></InvoiceAdd></InvoiceAddRq>'));
    expectParseError(c, qbxml(customerAdd('A', '<JobTitle>Boss</JobTitle>'), { version: '11.0' }));
    expectParseError(c, qbxml(customerAdd('A')).replace('onError="stopOnError"', ''));
    expectParseError(c, qbxml(customerAdd('A')).replace('<?qbxml version="13.0"?>', ''));
    expectParseError(c, '<QBXML><broken>');
  });

  it('an older host refuses a newer qbXML version', () => {
    const c = createQbdCompany({ maxQbxmlVersion: '8.0', schemaDir: null });
    expect(c.info.supportedVersions.at(-1)).toBe('8.0');
    expect(() => c.processRequest(qbxml(customerAdd('A')))).toThrowError(/not supported/);
    expect(responses(c.processRequest(qbxml(customerAdd('A'), { version: '8.0' })))[0].attrs.statusCode).toBe('0');
  });
});

describe('Mod and EditSequence', () => {
  it('3200 when the EditSequence is stale, e.g. after a user edited the record in QuickBooks', () => {
    const c = make();
    const ret = one(c, customerAdd('Marina A'))[0].rets[0];
    const listId = field(ret, 'ListID')!;
    const seq = field(ret, 'EditSequence')!;
    c.editAsUser(listId, { isActive: true });
    const [rs] = one(c, `<CustomerModRq><CustomerMod><ListID>${listId}</ListID><EditSequence>${seq}</EditSequence><Phone>555</Phone></CustomerMod></CustomerModRq>`);
    expect(rs.attrs).toMatchObject({ statusCode: '3200', statusMessage: `The provided edit sequence "${seq}" is out-of-date.` });
    const fresh = c.findList('Customer', 'Marina A')!.editSequence;
    const [ok] = one(c, `<CustomerModRq><CustomerMod><ListID>${listId}</ListID><EditSequence>${fresh}</EditSequence><Name>Marina B</Name><Phone>555</Phone></CustomerMod></CustomerModRq>`);
    expect(ok.attrs.statusCode).toBe('0');
    expect(field(ok.rets[0], 'Name')).toBe('Marina B');
    expect(field(ok.rets[0], 'Phone')).toBe('555');
    expect(field(ok.rets[0], 'EditSequence')).not.toBe(fresh);
  });

  it('3120 when the ListID does not exist', () => {
    const [rs] = one(make(), '<CustomerModRq><CustomerMod><ListID>80000999-1</ListID><EditSequence>1</EditSequence></CustomerMod></CustomerModRq>');
    expect(rs.attrs.statusCode).toBe('3120');
  });
});

describe('references', () => {
  it('3140 for an unknown ListID or FullName, and for an inactive item on a new invoice', () => {
    const c = make();
    one(c, customerAdd('Cust'));
    const [bad] = one(c, '<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>Ghost</FullName></CustomerRef></InvoiceAdd></InvoiceAddRq>');
    expect(bad.attrs).toMatchObject({ statusCode: '3140', statusSeverity: 'Error' });
    expect(bad.attrs.statusMessage).toContain('invalid reference to QuickBooks Customer "Ghost"');
    const item = field(one(c, serviceItemAdd('Old', '1.00'))[0].rets[0], 'ListID')!;
    c.editAsUser(item, { isActive: false });
    const [inactive] = one(c, `<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>Cust</FullName></CustomerRef><InvoiceLineAdd><ItemRef><ListID>${item}</ListID></ItemRef></InvoiceLineAdd></InvoiceAdd></InvoiceAddRq>`);
    expect(inactive.attrs.statusCode).toBe('3140');
    expect(inactive.attrs.statusMessage).toContain('inactive');
    expect(c.count('Invoice')).toBe(0);
  });

  it('queries by FullName, ActiveStatus and modified date', () => {
    const c = make();
    one(c, customerAdd('Alpha') + customerAdd('Beta'));
    const [byName] = one(c, '<CustomerQueryRq><FullName>alpha</FullName></CustomerQueryRq>');
    expect(byName.rets.map((r) => field(r, 'Name'))).toEqual(['Alpha']);
    const [range] = one(c, '<CustomerQueryRq><FromModifiedDate>2023-11-14T00:00:00-05:00</FromModifiedDate></CustomerQueryRq>');
    expect(range.rets).toHaveLength(2);
    const [later] = one(c, '<CustomerQueryRq><FromModifiedDate>2023-11-15</FromModifiedDate></CustomerQueryRq>');
    expect(later.attrs.statusCode).toBe('1');
  });

  it('ListDel refuses an element in use and deletes an unused one', () => {
    const c = make();
    const id = field(one(c, customerAdd('Temp'))[0].rets[0], 'ListID');
    const [rs] = one(c, `<ListDelRq><ListDelType>Customer</ListDelType><ListID>${id}</ListID></ListDelRq>`);
    expect(rs.attrs.statusCode).toBe('0');
    expect(c.count('Customer')).toBe(0);
  });
});
