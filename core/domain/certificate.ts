/**
 * Inspects PEM text with node-forge ([contract: Users and the keystore] [contract: Credential formats]): is it a certificate, a
 * private key (refused: it must never be pasted anywhere), truncated or malformed; for a
 * certificate, its subject, dates and the SHA-1 (what the Developer Console lists) and SHA-256
 * fingerprints, and whether it expired or expires within 30 days.
 */
import forge from 'node-forge';
import { expiryOf } from './expiry';

export type PemInspection =
  | {
      kind: 'certificate';
      subject: string;
      issuer: string;
      notBefore: Date;
      notAfter: Date;
      sha1: string;
      sha256: string;
      daysLeft: number;
      expired: boolean;
      expiresSoon: boolean;
    }
  | { kind: 'privateKey' }
  | { kind: 'truncated' }
  | { kind: 'malformed'; reason: string }
  | { kind: 'empty' };

const hexColon = (hex: string) => hex.toUpperCase().match(/.{2}/g)?.join(':') ?? '';

function subjectText(attrs: forge.pki.CertificateField[]): string {
  return attrs.map((a) => `${a.shortName ?? a.name}=${String(a.value)}`).join(', ');
}

export function inspectPem(text: string, now = Date.now()): PemInspection {
  const pem = (text ?? '').trim();
  if (!pem) return { kind: 'empty' };
  if (/-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/.test(pem)) return { kind: 'privateKey' };
  const begin = pem.indexOf('-----BEGIN CERTIFICATE-----');
  if (begin < 0) return { kind: 'malformed', reason: 'no "-----BEGIN CERTIFICATE-----" line' };
  if (pem.indexOf('-----END CERTIFICATE-----', begin) < 0) return { kind: 'truncated' };
  let cert: forge.pki.Certificate;
  let der: string;
  try {
    const block = forge.pem.decode(pem)[0];
    der = block.body;
    cert = forge.pki.certificateFromAsn1(forge.asn1.fromDer(der));
  } catch (e) {
    const reason = (e as Error).message || 'unreadable';
    return /Too few bytes|not enough|truncated/i.test(reason) ? { kind: 'truncated' } : { kind: 'malformed', reason };
  }
  const sha1 = forge.md.sha1.create().update(der).digest().toHex();
  const sha256 = forge.md.sha256.create().update(der).digest().toHex();
  const notAfter = cert.validity.notAfter;
  const expiry = expiryOf(notAfter, now) as NonNullable<ReturnType<typeof expiryOf>>;
  return {
    kind: 'certificate',
    subject: subjectText(cert.subject.attributes),
    issuer: subjectText(cert.issuer.attributes),
    notBefore: cert.validity.notBefore,
    notAfter,
    sha1: sha1.toUpperCase(),
    sha256: hexColon(sha256),
    ...expiry,
  };
}
