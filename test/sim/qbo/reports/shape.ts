import { centsToString } from '../money';
import type { Rec } from '../types';

/** Report amounts are strings; an empty cell is "". */
export function moneyCell(cents: number, blankZero = true): { value: string } {
  return { value: blankZero && cents === 0 ? '' : centsToString(cents) };
}

export function column(title: string, type: string, key: string): Rec {
  return { ColTitle: title, ColType: type, MetaData: [{ Name: 'ColKey', Value: key }] };
}

export function reportHeader(input: {
  name: string;
  time: string;
  start: string;
  end: string;
  noData: boolean;
  options?: { Name: string; Value: string }[];
}): Rec {
  return {
    Time: input.time,
    ReportName: input.name,
    ReportBasis: 'Accrual',
    StartPeriod: input.start,
    EndPeriod: input.end,
    SummarizeColumnsBy: 'Total',
    Currency: 'USD',
    Option: [...(input.options ?? []), { Name: 'NoReportData', Value: String(input.noData) }],
  };
}

export function grandTotal(cells: { value: string }[]): Rec {
  return { Summary: { ColData: [{ value: 'TOTAL' }, ...cells] }, type: 'Section', group: 'GrandTotal' };
}
