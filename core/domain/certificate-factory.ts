/**
 * RSA-2048 key pair and self-signed X.509 certificate with node-forge, shaped like the ones
 * Adobe's tooling makes [contract: Credential formats]: SHA-256, 365 days, subject C=US plus a common name,
 * not a CA. Used by the panel (Route B, in the browser) and by the emulator.
 */
import forge from 'node-forge';

export interface GeneratedCertificate {
  certificatePem: string;
  /** PKCS#8 PEM. Callers upload it once and drop it; it is never stored or logged. */
  privateKeyPem: string;
}

export interface CertificateOptions {
  commonName: string;
  days?: number;
  notBefore?: Date;
}

/** Asynchronous key generation: WebCrypto in browsers, native crypto in Node, never blocking the UI. */
export const generateRsaKeyPair = (): Promise<forge.pki.rsa.KeyPair> =>
  new Promise((resolve, reject) => {
    forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001, workers: -1 }, (err, keys) => (err ? reject(err) : resolve(keys)));
  });

/**
 * A random 16-byte serial whose first byte lies in 0x40..0x7f: positive, and already in DER's minimal
 * form. (A "00" prefix before random bytes starting 00 0x..7x made a padded INTEGER that OpenSSL refuses
 * as "illegal padding": one certificate in a few hundred could not be read.)
 */
export function randomSerialHex(random = forge.random.getBytesSync(16)): string {
  const first = String.fromCharCode(0x40 | (random.charCodeAt(0) & 0x3f));
  return forge.util.bytesToHex(first + random.slice(1));
}

export function selfSignedCertificate(keys: forge.pki.rsa.KeyPair, options: CertificateOptions): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = randomSerialHex();
  const notBefore = options.notBefore ?? new Date();
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = new Date(notBefore.getTime() + (options.days ?? 365) * 86400000);
  const subject = [
    { name: 'countryName', value: 'US' },
    { name: 'commonName', value: options.commonName },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

export const privateKeyToPkcs8Pem = (key: forge.pki.rsa.PrivateKey): string =>
  forge.pki.privateKeyInfoToPem(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key)));

export async function createCertificate(options: CertificateOptions): Promise<GeneratedCertificate> {
  const keys = await generateRsaKeyPair();
  return { certificatePem: selfSignedCertificate(keys, options), privateKeyPem: privateKeyToPkcs8Pem(keys.privateKey) };
}

/** A certificate of the same key with other dates (fault injection: expired or expiring). */
export function recertify(privateKeyPem: string, options: CertificateOptions): string {
  const privateKey = forge.pki.privateKeyFromPem(privateKeyPem) as forge.pki.rsa.PrivateKey;
  const publicKey = forge.pki.setRsaPublicKey(privateKey.n, privateKey.e);
  return selfSignedCertificate({ privateKey, publicKey }, options);
}
