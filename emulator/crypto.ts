/**
 * The emulator's CryptoSupport: secrets (client secrets, private keys) are stored encrypted with
 * a master key of the repository, in AEM's protected-value shape `{<hex>}`, so no secret sits in
 * clear in a `.config` file or leaves through the Sling GET servlet.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Repository } from './store';

/** Written by the seed; never served (see routes/sling-get.ts). */
export const CRYPTO_NODE = '/var/emulator/crypto';

function masterKey(repo: Repository): Buffer {
  const key = repo.get(CRYPTO_NODE)?.props.masterKey;
  if (typeof key !== 'string') throw new Error('emulator master key missing');
  return Buffer.from(key, 'base64');
}

export const isProtected = (value: string): boolean => /^\{[0-9a-f]+\}$/.test(value);

export function protect(repo: Repository, clear: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', masterKey(repo), iv);
  const body = Buffer.concat([cipher.update(clear, 'utf8'), cipher.final()]);
  return `{${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('hex')}}`;
}

export function unprotect(repo: Repository, value: string): string {
  if (!isProtected(value)) return value;
  const raw = Buffer.from(value.slice(1, -1), 'hex');
  const decipher = createDecipheriv('aes-256-gcm', masterKey(repo), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
