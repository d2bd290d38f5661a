import type { Db } from '../db/client';
import { authenticate } from './session/authenticate';
import { closeSession, connectionFailed, lastError } from './session/close';
import { receiveResponses } from './session/receive';
import { sendRequests } from './session/send';
import type { QbwcMethod, SoapResult } from './soap/envelope';

type Ctx = { db: Db; now: Date };
type Params = Record<string, string>;

/** Shown in QBWC's "More information"; not parsed by QBWC. */
export const SERVER_VERSION = 'Sharper Sync QuickBooks Desktop connector 1.0';

const int = (v: string | undefined) => (/^-?\d+$/.test((v ?? '').trim()) ? Number(v) : 0);

/**
 * One small function per QBWC callback, each delegating to the session module. Argument names
 * are the WSDL's; a missing element reads as "".
 */
export const qbwcHandlers: Record<QbwcMethod, (ctx: Ctx, p: Params) => Promise<SoapResult>> = {
  serverVersion: async () => SERVER_VERSION,
  // Any QBWC 2.x is fine; "" lets it continue without a dialog.
  clientVersion: async () => '',
  authenticate: async (ctx, p) => {
    const a = await authenticate({ ctx, username: p.strUserName ?? '', password: p.strPassword ?? '' });
    return [a.ticket, a.answer];
  },
  sendRequestXML: (ctx, p) =>
    sendRequests({
      ctx,
      input: { ticket: p.ticket ?? '', hcp: p.strHCPResponse ?? '', companyFile: p.strCompanyFileName ?? '', country: p.qbXMLCountry ?? '', major: int(p.qbXMLMajorVers), minor: int(p.qbXMLMinorVers) },
    }),
  receiveResponseXML: (ctx, p) => receiveResponses({ ctx, input: { ticket: p.ticket ?? '', response: p.response ?? '', hresult: p.hresult ?? '', message: p.message ?? '' } }),
  getLastError: (ctx, p) => lastError({ ctx, ticket: p.ticket ?? '' }),
  connectionError: (ctx, p) => connectionFailed({ ctx, ticket: p.ticket ?? '', hresult: p.hresult ?? '', message: p.message ?? '' }),
  closeConnection: (ctx, p) => closeSession({ ctx, ticket: p.ticket ?? '' }),
};

/** The answer a method gives when it fails unexpectedly: still in-protocol, never a crash. */
export const FAILURE_ANSWER: Record<QbwcMethod, SoapResult> = {
  serverVersion: SERVER_VERSION,
  clientVersion: '',
  authenticate: ['', 'nvu'],
  sendRequestXML: '',
  receiveResponseXML: -1,
  getLastError: 'Sharper Sync hit an unexpected error; it has been logged. Run the update again later.',
  connectionError: 'done',
  closeConnection: 'Sharper Sync hit an unexpected error; it has been logged.',
};
