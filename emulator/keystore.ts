/**
 * The keystore of the Brand Portal IMS service user (contract 2.5, Route B): created with a
 * password, holding private-key entries (PKCS#8 key + certificate chain) under aliases. Keys are
 * stored protected by the emulator's master key and never rendered by any route.
 */
import { X509Certificate, createPrivateKey, createPublicKey, randomBytes, scryptSync, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { CertificateInfo, KeystoreInfo } from '../ui.frontend/src/domain/types';
import { protect, unprotect } from './crypto';
import { HttpError } from './http';
import type { Repository } from './store';

export const keystorePath = (userPath: string): string => `${userPath}/keystore`;

const hash = (password: string, salt: Buffer) => scryptSync(password, salt, 32);

function certificateInfo(pem: string): CertificateInfo {
  const c = new X509Certificate(pem);
  return {
    subject: c.subject.replace(/\n/g, ', '),
    issuer: c.issuer.replace(/\n/g, ', '),
    notBefore: new Date(c.validFrom).toISOString(),
    notAfter: new Date(c.validTo).toISOString(),
    serialNumber: c.serialNumber,
  };
}

/** Splits a PEM bundle into its certificate blocks. */
export const pemCertificates = (text: string): string[] =>
  (text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map((pem) => `${pem.replace(/\r\n/g, '\n')}\n`);

export function keystoreInfo(repo: Repository, userPath: string): KeystoreInfo {
  const store = repo.get(keystorePath(userPath));
  if (!store) return { exists: false, aliases: [] };
  const aliases = Object.entries(store.children.entries?.children ?? {}).map(([alias, entry]) => ({
    alias,
    entryType: 'privateKey',
    algorithm: 'RSA',
    format: 'PKCS#8',
    chain: (entry.props.certificateChain as string[]).map(certificateInfo),
  }));
  return { exists: true, aliases };
}

export function createKeystore(repo: Repository, userPath: string, password: string, repeat: string): void {
  if (repo.exists(keystorePath(userPath))) throw new HttpError(409, 'The keystore already exists.');
  if (!password) throw new HttpError(400, 'A keystore password is required.');
  if (password !== repeat) throw new HttpError(400, 'The keystore passwords do not match.');
  const salt = randomBytes(16);
  repo.change((tx) => {
    tx.setProps(keystorePath(userPath), { 'jcr:primaryType': 'nt:unstructured', passwordSalt: salt.toString('base64'), passwordHash: hash(password, salt).toString('base64') });
    tx.ensure(`${keystorePath(userPath)}/entries`);
  });
}

function checkPassword(repo: Repository, userPath: string, password: string | undefined): void {
  const store = repo.get(keystorePath(userPath));
  if (!store) throw new HttpError(404, 'The keystore does not exist: create it first.');
  const salt = Buffer.from(String(store.props.passwordSalt), 'base64');
  const expected = Buffer.from(String(store.props.passwordHash), 'base64');
  if (!password || !timingSafeEqual(hash(password, salt), expected)) throw new HttpError(403, 'The keystore password is not correct.');
}

export function addKeyEntry(repo: Repository, userPath: string, options: { alias: string; password?: string; privateKeyPem: string; certChainPem: string }): void {
  checkPassword(repo, userPath, options.password);
  const alias = options.alias.trim();
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(alias)) throw new HttpError(400, 'The alias may use letters, digits, dot, dash and underscore (at most 64).');
  let key: KeyObject;
  try {
    key = createPrivateKey(options.privateKeyPem);
  } catch {
    throw new HttpError(400, 'The private key is not a readable PEM (PKCS#8 or PKCS#1).');
  }
  const chain = pemCertificates(options.certChainPem);
  if (!chain.length) throw new HttpError(400, 'The certificate chain holds no certificate.');
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(chain[0]);
  } catch {
    throw new HttpError(400, 'The certificate is not a readable X.509 PEM.');
  }
  const spki = (k: KeyObject) => k.export({ type: 'spki', format: 'der' });
  if (!spki(leaf.publicKey).equals(spki(createPublicKey(key)))) throw new HttpError(400, 'The private key does not belong to the certificate.');
  if (repo.exists(`${keystorePath(userPath)}/entries/${alias}`)) throw new HttpError(409, `The alias ${alias} is already in use.`);
  const pkcs8 = key.export({ type: 'pkcs8', format: 'pem' }).toString();
  repo.change((tx) =>
    tx.setProps(`${keystorePath(userPath)}/entries/${alias}`, { privateKey: protect(repo, pkcs8), certificateChain: chain }),
  );
}

export function removeKeyEntry(repo: Repository, userPath: string, alias: string, password?: string): void {
  checkPassword(repo, userPath, password);
  const removed = repo.change((tx) => tx.remove(`${keystorePath(userPath)}/entries/${alias}`));
  if (!removed) throw new HttpError(404, `No key under the alias ${alias}.`);
}

export function certificatePem(repo: Repository, userPath: string, alias: string): string | undefined {
  const chain = repo.get(`${keystorePath(userPath)}/entries/${alias}`)?.props.certificateChain;
  return Array.isArray(chain) ? String(chain[0]) : undefined;
}

/** The signing key, for the emulator's own token requests only. */
export function privateKeyFor(repo: Repository, userPath: string, alias: string): KeyObject | undefined {
  const stored = repo.get(`${keystorePath(userPath)}/entries/${alias}`)?.props.privateKey;
  return typeof stored === 'string' ? createPrivateKey(unprotect(repo, stored)) : undefined;
}

/** Fault injection: replaces an entry's certificate by one of the same key with other dates. */
export function replaceCertificate(repo: Repository, userPath: string, alias: string, certPem: string): void {
  repo.change((tx) => tx.setProps(`${keystorePath(userPath)}/entries/${alias}`, { certificateChain: [certPem] }));
}
