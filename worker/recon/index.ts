export { reconcileMonth, type Reconciliation, type PendingReconciliation, type ReconOutcome } from './run';
export { reconciliationCsv } from './csv';
export { computeBalances, type Balances, type PostedRecord } from './balances';
export { compareBooks, type ReconRow, type Explanation } from './compare';
