/**
 * Real key material and IMS values for tests, made by the code under test's own helpers
 * (node-forge certificate factory), never pasted blobs.
 */
import type { ImsConfigInput } from '../../core/domain/types';
import { createPrivateKey } from 'node:crypto';
import { createCertificate, type GeneratedCertificate } from '../../core/domain/certificate-factory';
import { type Client, controlFetch } from './emulator';

export const ORG = '0123456789ABCDEF01234567@AdobeOrg';
export const TECH = 'ABCDEF0123456789ABCDEF01@techacct.adobe.com';
export const IMS_HOST = 'https://ims-na1.adobelogin.com';
export const KEYSTORE_PASSWORD = 'keystore-pass-1';
export const PRODUCT_INFO = '/system/console/status-productinfo.json';

/** A creator's OAuth configuration for the client API, its values named after `who` (several creators at once). */
export const oauthInput = (who: string): ImsConfigInput => ({
  authType: 'oauth',
  title: `Brand Portal (${who})`,
  authServerUrl: IMS_HOST,
  clientId: `client-${who}`,
  clientSecret: `secret-${who}`,
  orgId: ORG,
  technicalAccountId: TECH,
  scopes: ['openid', 'AdobeID'],
});

/** Where Oak put brandportal-imsconfig-service: found with QueryBuilder, as on a real AEM [contract: Users and the keystore]. */
export async function serviceUser(c: Client): Promise<string> {
  const q = new URLSearchParams({
    path: '/home/users/system',
    type: 'rep:SystemUser',
    '1_property': 'rep:authorizableId',
    '1_property.value': 'brandportal-imsconfig-service',
    'p.hits': 'full',
  });
  const res = await c.get(`/bin/querybuilder.json?${q}`);
  const path = ((await res.json()) as { hits: { 'jcr:path': string }[] }).hits[0]?.['jcr:path'];
  if (!path) throw new Error('brandportal-imsconfig-service not found');
  return path;
}

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
  return c.write(
    `${await serviceUser(c)}.ks.html`,
    new URLSearchParams({ ':operation': 'createStore', newPassword: password, rePassword: password }),
  );
}

/**
 * The key upload as AEM takes it [contract: Users and the keystore]: `alias`, `pk` as unencrypted
 * PKCS#8 DER, `cert-chain` as PEM, no `:operation`.
 */
export async function uploadKey(
  c: Client,
  alias: string,
  cert: GeneratedCertificate,
  options: { pkAsPem?: boolean } = {},
): Promise<Response> {
  const form = new FormData();
  form.set('alias', alias);
  const der = createPrivateKey(cert.privateKeyPem).export({ type: 'pkcs8', format: 'der' });
  form.set('pk', new Blob([options.pkAsPem ? cert.privateKeyPem : new Uint8Array(der)]), 'key.der');
  form.set('cert-chain', new Blob([cert.certificatePem]), 'AEM-Adobe-IMS.crt');
  return c.write(`${await serviceUser(c)}.ks.html`, form);
}

export async function registerIntegration(baseUrl: string, body: Record<string, unknown>): Promise<Response> {
  const res = await controlFetch(`${baseUrl}/__emulator/ims/integrations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  // A registration that did not land would fail a later test with a misleading IMS error: say so here.
  if (res.status !== 201 && res.status !== 400)
    throw new Error(`registering ${String(body.clientId)}: HTTP ${res.status} ${await res.text()}`);
  return res;
}

/** An OAuth Server-to-Server credential of the test organisation, registered in the IMS stub. */
export const registerOauthCredential = (baseUrl: string, clientId: string, clientSecret: string, scopes = ['openid', 'AdobeID']) =>
  registerIntegration(baseUrl, { clientId, clientSecret, orgId: ORG, technicalAccountId: TECH, scopes });

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

export function jwtForm(
  clientId: string,
  alias: string,
  payload: Record<string, unknown>,
  overrides: Record<string, string> = {},
): URLSearchParams {
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
