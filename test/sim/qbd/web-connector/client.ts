import type { QbdCompany } from '../company/company.js';
import { comError, HRESULT, QbComError } from '../company/status.js';
import { hostCompanyPrefs, hostVersion } from './hcp.js';
import { call, CallFailed } from './transport.js';
import type { RunWebConnectorInput, WebConnectorFault, WebConnectorResult, WebConnectorStatus } from './types.js';

const AUTH_INVALID_USER = 'nvu';
const AUTH_NO_WORK = 'none';
const AUTH_BUSY = 'busy';
const LAST_ERROR_NOOP = 'NoOp';
const LAST_ERROR_INTERACTIVE = 'Interactive mode';

class Stop extends Error {
  constructor(readonly status: WebConnectorStatus, readonly detail?: string, readonly code?: string) {
    super(status);
  }
}

function faultOf<K extends WebConnectorFault['kind']>(faults: WebConnectorFault[], kind: K): Extract<WebConnectorFault, { kind: K }> | undefined {
  return faults.find((f) => f.kind === kind) as Extract<WebConnectorFault, { kind: K }> | undefined;
}

/**
 * Runs one QBWC update session against `appUrl`, with QuickBooks played by `company`:
 * serverVersion → clientVersion → authenticate → (open company) → sendRequestXML /
 * receiveResponseXML loop → closeConnection, plus the getLastError and connectionError paths.
 */
export async function runWebConnector(input: RunWebConnectorInput): Promise<WebConnectorResult> {
  const { appUrl, options = {} } = input;
  const faults = options.faults ?? [];
  const result: WebConnectorResult = { status: 'done', requestsProcessed: 0, transcript: [] };
  const soap = (method: Parameters<typeof call>[2], params: Parameters<typeof call>[3] = []) =>
    call(appUrl, result.transcript, method, params);
  let qb: QbdCompany | undefined;
  try {
    await soap('serverVersion').catch(ignoreOptional);
    const cv = await soap('clientVersion', [['strVersion', input.qbwcVersion ?? '2.3.0.215']]).catch(ignoreOptional);
    if (typeof cv === 'string' && (cv.startsWith('E:') || cv.startsWith('O:'))) throw new Stop('clientVersionRejected', cv);
    if (typeof cv === 'string' && cv.startsWith('W:') && options.continueOnWarning === false) throw new Stop('clientVersionRejected', cv);

    const auth = (await soap('authenticate', [['strUserName', input.username], ['strPassword', input.password]])) as string[];
    const ticket = auth[0] ?? '';
    result.ticket = ticket;
    const answer = auth[1] ?? '';
    const special: Record<string, WebConnectorStatus> = { [AUTH_INVALID_USER]: 'invalidUser', [AUTH_NO_WORK]: 'noWork', [AUTH_BUSY]: 'busy' };
    const stopped = special[answer.toLowerCase()];
    if (stopped) {
      result.status = stopped;
      result.closeMessage = (await soap('closeConnection', [['ticket', ticket]])) as string;
      return result;
    }

    qb = await openCompany(input, ticket, answer, soap);
    if (!qb) {
      result.status = 'connectionError';
      result.closeMessage = (await soap('closeConnection', [['ticket', ticket]])) as string;
      return result;
    }
    await exchange(input, qb, ticket, soap, result);
    return result;
  } catch (e) {
    if (e instanceof Stop) {
      result.status = e.status;
      result.lastError = e.detail;
      result.qbwcErrorCode = e.code;
      return result;
    }
    if (e instanceof CallFailed) {
      result.status = 'qbwcError';
      result.qbwcErrorCode = e.code;
      result.lastError = e.message;
      return result;
    }
    throw e;
  } finally {
    qb?.closeSession();
  }
}

/** serverVersion/clientVersion are optional for the service: a failure there does not stop QBWC. */
function ignoreOptional(e: unknown): undefined {
  if (e instanceof CallFailed) return undefined;
  throw e;
}

type Soap = (method: Parameters<typeof call>[2], params?: Parameters<typeof call>[3]) => ReturnType<typeof call>;

