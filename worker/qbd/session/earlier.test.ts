import { describe, expect, it } from 'vitest';
import { createQbdCompany } from '../../../test/sim/qbd/index';
import { buildJobRequests } from '../qbxml/build';
import { demoJobs, xmllint } from '../qbxml/fixtures.test-support';
import { qbxmlMessage, QBXML_TARGET } from '../qbxml/message';
import type { BuildRefs, QbRequest } from '../qbxml/types';
import { EarlierAdds } from './earlier';

const schemaDir = process.env.QBXML_SCHEMA_DIR;

/** The demo marina built as one message into an empty id map: every reference is to an earlier Add. */
function oneMessage() {
  const earlier = new EarlierAdds();
  const none: BuildRefs = { id: () => null, arAccountId: null, guid: () => '{3F2504E0-4F89-11D3-9A0C-0305E82C3301}' };
  const requests: QbRequest[] = [];
  const refused: string[] = [];
  for (const job of demoJobs()) {
    const uses: NonNullable<QbRequest['uses']> = [];
    const built = buildJobRequests(job, earlier.refsFor(none, 'A-1100', uses), 'write');
    if (!built.ok) {
      refused.push(`${job.sourceId}: ${built.error.reason}`);
      continue;
    }
    requests.push(...built.value.map((r) => ({ ...r, uses })));
    earlier.add(job);
  }
  return { requests, refused, xml: qbxmlMessage(requests.map((r) => r.xml), QBXML_TARGET) };
}

describe('references to Adds earlier in the same message', () => {
  const { requests, refused, xml } = oneMessage();

  it('name lists by FullName (sub-accounts as Parent:Child) and transactions by macro', () => {
    // Only records that point at something this fixture never sends (an A/R overpayment's customer
    // beyond the first six, the ice item's COGS account, …) are refused.
    expect(refused.every((r) => r.endsWith('missing_reference'))).toBe(true);
    expect(refused.length).toBeLessThan(5);
    expect(xml).toContain('<AccountRef><FullName>Slip Rental Income:Transient Dockage</FullName></AccountRef>');
    expect(xml).toMatch(/<InvoiceAdd defMacro="TxnID:\d+">/);
    expect(xml).toMatch(/<AppliedToTxnAdd><TxnID useMacro="TxnID:\d+"\/>/);
    expect(xml).toMatch(/<ARAccountRef><FullName>Accounts Receivable<\/FullName><\/ARAccountRef>/);
    const invoice = requests.find((r) => r.xml.startsWith('<InvoiceAddRq'))!;
    expect(invoice.uses!.map((u) => u.kind).sort()).toEqual(expect.arrayContaining(['customer', 'item']));
  });

  it('QuickBooks (the simulator) takes the whole message: every reference resolves', () => {
    const qb = createQbdCompany({ schemaDir: null });
    const rs = qb.processRequest(xml.replace('onError="continueOnError"', 'onError="continueOnError"'));
    const codes = [...rs.matchAll(/requestID="([^"]+)" statusCode="(\d+)"[^>]*statusMessage="([^"]*)"/g)].map((m) => `${m[2]} ${m[3]}`);
    expect(codes.filter((c) => c.startsWith('0 ')).length).toBeGreaterThan(requests.length * 0.9);
    // No unresolved name or macro (3140 other than the retired product, which the planner holds; 9100).
    expect(codes.filter((c) => (/^3140 /.test(c) && !/inactive/.test(c)) || /^9100 /.test(c))).toEqual([]);
  });

  if (schemaDir) {
    it('validates against the qbXML 13.0 XSD', () => {
      expect(xmllint(xml, schemaDir)).toEqual([]);
    });
  }
});
