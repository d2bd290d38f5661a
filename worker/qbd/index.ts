export { handleSoap } from './service';
export { qbwcWsdl } from './soap/wsdl';
export { setQbdPassword, setQbdPasswordSchema, companyQwc, qwcQuerySchema, qbdConnectionStatus, unbindQbdFile, qbdUsername } from './connection';
export { buildQwc, SHARPER_OWNER_ID } from './qwc';
export { supportPage } from './support-page';
export { qbdReconFigures, type QbdReconFigures } from './recon';
export type { QbdReconSnapshot } from './qbxml/report-answers';
