import type { QbStatus } from './status.js';
import type { CompanyStore } from './store.js';
import type { XNode } from './xml.js';

export interface RuleOptions {
  /** What QB does when Quantity×Rate ≠ Amount on a line. Unconfirmed; default rejects (3210). */
  lineAmountMismatch: 'error' | 'useAmount';
}

/** What HostQuery/CompanyQuery report about this simulated QuickBooks and file. */
export interface CompanyInfo {
  companyName: string;
  filePath: string;
  productName: string;
  majorVersion: string;
  minorVersion: string;
  country: 'US';
  supportedVersions: string[];
  fileMode: 'SingleUser' | 'MultiUser';
}

export interface HandlerContext {
  info: CompanyInfo;
  store: CompanyStore;
  rules: RuleOptions;
  /** The message's qbXML version (e.g. 13). */
  version: number;
  iterators: Map<string, { rets: XNode[]; name: string }>;
}

export interface HandlerResult {
  rets: XNode[];
  status?: QbStatus;
  attrs?: Record<string, string>;
}

export type Handler = (ctx: HandlerContext, rq: XNode) => HandlerResult;
