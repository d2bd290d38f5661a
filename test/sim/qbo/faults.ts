/**
 * QBO fault shapes. Service code throws QboFault; the HTTP layer (and batch, per item) turns it
 * into the wire body once.
 */

export type FaultType = 'ValidationFault' | 'SystemFault' | 'AuthenticationFault' | 'AuthorizationFault';

export interface FaultError {
  Message: string;
  Detail: string;
  code: string;
  element?: string;
}

export class QboFault extends Error {
  readonly status: number;
  readonly type: FaultType;
  readonly errors: FaultError[];

  constructor(input: { status?: number; type?: FaultType; code: string; message: string; detail: string; element?: string }) {
    super(`${input.code} ${input.message}: ${input.detail}`);
    this.status = input.status ?? 400;
    this.type = input.type ?? 'ValidationFault';
    this.errors = [{ Message: input.message, Detail: input.detail, code: input.code, element: input.element ?? '' }];
  }

  /** The `Fault` object, as used both in a top-level body and inside a BatchItemResponse. */
  toFault(): { Error: FaultError[]; type: FaultType } {
    return { Error: this.errors, type: this.type };
  }
}

/** Top-level fault body: {"Fault":{...},"time":"..."}. */
export function faultBody(fault: QboFault, time: string): unknown {
  return { Fault: fault.toFault(), time };
}

/**
 * Gateway errors (auth, throttling) use the lowercase envelope, not the service's `Fault`;
 * clients must parse both, so the simulator keeps them apart.
 */
export function gatewayFaultBody(input: { code: string; status: number; name: string; detail: string; type: string; time: string }): unknown {
  const code = input.code.padStart(6, '0');
  return {
    warnings: null,
    intuitObject: null,
    fault: {
      error: [
        {
          message: `message=${input.name}; errorCode=${code}; statusCode=${input.status}`,
          detail: input.detail,
          code: input.code,
          element: null,
        },
      ],
      type: input.type,
    },
    report: null,
    queryResponse: null,
    batchItemResponse: [],
    attachableResponse: [],
    syncErrorResponse: null,
    requestId: null,
    time: input.time,
    status: null,
    cdcresponse: [],
  };
}

export function authFailedBody(detail: string, time: string): unknown {
  return gatewayFaultBody({ code: '3200', status: 401, name: 'AuthenticationFailed', detail, type: 'AUTHENTICATION', time });
}

export function throttleBody(time: string): unknown {
  return gatewayFaultBody({
    code: '3001',
    status: 429,
    name: 'ThrottleExceeded',
    detail: 'The request limit was reached.',
    type: 'SERVICE',
    time,
  });
}

/** Some throttles come back as XML even for JSON requests (python-quickbooks#43). */
export function throttleXml(time: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="${time}"><Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message><Detail>The request limit was reached.</Detail></Error></Fault></IntuitResponse>`;
}

const INACTIVE_DETAIL =
  "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.";

export const faults = {
  objectNotFound: (detail = INACTIVE_DETAIL) => new QboFault({ code: '610', message: 'Object Not Found', detail }),
  deletedTxn: () =>
    new QboFault({ code: '610', message: 'Object Not Found', detail: 'Object Not Found : Another user has deleted this transaction.' }),
  invalidReference: (what: string, id: string) =>
    new QboFault({
      code: '2500',
      message: 'Invalid Reference Id',
      detail: `Invalid Reference Id : ${what} element id ${id} not found`,
      element: what,
    }),
  required: (field: string) =>
    new QboFault({
      code: '2020',
      message: 'Required param missing, need to supply the required value for the API',
      detail: `Required parameter ${field} is missing in the request`,
      element: field,
    }),
  invalidProperty: (detail: string) =>
    new QboFault({ code: '2010', message: 'Request has invalid or unsupported property', detail }),
  invalidEnum: (field: string, value: unknown) =>
    new QboFault({ code: '2170', message: 'Invalid Enumeration', detail: `Invalid Enumeration : ${String(value)} for ${field}`, element: field }),
  stale: () =>
    new QboFault({
      code: '5010',
      message: 'Stale Object Error',
      detail:
        'Stale Object Error : You and sim-user were working on this at the same time. sim-user finished before you did, so your work was not saved.',
    }),
  unsupported: (detail: string) => new QboFault({ code: '500', message: 'Unsupported Operation', detail }),
  business: (detail: string) =>
    new QboFault({
      code: '6000',
      message: 'A business validation error has occurred while processing your request',
      detail: `Business Validation Error: ${detail}`,
    }),
  amountCalc: (detail: string) =>
    new QboFault({ code: '6070', message: 'Amount calculation incorrect in the request', detail }),
  duplicateDocNumber: (doc: string, txnType: string, txnId: string) =>
    new QboFault({
      code: '6140',
      message: 'Duplicate Document Number Error',
      detail: `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${doc} is assigned to TxnType=${txnType} with TxnId=${txnId}`,
    }),
  closedPeriod: () =>
    new QboFault({
      code: '6210',
      message: 'Account Period Closed, Cannot Update Through Services API',
      detail:
        'The account period has closed and the account books cannot be updated through through the QBO Services API. Please use the QBO website to make these changes.',
    }),
  duplicateName: (name: string, who = 'customer, vendor or employee') =>
    new QboFault({
      code: '6240',
      message: 'Duplicate Name Exists Error',
      detail: `The name supplied already exists. : Another ${who} is already using this name (${name}). Please use a different name.`,
    }),
  /** With `max`, the detail reads as QBO's does (Chargebee's QBO 2050 article: "Min:0 Max:21 supported"). */
  stringLength: (field: string, max?: number) =>
    new QboFault({
      code: '2050',
      message: 'String length is either shorter or longer than supported by specification',
      detail:
        max === undefined
          ? `String length specified does not match the supported length for ${field}`
          : `String length specified does not match the supported length. Min:0 Max:${max} supported.`,
      element: field,
    }),
  cannotLink: (detail: string) => new QboFault({ code: '620', message: 'Transaction Update Error', detail }),
  queryParse: (detail: string) => new QboFault({ code: '4000', message: 'Error parsing query', detail: `QueryParserError: ${detail}` }),
  queryValidation: (detail: string) => new QboFault({ code: '4001', message: 'Invalid query', detail: `QueryValidationError: ${detail}` }),
  system: (detail: string) =>
    new QboFault({ status: 500, type: 'SystemFault', code: '10000', message: 'An application error has occurred while processing your request', detail }),
};
