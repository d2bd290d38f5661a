import { describe, expect, it } from 'vitest';
import { prettyPayload } from './pretty';

describe('prettyPayload', () => {
  it('indents qbXML and keeps leaf elements on one line', () => {
    const out = prettyPayload('<QBXML><QBXMLMsgsRq onError="continueOnError"><CustomerAddRq requestID="j-1"><CustomerAdd><Name>Reef, Omar</Name></CustomerAdd></CustomerAddRq></QBXMLMsgsRq></QBXML>');
    expect(out.split('\n')).toEqual([
      '<QBXML>',
      '  <QBXMLMsgsRq onError="continueOnError">',
      '    <CustomerAddRq requestID="j-1">',
      '      <CustomerAdd>',
      '        <Name>Reef, Omar</Name>',
      '      </CustomerAdd>',
      '    </CustomerAddRq>',
      '  </QBXMLMsgsRq>',
      '</QBXML>',
    ]);
  });

  it('blanks secrets in JSON and XML', () => {
    expect(prettyPayload('{"refresh_token":"abc","Invoice":{"TotalAmt":12.5}}')).toBe('{\n  "refresh_token": "••••",\n  "Invoice": {\n    "TotalAmt": 12.5\n  }\n}');
    expect(prettyPayload('<authenticate><strUserName>m</strUserName><strPassword>hunter2</strPassword></authenticate>')).not.toContain('hunter2');
  });

  it('shows a cut-off excerpt as it is', () => {
    expect(prettyPayload('{"Invoice": {"Line": [')).toBe('{"Invoice": {"Line": [');
  });
});
