import type { Handler } from './context.js';
import { el } from './xml.js';
import { childrenNamed } from './xml.js';

/** HostQuery: product, version and the qbXML versions this QuickBooks accepts. */
export const hostQuery: Handler = (ctx) => ({
  rets: [el('HostRet', [
    el('ProductName', ctx.info.productName),
    el('MajorVersion', ctx.info.majorVersion),
    el('MinorVersion', ctx.info.minorVersion),
    el('Country', ctx.info.country),
    ...ctx.info.supportedVersions.map((v) => el('SupportedQBXMLVersion', v)),
    el('IsAutomaticLogin', 'false'),
    el('QBFileMode', ctx.info.fileMode),
  ])],
});

/** CompanyQuery: company identity plus DataExts under the requested OwnerIDs (QBWC's FileID lives there). */
export const companyQuery: Handler = (ctx, rq) => {
  const owners = childrenNamed(rq, 'OwnerID').map((n) => n.text.toLowerCase());
  const exts = [...ctx.store.companyDataExt.entries()]
    .filter(([key]) => owners.includes(key.split('|')[0].toLowerCase()))
    .map(([key, value]) => el('DataExtRet', [
      el('OwnerID', key.split('|')[0]), el('DataExtName', key.split('|')[1]), el('DataExtType', 'STR255TYPE'), el('DataExtValue', value),
    ]));
  return {
    rets: [el('CompanyRet', [
      el('IsSampleCompany', 'false'),
      el('CompanyName', ctx.info.companyName),
      el('LegalCompanyName', ctx.info.companyName),
      el('Address', [el('Country', 'US')]),
      el('FirstMonthFiscalYear', 'January'),
      el('FirstMonthIncomeTaxYear', 'January'),
      el('TaxForm', 'OtherOrNone'),
      ...exts,
    ])],
  };
};

/** PreferencesQuery: the sales-tax and accounting preferences a sync reads. */
export const preferencesQuery: Handler = (ctx) => {
  const code = (name: string) => ctx.store.findByFullName(['SalesTaxCode'], name);
  const ref = (name: string, r?: { listId: string; fullName: string }) =>
    r ? [el(name, [el('ListID', r.listId), el('FullName', r.fullName)])] : [];
  return {
    rets: [el('PreferencesRet', [
      el('AccountingPreferences', [
        el('IsUsingAccountNumbers', 'false'), el('IsRequiringAccounts', 'true'), el('IsUsingClassTracking', 'false'),
        el('IsUsingAuditTrail', 'true'), el('IsAssigningJournalEntryNumbers', 'true'),
      ]),
      el('SalesTaxPreferences', [
        el('PaySalesTax', 'Monthly'),
        ...ref('DefaultTaxableSalesTaxCodeRef', code('Tax')),
        ...ref('DefaultNonTaxableSalesTaxCodeRef', code('Non')),
        el('IsUsingVendorTaxCode', 'false'), el('IsUsingCustomerTaxCode', 'true'),
        el('IsUsingAmountsIncludeTax', 'false'),
      ]),
    ])],
  };
};
