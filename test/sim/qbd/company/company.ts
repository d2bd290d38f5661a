import { randomUUID } from 'node:crypto';
import type { CompanyInfo, RuleOptions } from './context.js';
import { FaultInjector } from './faults.js';
import { IdFactory } from './ids.js';
import { formatCents } from './money.js';
import { processMessage } from './processor.js';
import { seedCompany } from './seed.js';
import { comError, HRESULT } from './status.js';
import { CompanyStore, type DeletedTxn } from './store.js';
import type { ListKind, ListRecord, TxnKind, TxnRecord } from './types.js';
import type { XNode } from './xml.js';

const ALL_VERSIONS = ['1.0', '1.1', '2.0', '2.1', '3.0', '4.0', '4.1', '5.0', '6.0', '7.0', '8.0', '9.0', '10.0', '11.0', '12.0', '13.0'];

export interface QbdCompanyOptions {
  companyName?: string;
  /** Full path of the .QBW file; what BeginSession must be asked for. */
  filePath?: string;
  /** Highest qbXML version the simulated QuickBooks accepts (13.0 = QuickBooks 2014). */
  maxQbxmlVersion?: string;
  fileMode?: CompanyInfo['fileMode'];
  /** Clock for IDs and timestamps; defaults to the real clock. */
  now?: () => Date;
  /** Local offset QuickBooks writes in DATETIMETYPE values; default US Eastern (-300). */
  utcOffsetMinutes?: number;
  /** XSD directory; defaults to env QBXML_SCHEMA_DIR. Pass null to skip XSD validation. */
  schemaDir?: string | null;
  /** Seed the default accounts, tax codes and terms (default true). */
  seed?: boolean;
  rules?: Partial<RuleOptions>;
}

export interface UserEdit {
  memo?: string;
  name?: string;
  isActive?: boolean;
}

export interface QbdCompany {
  readonly info: CompanyInfo;
  readonly faults: FaultInjector;
  /** Every message handed to processRequest, in order (including failed ones). */
  readonly requestLog: string[];
  /**
   * QBXMLRP2 ProcessRequest: the response message, or throws QbComError with an HRESULT.
   * `internal` marks QBWC's own Host/Company/Preferences queries: they neither consume the
   * fault knobs nor appear in requestLog, so faults hit the requests a test cares about.
   */
  processRequest(qbxml: string, opts?: { internal?: boolean }): string;
  /** OpenConnection + BeginSession. `''` means "whatever file is open". Throws QbComError. */
  openSession(input: { companyFile: string; appName?: string }): void;
  closeSession(): void;
  readonly inSession: boolean;
  lists(kind: ListKind): ListRecord[];
  txns(kind: TxnKind): TxnRecord[];
  count(kind: ListKind | TxnKind): number;
  findTxnsByRefNumber(kind: TxnKind, refNumber: string): TxnRecord[];
  findList(kind: ListKind, fullName: string): ListRecord | undefined;
  deletedTxns(): DeletedTxn[];
  /** Balance as QB shows it, formatted: customer (by full name) or account (by name). */
  customerBalance(fullName: string): string;
  accountBalance(name: string): string;
  /** A user edits the record in the QuickBooks UI: TimeModified and EditSequence move on. */
  editAsUser(id: string, edit?: UserEdit): void;
  setCompanyDataExt(ownerId: string, name: string, value: string): void;
  getCompanyDataExt(ownerId: string, name: string): string | undefined;
}

function hostInfo(opts: QbdCompanyOptions): CompanyInfo {
  const max = opts.maxQbxmlVersion ?? '13.0';
  const major = Number(max.split('.')[0]);
  // qbXML N shipped with QuickBooks 2001+N (13.0 → 2014), whose internal major version is year-1990.
  const year = 2001 + Math.max(major, 1);
  return {
    companyName: opts.companyName ?? 'Sharper Marina LLC',
    filePath: opts.filePath ?? 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Sharper Marina.QBW',
    productName: `QuickBooks Pro ${year}`,
    majorVersion: String(year - 1990),
    minorVersion: '0',
    country: 'US',
    supportedVersions: ALL_VERSIONS.filter((v) => Number(v) <= Number(max)),
    fileMode: opts.fileMode ?? 'SingleUser',
  };
}