/** OpenConnection + BeginSession, following connectionError's answer ("done" or a file to try). */
async function openCompany(input: RunWebConnectorInput, ticket: string, firstFile: string, soap: Soap): Promise<QbdCompany | undefined> {
  const options = input.options ?? {};
  const faults = options.faults ?? [];
  const qb = faultOf(faults, 'differentCompanyFile')?.company ?? input.company;
  const busy = faultOf(faults, 'busyAtOpen');
  if (busy) qb.faults.failNextOpen(1, busy.fault ?? { hresult: HRESULT.COULD_NOT_START });
  let file = firstFile;
  for (let attempt = 0; attempt <= (options.maxConnectionRetries ?? 2); attempt += 1) {
    try {
      qb.openSession({ companyFile: file });
      return qb;
    } catch (e) {
      const err = e instanceof QbComError ? e : comError(HRESULT.UNEXPECTED);
      const answer = (await soap('connectionError', [['ticket', ticket], ['hresult', err.hresult], ['message', err.message]])) as string;
      if (answer.toLowerCase() === 'done') return undefined;
      file = answer;
    }
  }
  return undefined;
}

/** The sendRequestXML / ProcessRequest / receiveResponseXML loop. */
async function exchange(input: RunWebConnectorInput, qb: QbdCompany, ticket: string, soap: Soap, result: WebConnectorResult): Promise<void> {
  const options = input.options ?? {};
  const faults = options.faults ?? [];
  const die = faultOf(faults, 'dieAfterReceives');
  const lose = faultOf(faults, 'loseResponse');
  if (options.ownerId && options.fileId && qb.getCompanyDataExt(options.ownerId, 'FileID') === undefined) {
    qb.setCompanyDataExt(options.ownerId, 'FileID', options.fileId);
  }
  let hcp = hostCompanyPrefs(qb, options.ownerId);
  const [major, minor] = hostVersion(qb);
  let receives = 0;
  let noOps = 0;
  for (;;) {
    const request = (await soap('sendRequestXML', [
      ['ticket', ticket], ['strHCPResponse', hcp], ['strCompanyFileName', qb.info.filePath],
      ['qbXMLCountry', qb.info.country], ['qbXMLMajorVers', major], ['qbXMLMinorVers', minor],
    ])) as string;
    hcp = '';
    if (request === '') {
      const msg = (await soap('getLastError', [['ticket', ticket]])) as string;
      if (msg === LAST_ERROR_NOOP) {
        noOps += 1;
        if (noOps > (options.maxNoOps ?? 10)) throw new Stop('noOpLimit', msg);
        await new Promise((r) => setTimeout(r, options.noOpDelayMs ?? 5000));
        continue;
      }
      result.lastError = msg;
      result.status = msg === LAST_ERROR_INTERACTIVE ? 'interactiveNotSupported' : 'done';
      result.closeMessage = (await soap('closeConnection', [['ticket', ticket]])) as string;
      return;
    }
    let response = '';
    let hresult = '';
    let message = '';
    try {
      response = qb.processRequest(request);
    } catch (e) {
      if (!(e instanceof QbComError)) throw e;
      hresult = e.hresult;
      message = e.message;
    }
    result.requestsProcessed += 1;
    if (lose && lose.request === result.requestsProcessed) {
      throw new Stop('responseLost', 'receiveResponseXML was never posted', 'QBWC1042');
    }
    const pct = (await soap('receiveResponseXML', [['ticket', ticket], ['response', response], ['hresult', hresult], ['message', message]])) as number;
    receives += 1;
    if (die && receives >= die.receives) throw new Stop('died', `Web Connector stopped after ${receives} receiveResponseXML`);
    if (pct < 0) {
      result.status = 'error';
      result.lastError = (await soap('getLastError', [['ticket', ticket]])) as string;
      result.closeMessage = (await soap('closeConnection', [['ticket', ticket]])) as string;
      return;
    }
    if (pct >= 100) {
      result.status = 'done';
      result.closeMessage = (await soap('closeConnection', [['ticket', ticket]])) as string;
      return;
    }
  }
}
