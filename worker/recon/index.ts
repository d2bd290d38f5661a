export { reconcileMonth, type Reconciliation } from './run';
export { reconciliationCsv } from './csv';
export { computeBalances, type Balances, type PostedRecord } from './balances';
export { compareBooks, type ReconRow, type Explanation } from './compare';
