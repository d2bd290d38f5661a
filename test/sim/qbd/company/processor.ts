import type { HandlerContext, HandlerResult } from './context.js';
import type { FaultInjector } from './faults.js';
import { HANDLERS } from './handlers.js';
import { checkAgainstSpec } from './spec.js';
import { REQUEST_SPECS } from './specs-requests.js';
import { comError, HRESULT, QbStatusError, STATUS_OK, statusErrors, type QbStatus } from './status.js';
import { buildXml, el, parseXml, XmlSyntaxError, type XNode } from './xml.js';
import { validateWithXsd } from './xsd.js';

export interface ProcessorDeps {
  ctx: HandlerContext;
  faults: FaultInjector;
  schemaDir?: string;
}

const ON_ERROR = new Set(['stopOnError', 'continueOnError', 'rollbackOnError']);
const RQ_ATTRS = new Set(['requestID', 'metaData', 'iterator', 'iteratorID']);

function parseError(detail: string): Error {
  // QuickBooks never says where the problem is; the detail goes in the JS error for test output only.
  const err = comError(HRESULT.PARSE_ERROR);
  err.cause = detail;
  return err;
}

/** Parses and checks the whole message set up front, as QB does before running any request. */
function parseMessage(deps: ProcessorDeps, xml: string): { msgs: XNode; version: number } {
  let doc;
  try {
    doc = parseXml(xml);
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw parseError(e.message);
    throw e;
  }
  const versionText = doc.pis.qbxml?.version;
  if (!versionText || !/^\d+\.\d+$/.test(versionText)) throw parseError('missing <?qbxml version?>');
  if (!deps.ctx.info.supportedVersions.includes(versionText)) throw comError(HRESULT.VERSION_NOT_SUPPORTED);
  if (deps.schemaDir) {
    const xsd = validateWithXsd(xml, deps.schemaDir);
    if (!xsd.ok) throw parseError(xsd.errors.join('\n'));
  }
  const root = doc.root;
  const msgs = root.name === 'QBXML' && root.children.length === 1 ? root.children[0] : undefined;
  if (!msgs || msgs.name !== 'QBXMLMsgsRq') throw parseError('root must be <QBXML><QBXMLMsgsRq>');
  if (!ON_ERROR.has(msgs.attrs.onError ?? '')) throw parseError('QBXMLMsgsRq@onError missing or invalid');
  const version = Number(versionText);
  for (const rq of msgs.children) {
    const body = REQUEST_SPECS[rq.name];
    if (!body) {
      if (!rq.name.endsWith('Rq')) throw parseError(`<${rq.name}> is not a request`);
      continue;
    }
    const badAttr = Object.keys(rq.attrs).find((a) => !RQ_ATTRS.has(a));
    if (badAttr) throw parseError(`attribute ${badAttr} not allowed on <${rq.name}>`);
    const check = checkAgainstSpec(rq, body, version);
    if (check.parseError) throw parseError(check.parseError);
  }
  return { msgs, version };
}

/** Replaces `<TxnID useMacro="TxnID:x"/>` with the ID an earlier `defMacro` in this set produced. */
function expandMacros(node: XNode, macros: Map<string, string>): void {
  const use = node.attrs.useMacro;
  if (use !== undefined) {
    const value = macros.get(use);
    if (value === undefined) throw new QbStatusError({ code: 9100, severity: 'Error', message: `The macro "${use}" has not been defined.` });
    node.text = value;
  }
  for (const c of node.children) expandMacros(c, macros);
}

function recordMacros(rq: XNode, res: HandlerResult, macros: Map<string, string>): void {
  const def = rq.children[0]?.attrs.defMacro;
  const ret = res.rets[0];
  if (!def || !ret) return;
  const id = ret.children.find((c) => c.name === (def.startsWith('TxnID') ? 'TxnID' : 'ListID'));
  if (id) macros.set(def, id.text);
}

function runOne(deps: ProcessorDeps, ctx: HandlerContext, rq: XNode, macros: Map<string, string>): HandlerResult {
  const injected = deps.faults.takeStatusFault();
  if (injected) return { rets: [], status: injected };
  const handler = HANDLERS[rq.name];
  if (!handler) throw statusErrors.notSupported();
  const id = rq.attrs.requestID;
  if (id !== undefined && id.length > 50) throw statusErrors.requestIdTooLong(id);
  const tooLong = checkAgainstSpec(rq, REQUEST_SPECS[rq.name], ctx.version).tooLong;
  if (tooLong) throw statusErrors.stringTooLong(tooLong.value, tooLong.field);
  expandMacros(rq, macros);
  const res = handler(ctx, rq);
  recordMacros(rq, res, macros);
  return res;
}

function rsNode(rq: XNode, status: QbStatus, res: HandlerResult | undefined, includeData: boolean): XNode {
  const attrs: Record<string, string> = {};
  if (rq.attrs.requestID !== undefined) attrs.requestID = rq.attrs.requestID;
  attrs.statusCode = String(status.code);
  attrs.statusSeverity = status.severity;
  attrs.statusMessage = status.message;
  if (res?.attrs?.iteratorID) {
    attrs.retCount = String(res.rets.length);
    Object.assign(attrs, res.attrs);
  }
  const rets = status.severity === 'Error' || !includeData ? [] : res?.rets ?? [];
  return el(rq.name.replace(/Rq$/, 'Rs'), rets, attrs);
}

/**
 * One ProcessRequest call: returns the response message, or throws QbComError (HRESULT) for
 * failures QuickBooks reports instead of a response (parse errors, injected faults).
 */
export function processMessage(deps: ProcessorDeps, xml: string): string {
  const fault = deps.faults.takeRequestFault();
  if (fault) throw fault;
  const { msgs, version } = parseMessage(deps, xml);
  const ctx: HandlerContext = { ...deps.ctx, version };
  const onError = msgs.attrs.onError;
  const includeData = msgs.attrs.responseData !== 'includeNone';
  const snapshot = onError === 'rollbackOnError' ? ctx.store.snapshot() : undefined;
  const macros = new Map<string, string>();
  const out: XNode[] = [];
  for (const rq of msgs.children) {
    let res: HandlerResult | undefined;
    let status: QbStatus;
    try {
      res = runOne(deps, ctx, rq, macros);
      status = res.status ?? STATUS_OK;
    } catch (e) {
      if (!(e instanceof QbStatusError)) throw e;
      status = e.status;
    }
    out.push(rsNode(rq, status, res, includeData));
    if (status.severity === 'Error' && onError !== 'continueOnError') {
      if (snapshot) ctx.store.restore(snapshot);
      break;
    }
  }
  const after = deps.faults.takeAfterCommitFault();
  if (after) throw after;
  return buildXml(el('QBXML', [el('QBXMLMsgsRs', out)]));
}