/** Creates an in-memory QuickBooks Desktop company file that answers qbXML. */
export function createQbdCompany(options: QbdCompanyOptions = {}): QbdCompany {
  const clock = { now: options.now ?? (() => new Date()) };
  const ids = new IdFactory(clock, options.utcOffsetMinutes ?? -300);
  const store = new CompanyStore(ids);
  if (options.seed !== false) seedCompany(store);
  const info = hostInfo(options);
  const faults = new FaultInjector();
  const iterators = new Map<string, { rets: XNode[]; name: string }>();
  const rules: RuleOptions = { lineAmountMismatch: 'error', ...options.rules };
  const schemaDir = options.schemaDir === null ? undefined : options.schemaDir ?? process.env.QBXML_SCHEMA_DIR;
  const requestLog: string[] = [];
  let inSession = false;

  const list = (id: string) => store.lists.get(id);
  return {
    info, faults, requestLog,
    get inSession() {
      return inSession;
    },
    processRequest(qbxml, opts = {}) {
      if (!opts.internal) requestLog.push(qbxml);
      const deps = { ctx: { info, store, rules, version: 13, iterators }, faults: opts.internal ? new FaultInjector() : faults, schemaDir: schemaDir || undefined };
      return processMessage(deps, qbxml);
    },
    openSession({ companyFile }) {
      const fault = faults.takeOpenFault();
      if (fault) throw fault;
      if (companyFile !== '' && companyFile.toLowerCase() !== info.filePath.toLowerCase()) {
        throw comError(HRESULT.CANNOT_OPEN_FILE, 'A QuickBooks company data file is already open and it is different from the one requested.');
      }
      inSession = true;
    },
    closeSession() {
      inSession = false;
      // Iterators live only inside one session (QB answers 3391 afterwards).
      iterators.clear();
    },
    lists: (kind) => store.listsOf([kind]),
    txns: (kind) => store.txnsOf(kind),
    count: (kind) => store.listsOf([kind as ListKind]).length + store.txnsOf(kind as TxnKind).length,
    findTxnsByRefNumber: (kind, ref) => store.txnsOf(kind).filter((t) => t.refNumber === ref),
    findList: (kind, fullName) => store.findByFullName([kind], fullName),
    deletedTxns: () => [...store.deleted],
    customerBalance(fullName) {
      const c = store.findByFullName(['Customer'], fullName);
      if (!c) throw new Error(`no customer ${fullName}`);
      return formatCents(store.customerBalance(c.listId));
    },
    accountBalance(name) {
      const a = store.findByFullName(['Account'], name);
      if (!a) throw new Error(`no account ${name}`);
      return formatCents(store.accountBalance(a.listId));
    },
    editAsUser(id, edit = {}) {
      const rec = list(id) ?? store.txns.get(id);
      if (!rec) throw new Error(`no record ${id}`);
      if ('listId' in rec) {
        if (edit.name !== undefined) {
          rec.name = edit.name;
          rec.fullName = edit.name;
        }
        if (edit.isActive !== undefined) rec.isActive = edit.isActive;
      } else if (edit.memo !== undefined) rec.memo = edit.memo;
      store.touch(rec);
    },
    setCompanyDataExt: (ownerId, name, value) => void store.companyDataExt.set(`${ownerId}|${name}`, value),
    getCompanyDataExt: (ownerId, name) => store.companyDataExt.get(`${ownerId}|${name}`),
  };
}

export function newGuid(): string {
  return `{${randomUUID().toUpperCase()}}`;
}
