/**
 * Real key material and IMS values for tests, made by the code under test's own helpers
 * (node-forge certificate factory), never pasted blobs.
 */
import { createCertificate, type GeneratedCertificate } from '../../ui.frontend/src/domain/certificate-factory';
import type { Client } from './emulator';

export const ORG = '0123456789ABCDEF01234567@AdobeOrg';
export const TECH = 'ABCDEF0123456789ABCDEF01@techacct.adobe.com';
export const IMS_HOST = 'https://ims-na1.adobelogin.com';
export const USER = '/home/users/system/brandportal-imsconfig-service';
export const KEYSTORE_PASSWORD = 'keystore-pass-1';

let cached: GeneratedCertificate | undefined;
/** One RSA-2048 certificate per test file (key generation is the slow part). */
export async function certificate(): Promise<GeneratedCertificate> {
  cached ??= await createCertificate({ commonName: 'Adobe Brand Portal' });
  return cached;
}

export function jwtPayload(clientId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    exp: Math.floor(Date.now() / 1000) + 86000,
    iss: ORG,
    sub: TECH,
    [`${IMS_HOST}/s/ent_brand_portal_sdk`]: true,
    aud: `${IMS_HOST}/c/${clientId}`,
    ...overrides,
  };
}

export async function createKeystore(c: Client, password = KEYSTORE_PASSWORD): Promise<Response> {
  return c.write(`${USER}.ks.html`, new URLSearchParams({ ':operation': 'createStore', newPassword: password, rePassword: password }));
}

export async function uploadKey(c: Client, alias: string, cert: GeneratedCertificate, password = KEYSTORE_PASSWORD): Promise<Response> {
  const form = new FormData();
  form.set(':operation', 'add');
  form.set('keyStorePass', password);
  form.set('newAlias', alias);
  form.set('pk', new Blob([cert.privateKeyPem]), 'key.pem');
  form.set('cert-chain', new Blob([cert.certificatePem]), 'AEM-Adobe-IMS.crt');
  return c.write(`${USER}.ks.html`, form);
}

export async function registerIntegration(baseUrl: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${baseUrl}/__emulator/ims/integrations`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

export function oauthForm(clientId: string, overrides: Record<string, string> = {}): URLSearchParams {
  return new URLSearchParams({
    authType: 'oauth',
    title: 'Brand Portal',
    authServerUrl: IMS_HOST,
    apiKey: clientId,
    clientSecret: 'p8e-secret-value-1234',
    orgId: ORG,
    scope: 'openid,AdobeID',
    ...overrides,
  });
}

export function jwtForm(clientId: string, alias: string, payload: Record<string, unknown>, overrides: Record<string, string> = {}): URLSearchParams {
  return new URLSearchParams({
    cloudServiceName: 'Adobe Brand Portal',
    keypairAliases: alias,
    keypairAlias: alias,
    newKeypairAlias: alias,
    title: 'Brand Portal JWT',
    authServerUrl: IMS_HOST,
    apiKey: clientId,
    clientSecret: 'jwt-secret-value-5678',
    jwtClaims: JSON.stringify(payload),
    ...overrides,
  });
}
