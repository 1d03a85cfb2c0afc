/**
 * The keystore of the Brand Portal IMS service user [contract: Users and the keystore]: created with a password
 * (`:operation=createStore`), holding private-key entries (unencrypted PKCS#8 DER key + PEM
 * certificate chain) under aliases, added and removed without any `:operation`. Keys are stored
 * protected by the emulator's master key and never rendered by any route.
 */
import { X509Certificate, createPrivateKey, createPublicKey, randomBytes, scryptSync, type KeyObject } from 'node:crypto';
import { ENDPOINTS } from '../core/contract/endpoints';
import { KEYSTORE } from '../core/contract/aem-names';
import { javaDateString } from '../core/domain/java-date';
import type { CertificateInfo, KeystoreInfo } from '../core/domain/types';
import { findAuthorizable } from './authorizables';
import { protect, unprotect } from './crypto';
import { HttpError } from './http';
import type { Repository } from './store';

export const keystorePath = (userPath: string): string => `${userPath}/keystore`;

/** Where the Brand Portal IMS service user lives in this repository (an Oak-style node name). */
export function serviceUserPath(repo: Repository): string {
  const path = findAuthorizable(repo, ENDPOINTS.systemUsersRoot.path, KEYSTORE.serviceUser);
  if (!path) throw new HttpError(500, `The system user ${KEYSTORE.serviceUser} is missing`);
  return path;
}

const hash = (password: string, salt: Buffer) => scryptSync(password, salt, 32);

function certificateInfo(pem: string): CertificateInfo {
  const c = new X509Certificate(pem);
  return {
    subject: c.subject.replace(/\n/g, ', '),
    issuer: c.issuer.replace(/\n/g, ', '),
    notBefore: javaDateString(new Date(c.validFrom)),
    notAfter: javaDateString(new Date(c.validTo)),
    // Java's BigInteger in decimal: more digits than a JavaScript number holds exactly.
    serialNumber: BigInt(`0x${c.serialNumber}`).toString(10),
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

/**
 * The `.ks.json` text as AEM writes it [contract: Users and the keystore]: no `exists` property when the keystore
 * exists, `{"exists":false}` when not; serial numbers as bare JSON integers.
 */
export function keystoreJson(repo: Repository, userPath: string): string {
  const info = keystoreInfo(repo, userPath);
  if (!info.exists) return JSON.stringify({ [KEYSTORE.existsProperty]: false });
  return JSON.stringify({ aliases: info.aliases }).replace(/"serialNumber":"(\d+)"/g, '"serialNumber":$1');
}

export function createKeystore(repo: Repository, userPath: string, password: string, repeat: string): void {
  if (repo.exists(keystorePath(userPath))) throw new HttpError(409, 'The keystore already exists.');
  if (!password) throw new HttpError(400, 'A keystore password is required.');
  if (password !== repeat) throw new HttpError(400, 'The keystore passwords do not match.');
  const salt = randomBytes(16);
  repo.change((tx) => {
    tx.setProps(keystorePath(userPath), {
      'jcr:primaryType': 'nt:unstructured',
      passwordSalt: salt.toString('base64'),
      passwordHash: hash(password, salt).toString('base64'),
    });
    tx.ensure(`${keystorePath(userPath)}/entries`);
  });
}

function requireKeystore(repo: Repository, userPath: string): void {
  if (!repo.exists(keystorePath(userPath))) throw new HttpError(404, 'The keystore does not exist: create it first.');
}

export function addKeyEntry(
  repo: Repository,
  userPath: string,
  options: { alias: string; privateKeyDer: Buffer; certChainPem: string },
): void {
  requireKeystore(repo, userPath);
  const alias = options.alias.trim();
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(alias))
    throw new HttpError(400, 'The alias may use letters, digits, dot, dash and underscore (at most 64).');
  let key: KeyObject;
  try {
    // As AEM reads `pk`: unencrypted PKCS#8 in DER bytes; PEM text or an encrypted key fails.
    key = createPrivateKey({ key: options.privateKeyDer, format: 'der', type: 'pkcs8' });
  } catch {
    throw new HttpError(500, 'java.security.spec.InvalidKeySpecException: the private key is not an unencrypted PKCS#8 DER file');
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
  if (!spki(leaf.publicKey).equals(spki(createPublicKey(key))))
    throw new HttpError(400, 'The private key does not belong to the certificate.');
  if (repo.exists(`${keystorePath(userPath)}/entries/${alias}`)) throw new HttpError(409, `The alias ${alias} is already in use.`);
  const pkcs8 = key.export({ type: 'pkcs8', format: 'pem' }).toString();
  repo.change((tx) =>
    tx.setProps(`${keystorePath(userPath)}/entries/${alias}`, { privateKey: protect(repo, pkcs8), certificateChain: chain }),
  );
}

export function removeKeyEntry(repo: Repository, userPath: string, alias: string): void {
  requireKeystore(repo, userPath);
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
