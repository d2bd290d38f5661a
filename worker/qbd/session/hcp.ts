import { isObject, many, readXml, textOf, type XmlObject } from '../xml';
import type { QbxmlVersion } from '../qbxml/message';

/** What QuickBooks told the Web Connector about itself in the first sendRequestXML. */
export interface HostReport {
  versions: QbxmlVersion[];
  companyName: string | null;
}

/** Reads strHCPResponse (Host/Company/Preferences answers); anything unreadable reports nothing. */
export function readHostReport(hcp: string): HostReport {
  const read = hcp.trim() ? readXml(hcp, 2 * 1024 * 1024) : null;
  const msgs = read?.ok && isObject(read.value.QBXML) ? read.value.QBXML.QBXMLMsgsRs : undefined;
  if (!isObject(msgs)) return { versions: [], companyName: null };
  const host = many(isObject(msgs.HostQueryRs) ? msgs.HostQueryRs.HostRet : undefined)[0] as XmlObject | undefined;
  const company = many(isObject(msgs.CompanyQueryRs) ? msgs.CompanyQueryRs.CompanyRet : undefined)[0] as XmlObject | undefined;
  const versions = many(host?.SupportedQBXMLVersion)
    .map((v) => textOf(v).trim())
    .map((v) => /^(\d+)\.(\d+)$/.exec(v))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ major: Number(m[1]), minor: Number(m[2]) }));
  return { versions, companyName: company ? textOf(company.CompanyName) || null : null };
}

/** Windows paths: compare without case and with either slash. */
export const sameCompanyFile = (a: string, b: string) => a.replace(/\//g, '\\').toLowerCase() === b.replace(/\//g, '\\').toLowerCase();
