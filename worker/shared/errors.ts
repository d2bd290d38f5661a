/** Machine-readable error codes every transport maps once (HTTP in app.onError, jobs in the runner). */
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'CLOSED_PERIOD'
  | 'VALIDATION_FAILED'
  | 'INTEGRITY_VIOLATION'
  | 'FRACTIONAL_CENT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_OPERATION'
  | 'INTERNAL';

export const httpStatusOf: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  CLOSED_PERIOD: 409,
  VALIDATION_FAILED: 422,
  INTEGRITY_VIOLATION: 422,
  FRACTIONAL_CENT: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_OPERATION: 422,
  INTERNAL: 500,
};

export interface RecordRef {
  kind: string;
  id: string;
}

export interface ServiceErrorOptions {
  field?: string;
  record?: RecordRef;
  details?: unknown;
  cause?: unknown;
}

/** Thrown by service verbs; carries what a client needs to fix its request. */
export class ServiceError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly record?: RecordRef;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, options: ServiceErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'ServiceError';
    this.code = code;
    this.field = options.field;
    this.record = options.record;
    this.details = options.details;
  }

  toJSON() {
    return {
      code: this.code,
      message: this.message,
      ...(this.field !== undefined && { field: this.field }),
      ...(this.record !== undefined && { record: this.record }),
      ...(this.details !== undefined && { details: this.details }),
    };
  }
}

export function notFound(what: string, options?: ServiceErrorOptions): ServiceError {
  return new ServiceError('NOT_FOUND', `${what} not found`, options);
}
