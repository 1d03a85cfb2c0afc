/**
 * @jest-environment node
 */
/** PEM inspection with node-forge, on certificates made by the project's own factory. */
import { X509Certificate, createHash } from 'node:crypto';
import forge from 'node-forge';
import { createCertificate, randomSerialHex, recertify } from '../../../core/domain/certificate-factory';
import { inspectPem } from '../../../core/domain/certificate';

let cert: Awaited<ReturnType<typeof createCertificate>>;
beforeAll(async () => {
  cert = await createCertificate({ commonName: 'Adobe Brand Portal' });
});

test('a fresh certificate: subject, one year, fingerprints as Node computes them', () => {
  const r = inspectPem(cert.certificatePem);
  if (r.kind !== 'certificate') throw new Error(r.kind);
  const x = new X509Certificate(cert.certificatePem);
  expect(r.subject).toBe('C=US, CN=Adobe Brand Portal');
  expect(r.sha256).toBe(x.fingerprint256);
  expect(r.sha1).toBe(x.fingerprint.replace(/:/g, ''));
  expect(r.daysLeft).toBeGreaterThanOrEqual(364);
  expect(r).toMatchObject({ expired: false, expiresSoon: false });
  expect(createHash('sha1').update(x.raw).digest('hex').toUpperCase()).toBe(r.sha1);
});

test('every serial is a positive DER INTEGER in minimal form, whatever the random bytes (OpenSSL refuses padding)', () => {
  for (const lead of ['\x00\x00\x01', '\x00\x7f', '\x00\x80', '\x80\x00', '\xff\xff', '\x7f\x00']) {
    const serial = randomSerialHex(lead.padEnd(16, '\x05'));
    expect(serial).toMatch(/^[4-7][0-9a-f]{31}$/);
  }
  // A certificate made with such bytes is one OpenSSL reads (the old "0"-prefixed serial was not, for 00 0x).
  const spy = jest.spyOn(forge.random, 'getBytesSync').mockReturnValueOnce('\x00\x01'.padEnd(16, '\x05'));
  const pem = recertify(cert.privateKeyPem, { commonName: 'padded' });
  spy.mockRestore();
  expect(new X509Certificate(pem).serialNumber).toMatch(/^[4-7]/);
});

test('expired and expiring certificates are flagged', () => {
  const day = 86400000;
  const expired = inspectPem(recertify(cert.privateKeyPem, { commonName: 'x', notBefore: new Date(Date.now() - 400 * day), days: 365 }));
  expect(expired).toMatchObject({ kind: 'certificate', expired: true, expiresSoon: false });
  const soon = inspectPem(recertify(cert.privateKeyPem, { commonName: 'x', notBefore: new Date(Date.now() - 350 * day), days: 365 }));
  expect(soon).toMatchObject({ kind: 'certificate', expired: false, expiresSoon: true });
});

test('a private key is recognised and refused', () => {
  expect(inspectPem(cert.privateKeyPem)).toEqual({ kind: 'privateKey' });
  expect(inspectPem('-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----')).toEqual({ kind: 'privateKey' });
});

test('truncated, malformed and empty input', () => {
  const pem = cert.certificatePem.replace(/\r\n/g, '\n');
  expect(inspectPem(pem.slice(0, pem.indexOf('-----END')))).toEqual({ kind: 'truncated' });
  const lines = pem.trim().split('\n');
  const chopped = [...lines.slice(0, 4), lines[lines.length - 1]].join('\n');
  expect(['truncated', 'malformed']).toContain(inspectPem(chopped).kind);
  expect(inspectPem('hello')).toMatchObject({ kind: 'malformed' });
  expect(inspectPem('  ')).toEqual({ kind: 'empty' });
});

test('Java Date.toString() dates: written by the emulator, read by the page, in either zone name', async () => {
  const { javaDateString, parseDateText } = await import('../../../core/domain/java-date');
  const d = new Date(Date.UTC(2030, 6, 1, 12, 0, 0));
  expect(javaDateString(d)).toBe('Mon Jul 01 12:00:00 UTC 2030');
  expect(parseDateText(javaDateString(d))).toBe(d.getTime());
  expect(parseDateText('Sun Jul 01 12:00:00 AEST 2018')).toBe(Date.UTC(2018, 6, 1, 12, 0, 0));
  expect(parseDateText('2027-01-01T00:00:00Z')).toBe(Date.UTC(2027, 0, 1));
  expect(Number.isNaN(parseDateText('someday'))).toBe(true);
});
