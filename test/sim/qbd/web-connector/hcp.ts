import type { QbdCompany } from '../company/company.js';

/**
 * strHCPResponse: QBWC asks QuickBooks HostQuery, CompanyQuery (with the .qwc OwnerID, so the
 * FileID DataExt comes back) and PreferencesQuery, and hands the first sendRequestXML the answer.
 */
export function hostCompanyPrefs(company: QbdCompany, ownerId?: string): string {
  const version = company.info.supportedVersions.at(-1) ?? '13.0';
  const owner = ownerId ? `<OwnerID>${ownerId}</OwnerID>` : '';
  const msg = `<?xml version="1.0"?>\n<?qbxml version="${version}"?>\n<QBXML><QBXMLMsgsRq onError="continueOnError">` +
    `<HostQueryRq/><CompanyQueryRq>${owner}</CompanyQueryRq><PreferencesQueryRq/></QBXMLMsgsRq></QBXML>`;
  return company.processRequest(msg, { internal: true });
}

/** The highest qbXML version the open QuickBooks supports, as QBWC reports it (major, minor). */
export function hostVersion(company: QbdCompany): [number, number] {
  const [major, minor] = (company.info.supportedVersions.at(-1) ?? '13.0').split('.').map(Number);
  return [major, minor];
}
