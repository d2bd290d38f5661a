import { describe, expect, it } from 'vitest';
import { createQbdCompany } from './company/company.js';
import { QbComError } from './company/status.js';
import { schemaPath, validateWithXsd } from './company/xsd.js';
import { customerAdd, qbxml, responses, serviceItemAdd } from './fixtures.js';

const schemaDir = process.env.QBXML_SCHEMA_DIR;
if (!schemaDir) {
  // Intuit's XSD cannot ship in the repo; without it these checks did not run — say so, don't pass silently.
  console.warn('[qbd schema tests] NOT RUN: QBXML_SCHEMA_DIR is unset (point it at Intuit qbXML 13.0 XSDs, e.g. ../shared/qbxml-schema).');
}

describe('qbXML 13.0 XSD (xmllint)', () => {
  it.runIf(schemaDir)('the schema directory is complete (fails loudly when files are missing)', () => {
    expect(() => schemaPath(schemaDir!)).not.toThrow();
    expect(() => schemaPath('/nonexistent-qbxml-schema')).toThrowError(/missing qbxmlops130.xsd/);
  });

  it.runIf(schemaDir)('accepts the fixtures the simulator accepts', () => {
    const body = customerAdd('A', '<CompanyName>A Co</CompanyName><BillAddress><Addr1>1 Dock St</Addr1><City>Tampa</City></BillAddress>') + serviceItemAdd('S', '1.00');
    expect(validateWithXsd(qbxml(body), schemaDir!)).toEqual({ ok: true, errors: [] });
  });

  it.runIf(schemaDir)('names the out-of-order element, while QuickBooks only says 0x80040400', () => {
    const xml = qbxml('<InvoiceAddRq><InvoiceAdd><TxnDate>2023-01-01</TxnDate><CustomerRef><FullName>A</FullName></CustomerRef></InvoiceAdd></InvoiceAddRq>');
    const res = validateWithXsd(xml, schemaDir!);
    expect(res.ok).toBe(false);
    expect(res.errors.join('\n')).toContain("Element 'TxnDate'");
    const company = createQbdCompany({ schemaDir });
    let err: unknown;
    try {
      company.processRequest(xml);
    } catch (e) {
      err = e;
    }
    expect((err as QbComError).hresult).toBe('0x80040400');
    expect(String((err as QbComError).cause)).toContain('TxnDate');
  });

  it.runIf(schemaDir)('too-long strings pass the parse (maxLength facets filtered) and get 3070', () => {
    const xml = qbxml(customerAdd('N'.repeat(45)));
    expect(validateWithXsd(xml, schemaDir!).ok).toBe(true);
    const [rs] = responses(createQbdCompany({ schemaDir }).processRequest(xml));
    expect(rs.attrs.statusCode).toBe('3070');
  });

  it.runIf(schemaDir)('the XSD and the built-in order checker agree on a QBOE-only element', () => {
    const xml = qbxml('<ItemServiceAddRq><ItemServiceAdd><Name>S</Name><SalesOrPurchase><Price>1</Price></SalesOrPurchase><Nope/></ItemServiceAdd></ItemServiceAddRq>');
    expect(validateWithXsd(xml, schemaDir!).ok).toBe(false);
    expect(() => createQbdCompany({ schemaDir: null }).processRequest(xml)).toThrowError(QbComError);
  });
});
