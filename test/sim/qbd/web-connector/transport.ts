import { buildSoapRequest, readResult, soapAction, type SoapParams } from './soap.js';
import type { SoapMethod, TranscriptEntry } from './types.js';

/** QBWC's per-method error codes for a failed callback [PG App. A]. */
const FAILURE_CODE: Record<SoapMethod, string> = {
  serverVersion: 'QBWC1036',
  clientVersion: 'QBWC1036',
  authenticate: 'QBWC1012',
  sendRequestXML: 'QBWC1041',
  receiveResponseXML: 'QBWC1042',
  getLastError: 'QBWC1043',
  closeConnection: 'QBWC1044',
  connectionError: 'QBWC1045',
};

export class CallFailed extends Error {
  constructor(readonly code: string, message: string) {
    super(`${code}: ${message}`);
  }
}

const RESULT_KIND: Record<SoapMethod, 'string' | 'array' | 'int'> = {
  serverVersion: 'string', clientVersion: 'string', authenticate: 'array', sendRequestXML: 'string',
  receiveResponseXML: 'int', getLastError: 'string', connectionError: 'string', closeConnection: 'string',
};

/** One SOAP 1.1 POST to AppURL, recorded in the transcript whether it works or not. */
export async function call(
  appUrl: string,
  transcript: TranscriptEntry[],
  method: SoapMethod,
  params: SoapParams,
): Promise<string | string[] | number> {
  const entry: TranscriptEntry = {
    method, soapAction: soapAction(method), params: Object.fromEntries(params.map(([k, v]) => [k, String(v)])),
  };
  transcript.push(entry);
  try {
    const res = await fetch(appUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'text/xml; charset=utf-8',
        SOAPAction: entry.soapAction,
        'User-Agent': 'Mozilla/4.0 (compatible; MSIE 6.0; MS Web Services Client Protocol 4.0.30319.42000)',
      },
      body: buildSoapRequest(method, params),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`HTTP ${res.status} ${text.slice(0, 200)}`);
    entry.result = readResult(text, method, RESULT_KIND[method]);
    return entry.result;
  } catch (e) {
    entry.error = `${FAILURE_CODE[method]}: ${(e as Error).message}`;
    throw new CallFailed(FAILURE_CODE[method], (e as Error).message);
  }
}
