import type { QbdCompany } from '../company/company.js';
import type { HresultFault } from '../company/faults.js';

/** Fault knobs for one Web Connector run. */
export type WebConnectorFault =
  /** The Web Connector process dies after its K-th receiveResponseXML: no closeConnection. */
  | { kind: 'dieAfterReceives'; receives: number }
  /** QuickBooks processes the N-th request (1-based) but receiveResponseXML is never posted. */
  | { kind: 'loseResponse'; request: number }
  /** QuickBooks cannot open the company (BeginSession fails) on the first attempt. */
  | { kind: 'busyAtOpen'; fault?: HresultFault }
  /** The user has a different company file open in QuickBooks than last time. */
  | { kind: 'differentCompanyFile'; company: QbdCompany };

export interface WebConnectorOptions {
  faults?: WebConnectorFault[];
  /** Answer to a `W:` from clientVersion (the user's click); default continue. */
  continueOnWarning?: boolean;
  /** QBWC pauses ~5 s after getLastError says NoOp; tests shorten it. */
  noOpDelayMs?: number;
  /** Safety stop for NoOp loops (a real QBWC would keep polling until the user stops it). */
  maxNoOps?: number;
  /** How many times to retry opening the company after connectionError names a file. */
  maxConnectionRetries?: number;
  /** Owner/File IDs from the .qwc: QBWC stores FileID as a Company DataExt on first run. */
  ownerId?: string;
  fileId?: string;
}

export interface RunWebConnectorInput {
  appUrl: string;
  username: string;
  password: string;
  company: QbdCompany;
  /** QBWC build sent to clientVersion (default 2.3.0.215, a version seen in logs). */
  qbwcVersion?: string;
  options?: WebConnectorOptions;
}

export type SoapMethod =
  | 'serverVersion' | 'clientVersion' | 'authenticate' | 'sendRequestXML' | 'receiveResponseXML'
  | 'getLastError' | 'connectionError' | 'closeConnection';

export interface TranscriptEntry {
  method: SoapMethod;
  soapAction: string;
  params: Record<string, string>;
  result?: string | string[] | number;
  /** Transport/SOAP failure as QBWC reports it (e.g. `QBWC1042: HTTP 500`). */
  error?: string;
}

export type WebConnectorStatus =
  | 'done' | 'noWork' | 'invalidUser' | 'busy' | 'clientVersionRejected' | 'connectionError'
  | 'error' | 'died' | 'responseLost' | 'qbwcError' | 'interactiveNotSupported' | 'noOpLimit';

export interface WebConnectorResult {
  status: WebConnectorStatus;
  ticket?: string;
  /** Text from closeConnection (QBWC's Status column). */
  closeMessage?: string;
  /** getLastError text, or the QBWC/HRESULT message that ended the run. */
  lastError?: string;
  qbwcErrorCode?: string;
  /** qbXML requests QuickBooks processed in this run (including one whose response was lost). */
  requestsProcessed: number;
  transcript: TranscriptEntry[];
}
