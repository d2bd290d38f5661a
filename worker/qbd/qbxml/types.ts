import type { JobAction, RecordKind } from '../../db/schema/enums';

/**
 * Why a request was sent: the response handler branches on it. `replace` deletes a transaction
 * qbXML cannot modify (refunds) so that the changed version can be added in its place.
 */
export const requestPurposes = ['write', 'lookup', 'reread', 'adopt', 'apply', 'replace'] as const;
export type RequestPurpose = (typeof requestPurposes)[number];

/** One qbXML request (`XxxRq` element) for one job. */
export interface QbRequest {
  /** `<jobId>.<purpose letter>`: finds the job and the reason again when the answer comes back. */
  requestId: string;
  jobId: number;
  purpose: RequestPurpose;
  xml: string;
  /** Records this request refers to by name or macro because an earlier request adds them. */
  uses?: { jobId: number; kind: RecordKind; id: string; name: string }[];
}

/** What a builder needs to know about the job it turns into qbXML. */
export interface BuildJob {
  id: number;
  kind: RecordKind;
  sourceId: string;
  action: JobAction;
  data: unknown;
  existing: { qbId: string; qbLock: string | null } | null;
}

/**
 * A record added by an earlier request of the same message, before QuickBooks has given it an id:
 * list elements are referred to by FullName (`Parent:Child` for sub-accounts), transactions by the
 * TxnID macro their Add defines.
 */
export interface EarlierAdd {
  jobId: number;
  fullName?: string;
  macro?: string;
}

/** Where referenced Sharper records (and the company's mapped settings) live in QuickBooks. */
export interface BuildRefs {
  /** ListID/TxnID of a Sharper record already in QuickBooks, or null. */
  id(kind: RecordKind, sourceId: string): string | null;
  /** The company's A/R account in QuickBooks, when its setting is mapped. */
  arAccountId: string | null;
  /** Deterministic ExternalGUID for a record of this company (set once, at Add). */
  guid(kind: RecordKind, sourceId: string): string;
  /** A record without an id yet that an earlier request of this message adds (see `EarlierAdd`). */
  earlier?(kind: RecordKind, sourceId: string): EarlierAdd | null;
  /** The version of a record QuickBooks holds, when Sharper has changed it since (payment Mods). */
  previous?(kind: RecordKind, sourceId: string): unknown;
  /** The company's A/R account by FullName, when it is added earlier in this message. */
  arAccountName?: string | null;
}

export type BuildError =
  | { reason: 'too_long'; field: string; limit: number; value: string }
  | { reason: 'missing_reference'; kind: RecordKind; id: string; field: string }
  | { reason: 'missing_setting'; setting: string; message: string }
  | { reason: 'unsupported_change'; message: string };

export const PURPOSE_LETTER: Record<RequestPurpose, string> = { write: 'w', lookup: 'l', reread: 'r', adopt: 'a', apply: 'p', replace: 'x' };
const LETTER_PURPOSE = Object.fromEntries(Object.entries(PURPOSE_LETTER).map(([k, v]) => [v, k])) as Record<string, RequestPurpose>;

export const requestIdOf = (jobId: number, purpose: RequestPurpose) => `${jobId}.${PURPOSE_LETTER[purpose]}`;

/** Reads a requestID back; anything this service did not issue gives null. */
export function parseRequestId(requestId: string): { jobId: number; purpose: RequestPurpose } | null {
  const m = /^(\d{1,15})\.([a-z])$/.exec(requestId);
  if (!m || !LETTER_PURPOSE[m[2]]) return null;
  return { jobId: Number(m[1]), purpose: LETTER_PURPOSE[m[2]] };
}
