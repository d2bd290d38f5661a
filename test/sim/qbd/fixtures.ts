import { parseXml, type XNode } from './company/xml.js';

/** Test helpers: build qbXML request messages and read responses. */

export function qbxml(body: string, opts: { onError?: string; version?: string } = {}): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<?qbxml version="${opts.version ?? '13.0'}"?>\n` +
    `<QBXML><QBXMLMsgsRq onError="${opts.onError ?? 'stopOnError'}">${body}</QBXMLMsgsRq></QBXML>`;
}

export interface ParsedRs {
  name: string;
  attrs: Record<string, string>;
  rets: XNode[];
}

export function responses(xml: string): ParsedRs[] {
  const { root } = parseXml(xml);
  const msgs = root.children[0];
  return msgs.children.map((rs) => ({ name: rs.name, attrs: rs.attrs, rets: rs.children }));
}

export function field(node: XNode | undefined, path: string): string | undefined {
  let cur = node;
  for (const part of path.split('/')) cur = cur?.children.find((c) => c.name === part);
  return cur?.text;
}

export const customerAdd = (name: string, extra = '', requestID = '1') =>
  `<CustomerAddRq requestID="${requestID}"><CustomerAdd><Name>${name}</Name>${extra}</CustomerAdd></CustomerAddRq>`;

export const serviceItemAdd = (name: string, price: string, taxCode = 'Tax') =>
  `<ItemServiceAddRq requestID="i-${name}"><ItemServiceAdd><Name>${name}</Name><SalesTaxCodeRef><FullName>${taxCode}</FullName></SalesTaxCodeRef>` +
  `<SalesOrPurchase><Desc>${name}</Desc><Price>${price}</Price><AccountRef><FullName>Sales</FullName></AccountRef></SalesOrPurchase></ItemServiceAdd></ItemServiceAddRq>`;

export const salesTaxItemAdd = (name: string, rate: string) =>
  `<ItemSalesTaxAddRq requestID="t-${name}"><ItemSalesTaxAdd><Name>${name}</Name><TaxRate>${rate}</TaxRate></ItemSalesTaxAdd></ItemSalesTaxAddRq>`;
