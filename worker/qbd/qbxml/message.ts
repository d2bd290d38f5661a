/** qbXML versions this service can speak: 13.0 is what it writes; older hosts down to 10.0 get their own version. */
export const QBXML_TARGET = { major: 13, minor: 0 } as const;
export const QBXML_MINIMUM = { major: 10, minor: 0 } as const;

export interface QbxmlVersion {
  major: number;
  minor: number;
}

const below = (a: QbxmlVersion, b: QbxmlVersion) => a.major < b.major || (a.major === b.major && a.minor < b.minor);

/**
 * The version to write for a host that supports up to `host`: never newer than the host, never
 * newer than 13.0, and null when the host is older than anything the builders are valid for
 * (SetCredit, used for credit memos, came in 10.0).
 */
export function negotiateVersion(host: QbxmlVersion): QbxmlVersion | null {
  if (below(host, QBXML_MINIMUM)) return null;
  return below(host, QBXML_TARGET) ? host : QBXML_TARGET;
}

export const versionText = (v: QbxmlVersion) => `${v.major}.${v.minor}`;

/** One message set; `continueOnError` so one bad record never stops the others. */
export function qbxmlMessage(requests: string[], version: QbxmlVersion): string {
  return `<?xml version="1.0" encoding="utf-8"?><?qbxml version="${versionText(version)}"?><QBXML><QBXMLMsgsRq onError="continueOnError">${requests.join('')}</QBXMLMsgsRq></QBXML>`;
}
