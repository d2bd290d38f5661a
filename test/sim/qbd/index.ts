/** Public surface of the QuickBooks Desktop + Web Connector simulators. */
export { createQbdCompany, newGuid } from './company/company.js';
export type { QbdCompany, QbdCompanyOptions, UserEdit } from './company/company.js';
export type { CompanyInfo, RuleOptions } from './company/context.js';
export { FaultInjector } from './company/faults.js';
export type { HresultFault } from './company/faults.js';
export { HRESULT, HRESULT_MESSAGES, QbComError, STATUS_NO_MATCH, STATUS_OK } from './company/status.js';
export type { QbStatus, StatusSeverity } from './company/status.js';
export type { ListKind, ListRecord, TxnKind, TxnRecord, TxnLine } from './company/types.js';
export { parseXml, buildXml } from './company/xml.js';
export type { XNode } from './company/xml.js';
export { validateWithXsd } from './company/xsd.js';
export { runWebConnector } from './web-connector/client.js';
export { parseQwc, QwcError } from './web-connector/qwc.js';
export type { QwcFile } from './web-connector/qwc.js';
export { buildSoapRequest, soapAction, QBWC_NS } from './web-connector/soap.js';
export type {
  RunWebConnectorInput, SoapMethod, TranscriptEntry, WebConnectorFault, WebConnectorOptions, WebConnectorResult,
  WebConnectorStatus,
} from './web-connector/types.js';
