/** One error inside a QBO Fault, whichever envelope it came in. */
export interface QboError {
  code: string;
  message: string;
  detail: string;
  element?: string;
}

export interface QboFault {
  type: string;
  errors: QboError[];
}

/**
 * Reads a fault from QBO's `Fault` (entity API), lowercase `fault` (gateway) or XML (some
 * throttles, python-quickbooks#43) bodies. Returns null when the body is not a fault.
 */
export function parseFault(body: string, json: unknown): QboFault | null {
  const j = json as Record<string, any> | null;
  const env = j?.Fault ?? j?.fault;
  if (env) {
    const list: any[] = env.Error ?? env.error ?? [];
    return {
      type: String(env.type ?? ''),
      errors: list.map((e) => ({
        code: String(e.code ?? ''),
        message: String(e.Message ?? e.message ?? ''),
        detail: String(e.Detail ?? e.detail ?? ''),
        element: e.element ? String(e.element) : undefined,
      })),
    };
  }
  if (/^\s*</.test(body) && /<Fault/i.test(body)) {
    const code = /<Error[^>]*code="([^"]+)"/i.exec(body)?.[1] ?? '';
    const message = /<Message>([^<]*)<\/Message>/i.exec(body)?.[1] ?? '';
    const detail = /<Detail>([^<]*)<\/Detail>/i.exec(body)?.[1] ?? '';
    const type = /<Fault[^>]*type="([^"]+)"/i.exec(body)?.[1] ?? '';
    return { type, errors: [{ code, message, detail }] };
  }
  return null;
}

export const firstError = (f: QboFault | null | undefined): QboError => f?.errors[0] ?? { code: '', message: 'Unknown QuickBooks error', detail: '' };
