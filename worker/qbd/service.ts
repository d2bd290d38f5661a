import type { Db } from '../db/client';
import { FAILURE_ANSWER, qbwcHandlers } from './methods';
import { buildSoapFault, buildSoapResponse, describeSoapError, parseSoapRequest } from './soap/envelope';

/**
 * One SOAP request in, one SOAP response out. Every parseable call is answered in-protocol (a
 * method's own error values, never a fault); only bodies with no call in them get a Client fault.
 */
export async function handleSoap({ ctx, body }: { ctx: { db: Db; now: Date }; body: string }): Promise<{ status: number; xml: string }> {
  const parsed = parseSoapRequest(body);
  if (!parsed.ok) return { status: 500, xml: buildSoapFault(describeSoapError(parsed.error)) };
  const { method, params } = parsed.value;
  try {
    return { status: 200, xml: buildSoapResponse(method, await qbwcHandlers[method](ctx, params)) };
  } catch (error) {
    console.error('QBWC method failed', method, error);
    return { status: 200, xml: buildSoapResponse(method, FAILURE_ANSWER[method]) };
  }
}
