/**
 * qbXML status codes and HRESULTs. Message wording follows Intuit's status-code appendix
 * templates ("The name "X" of the list element is already in use." …); the README lists
 * which texts are confirmed and which are best guesses.
 */
export type StatusSeverity = 'Info' | 'Warn' | 'Error';

export interface QbStatus {
  code: number;
  severity: StatusSeverity;
  message: string;
}

export const STATUS_OK: QbStatus = { code: 0, severity: 'Info', message: 'Status OK' };

export const STATUS_NO_MATCH: QbStatus = {
  code: 1,
  severity: 'Info',
  message: 'A query request did not find a matching object in QuickBooks',
};

/** A request-level failure: becomes the `*Rs` status, never an exception out of processRequest. */
export class QbStatusError extends Error {
  constructor(readonly status: QbStatus) {
    super(status.message);
  }
}

function fail(code: number, message: string): QbStatusError {
  return new QbStatusError({ code, severity: 'Error', message });
}

export const statusErrors = {
  invalidObjectId: (value: string, field: string) =>
    fail(3000, `The given object ID "${value}" in the field "${field}" is invalid.`),
  invalidBoolean: (value: string, field: string) =>
    fail(3010, `There was an error when converting the boolean value "${value}" in the field "${field}".`),
  invalidDate: (value: string, field: string) =>
    fail(3020, `There was an error when converting the date value "${value}" in the field "${field}".`),
  invalidAmount: (value: string, field: string) =>
    fail(3040, `There was an error when converting the amount "${value}" in the field "${field}".`),
  stringTooLong: (value: string, field: string) =>
    fail(3070, `The string "${value}" in the field "${field}" is too long.`),
  nameInUse: (name: string) => fail(3100, `The name "${name}" of the list element is already in use.`),
  notFound: (id: string) => fail(3120, `Object "${id}" specified in the request cannot be found.`),
  invalidReference: (objectType: string, value: string, inObject: string, why = 'Invalid argument.  The specified record does not exist in the list.') =>
    fail(3140, `There is an invalid reference to QuickBooks ${objectType} "${value}" in the ${inObject}.  QuickBooks error message: ${why}`),
  missingElement: (field: string) => fail(3150, `There is a missing element: "${field}".`),
  inUse: (what: string) =>
    fail(3170, `There was an error when modifying a ${what}.  QuickBooks error message: This list has been modified by another user.`),
  saveError: (objectType: string, why: string) =>
    fail(3180, `There was an error when saving a ${objectType}.  QuickBooks error message: ${why}`),
  editSequence: (value: string) => fail(3200, `The provided edit sequence "${value}" is out-of-date.`),
  invalidValue: (field: string, value: string, why: string) =>
    fail(3210, `The "${field}" field has an invalid value "${value}".  QuickBooks error message: ${why}`),
  cannotDelete: (what: string) =>
    fail(3170, `There was an error when deleting a ${what}.  QuickBooks error message: This object cannot be deleted because it is being used.`),
  missingPostingAccount: () =>
    fail(3270, 'A posting account is missing: this item needs an income account (AccountRef / IncomeAccountRef).'),
  iteratorInvalid: (id: string) => fail(3391, `The iteratorID "${id}" is not valid.`),
  notSupported: () => fail(1030, 'This request is not supported by this implementation.'),
  requestIdTooLong: (id: string) =>
    fail(1060, `The request ID "${id}" is invalid, possibly too long (max 50 chars).`),
};

/** An HRESULT thrown by ProcessRequest / OpenConnection / BeginSession instead of a response. */
export class QbComError extends Error {
  constructor(
    readonly hresult: string,
    message: string,
  ) {
    super(message);
    this.name = 'QbComError';
  }
}

export const HRESULT = {
  PARSE_ERROR: '0x80040400',
  CANNOT_ACCESS: '0x80040401',
  UNEXPECTED: '0x80040402',
  CANNOT_OPEN_FILE: '0x80040403',
  COULD_NOT_START: '0x80040408',
  BAD_TICKET: '0x8004040D',
  FILE_IN_USE_OTHER_MODE: '0x80040410',
  VERSION_NOT_SUPPORTED: '0x80040417',
  ACCESS_DENIED: '0x80040420',
} as const;

export const HRESULT_MESSAGES: Record<string, string> = {
  [HRESULT.PARSE_ERROR]: 'QuickBooks found an error when parsing the provided XML text stream.',
  [HRESULT.CANNOT_ACCESS]: 'Could not access QuickBooks.',
  [HRESULT.UNEXPECTED]: 'Unexpected error. Check the qbsdklog.txt file for possible, additional information.',
  [HRESULT.CANNOT_OPEN_FILE]: 'Could not open the specified QuickBooks company data file.',
  [HRESULT.COULD_NOT_START]: 'Could not start QuickBooks.',
  [HRESULT.BAD_TICKET]: 'The ticket parameter is invalid',
  [HRESULT.FILE_IN_USE_OTHER_MODE]:
    'The QuickBooks company data file is currently open in a mode other than the one specified by your application.',
  [HRESULT.VERSION_NOT_SUPPORTED]: 'The version of QBXML that was requested is not supported or is unknown.',
  [HRESULT.ACCESS_DENIED]: 'The QuickBooks user has denied access.',
};

export function comError(hresult: string, message?: string): QbComError {
  return new QbComError(hresult, message ?? HRESULT_MESSAGES[hresult] ?? 'Unexpected error.');
}
