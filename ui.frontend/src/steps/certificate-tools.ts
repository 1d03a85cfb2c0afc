/** node-forge work, loaded on demand as its own chunk so the page itself stays small. */
export { createCertificate } from '../domain/certificate-factory';
export { inspectPem } from '../domain/certificate';
