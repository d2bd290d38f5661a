export { recordStatus, type RecordStatusView } from './status';
export { extensionSummary, nextTopOfHour } from './summary';
export { recordOverride, listOverrideEvents } from './overrides';
export { currentSelectors } from './selectors';
export { extensionCors, EXTENSION_IDS } from './cors';
export { seedExtensionFixtures, seedBody } from './test-seed';
export { statusQuery, overrideBody, overrideListQuery } from './schemas';
export { syncStateOf } from './sync-state';
