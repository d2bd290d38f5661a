export { companiesTable } from './companies';
export { credentialsTable } from './credentials';
export { recordsTable, recordVersionsTable } from './records';
export { jobsTable, jobDependenciesTable, jobAttemptsTable } from './jobs';
export { idMapTable } from './id-map';
