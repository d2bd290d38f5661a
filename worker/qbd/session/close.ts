import type { Db } from '../../db/client';
import { findQbdConnection, recordQbdSessionResult } from '../../db/qbd-connections';
import { qbdReconAnsweredIn } from '../../db/qbd-recon-requests';
import { closeQbdSession, findQbdSession } from '../../db/qbd-sessions';
import { readInflight, settleInDoubt } from './inflight';
import { loadOpenSession, UNKNOWN_TICKET } from './load';

type Ctx = { db: Db; now: Date };

/** getLastError: the message QBWC shows (and logs) for this session. */
export async function lastError({ ctx, ticket }: { ctx: Ctx; ticket: string }): Promise<string> {
  const session = /^[0-9a-f-]{36}$/.test(ticket) ? await findQbdSession(ctx.db, ticket) : undefined;
  if (!session) return UNKNOWN_TICKET;
  return session.lastError ?? 'No error.';
}

/** closeConnection: ends the session; anything still in flight becomes in doubt. Returns the status text. */
export async function closeSession({ ctx, ticket }: { ctx: Ctx; ticket: string }): Promise<string> {
  const found = /^[0-9a-f-]{36}$/.test(ticket) ? await findQbdSession(ctx.db, ticket) : undefined;
  if (!found) return 'OK';
  let lost = 0;
  if (found.state === 'open') {
    const closed = await closeQbdSession(ctx.db, { ticket, now: ctx.now.toISOString() });
    if (closed) {
      lost = await settleInDoubt(ctx, closed.companyId, readInflight(closed.inflight), 'The Web Connector closed the session before this was answered; Sharper checks QuickBooks for it before sending it again.');
    }
  }
  const reports = (await qbdReconAnsweredIn(ctx.db, found.companyId, ticket)).map((r) =>
    r.state === 'fetched' ? ` Reconciliation figures as of ${r.asOf} fetched (${r.readRequests} read requests).` : ` Reconciliation figures as of ${r.asOf} not fetched: ${r.error}`,
  );
  const summary =
    found.lastError && found.workDone === 0 && found.state === 'closed'
      ? found.lastError
      : `Sharper Sync: ${found.workDone} record(s) handled this run${lost ? `, ${lost} to check next run` : ''}.${reports.join('')} See the sync log for anything that needs attention.`;
  await recordQbdSessionResult(ctx.db, found.companyId, summary, ctx.now.toISOString());
  return summary;
}

/** connectionError: QuickBooks could not open the company file; stop ("done") and say what to do. */
export async function connectionFailed({ ctx, ticket, hresult, message }: { ctx: Ctx; ticket: string; hresult: string; message: string }): Promise<string> {
  const open = await loadOpenSession(ctx, ticket);
  if (!open) return 'done';
  const conn = await findQbdConnection(ctx.db, open.companyId);
  const which = conn?.boundFilePath ? ` Open "${conn.boundFilePath}" in QuickBooks (the file this Sharper company syncs with) and run the update again.` : ' Open the company file in QuickBooks and run the update again.';
  const text = `QuickBooks could not open the company file (${hresult}: ${message}).${which} Nothing was sent.`;
  const session = await closeQbdSession(ctx.db, { ticket, lastError: text, now: ctx.now.toISOString() });
  if (session) await settleInDoubt(ctx, session.companyId, readInflight(session.inflight), text);
  await recordQbdSessionResult(ctx.db, open.companyId, text, ctx.now.toISOString());
  return 'done';
}
