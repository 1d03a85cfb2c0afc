/**
 * Reading `<userPath>.ks.json` [contract: Users and the keystore]: the keystore exists unless the answer says
 * `exists: false`; `serialNumber` is a JSON integer that may exceed 2^53, so it is kept as the exact
 * digits; dates arrive in Java's `Date.toString()` form and stay as text (expiry parses them).
 */
import type { CertificateInfo, KeystoreAlias, KeystoreInfo } from './types';

export class KeystoreJsonError extends Error {}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Quote bare integer serial numbers before JSON.parse rounds them. */
const quoteSerials = (text: string) => text.replace(/("serialNumber"\s*:\s*)(-?\d+)(?=\s*[,}])/g, '$1"$2"');

function certificate(raw: unknown): CertificateInfo {
  const c = isObject(raw) ? raw : {};
  const text = (k: string) => (c[k] === undefined || c[k] === null ? '' : String(c[k]));
  return {
    subject: text('subject'),
    issuer: text('issuer'),
    notBefore: text('notBefore'),
    notAfter: text('notAfter'),
    serialNumber: text('serialNumber'),
  };
}

function alias(raw: unknown): KeystoreAlias | undefined {
  if (!isObject(raw) || typeof raw.alias !== 'string') return undefined;
  return {
    alias: raw.alias,
    entryType: String(raw.entryType ?? ''),
    algorithm: String(raw.algorithm ?? ''),
    format: String(raw.format ?? ''),
    chain: Array.isArray(raw.chain) ? raw.chain.map(certificate) : [],
  };
}

export function parseKeystoreJson(text: string, where = '.ks.json'): KeystoreInfo {
  let json: unknown;
  try {
    json = JSON.parse(quoteSerials(text));
  } catch {
    throw new KeystoreJsonError(`${where} is not JSON`);
  }
  if (!isObject(json)) throw new KeystoreJsonError(`${where} is not a JSON object`);
  const exists = json.exists !== false;
  const aliases = Array.isArray(json.aliases) ? json.aliases.map(alias).filter((a): a is KeystoreAlias => Boolean(a)) : [];
  return { exists, aliases: exists ? aliases : [] };
}
