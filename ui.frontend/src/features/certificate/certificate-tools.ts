/** node-forge work: only the `certificate-work` part bundles it, so the page itself stays small. */
export { createCertificate } from '../../../../core/domain/certificate-factory';
export { inspectPem } from '../../../../core/domain/certificate';
