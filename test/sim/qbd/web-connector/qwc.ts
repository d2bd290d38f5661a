import { z } from 'zod';
import { parseXml } from '../company/xml.js';

/** A .qwc file as QBWC reads it. Element order is not significant [PG p.38]. */
export interface QwcFile {
  appName: string;
  appId: string;
  appUrl: string;
  appDescription: string;
  appSupport: string;
  userName: string;
  ownerId: string;
  fileId: string;
  qbType: 'QBFS' | 'QBPOS';
  style?: 'Document' | 'DocWrapped' | 'RPC';
  authFlags?: string;
  isReadOnly?: boolean;
  runEveryNMinutes?: number;
  runEveryNSeconds?: number;
  appDisplayName?: string;
  appUniqueName?: string;
}

/** A .qwc problem, with the QBWC error code the real Web Connector would show. */
export class QwcError extends Error {
  constructor(readonly code: string, message: string) {
    super(`${code}: ${message}`);
  }
}

const GUID = /^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}$/;

const schema = z.object({
  AppName: z.string().min(1),
  AppID: z.string(),
  AppURL: z.string().url(),
  AppDescription: z.string(),
  AppSupport: z.string().url(),
  UserName: z.string().min(1),
  OwnerID: z.string().regex(GUID),
  FileID: z.string().regex(GUID),
  QBType: z.enum(['QBFS', 'QBPOS']),
  Style: z.enum(['Document', 'DocWrapped', 'RPC']).optional(),
  AuthFlags: z.string().optional(),
  IsReadOnly: z.enum(['true', 'false']).optional(),
  AppDisplayName: z.string().optional(),
  AppUniqueName: z.string().optional(),
});

function isLocal(url: URL): boolean {
  return url.hostname === 'localhost';
}

/** Parses and checks a .qwc the way QBWC does when a user adds it. */
export function parseQwc(xml: string): QwcFile {
  const { root } = parseXml(xml);
  if (root.name !== 'QBWCXML') throw new QwcError('QBWC1039', 'root element must be <QBWCXML>');
  const raw: Record<string, string> = {};
  for (const c of root.children) raw[c.name] = c.text;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new QwcError('QBWC1039', `missing or invalid: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  }
  const q = parsed.data;
  const appUrl = new URL(q.AppURL);
  const support = new URL(q.AppSupport);
  if (appUrl.protocol !== 'https:' && !isLocal(appUrl)) throw new QwcError('QBWC1051', 'AppURL is not on a secure (https) server');
  if (/^\d+\.\d+\.\d+\.\d+$/.test(appUrl.hostname)) throw new QwcError('QBWC1001', 'AppURL must use a DNS name, not an IP address');
  if (appUrl.hostname !== support.hostname) throw new QwcError('QBWC1000', 'AppURL and AppSupport must share the domain');
  const scheduler = root.children.find((c) => c.name === 'Scheduler');
  const first = scheduler?.children[0];
  return {
    appName: q.AppName, appId: q.AppID, appUrl: q.AppURL, appDescription: q.AppDescription, appSupport: q.AppSupport,
    userName: q.UserName, ownerId: q.OwnerID, fileId: q.FileID, qbType: q.QBType, style: q.Style, authFlags: q.AuthFlags,
    isReadOnly: q.IsReadOnly === undefined ? undefined : q.IsReadOnly === 'true',
    // When both are given the first one wins [PG p.38].
    runEveryNMinutes: first?.name === 'RunEveryNMinutes' ? Number(first.text) : undefined,
    runEveryNSeconds: first?.name === 'RunEveryNSeconds' ? Number(first.text) : undefined,
    appDisplayName: q.AppDisplayName, appUniqueName: q.AppUniqueName,
  };
}
