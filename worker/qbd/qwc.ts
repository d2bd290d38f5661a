import { escapeXml } from './xml';

/** Sharper Sync's OwnerID: one GUID for the product (it namespaces QBWC's FileID DataExt). */
export const SHARPER_OWNER_ID = '{5E4F7D2A-8C31-4B6E-9A0D-3F1C2B7E6D45}';
export const QWC_APP_NAME = 'Sharper Sync';

export interface QwcOptions {
  /** Origin of the Worker, e.g. https://sync.example.com (QBWC needs https except on localhost). */
  origin: string;
  companyName: string;
  userName: string;
  fileId: string;
  /** Run every N minutes (QBWC's scheduler); omitted → manual runs only. */
  everyMinutes?: number;
}

/** A company's .qwc: AppName is per company so one PC can sync several Sharper companies. */
export function buildQwc(o: QwcOptions): string {
  const tag = (n: string, v: string) => `  <${n}>${escapeXml(v)}</${n}>\n`;
  return (
    '<?xml version="1.0"?>\n<QBWCXML>\n' +
    tag('AppName', `${QWC_APP_NAME} - ${o.companyName}`.slice(0, 100)) +
    tag('AppID', '') +
    tag('AppURL', `${o.origin}/qbwc`) +
    tag('AppDescription', 'Sends Sharper invoices, payments and customers to QuickBooks') +
    tag('AppSupport', `${o.origin}/qbwc/support`) +
    tag('UserName', o.userName) +
    tag('OwnerID', SHARPER_OWNER_ID) +
    tag('FileID', o.fileId) +
    tag('QBType', 'QBFS') +
    tag('Style', 'Document') +
    (o.everyMinutes ? `  <Scheduler>\n    <RunEveryNMinutes>${o.everyMinutes}</RunEveryNMinutes>\n  </Scheduler>\n` : '') +
    tag('IsReadOnly', 'false') +
    '</QBWCXML>\n'
  );
}

/** A random GUID in the braced form every Intuit example uses. */
export const newFileId = () => `{${crypto.randomUUID().toUpperCase()}}`;
