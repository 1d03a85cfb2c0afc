/**
 * A stand-in for Adobe IMS [contract: Adobe IMS (emulated only)]: the integrations it accepts (the emulator's
 * "Developer Console") and the two token endpoints, with real RS256 signature, expiry, audience,
 * issuer, subject and metascope checks. Pure functions over the repository: routes/ims-stub.ts
 * puts them on HTTP.
 */
import { X509Certificate, randomBytes, timingSafeEqual, verify } from 'node:crypto';
import { IMS } from '../core/contract/aem-names';
import { describeSecret } from '../core/domain/mask';
import { protect, unprotect } from './crypto';
import { HttpError } from './http';
import type { Repository } from './store';

export const INTEGRATIONS = '/var/emulator/ims/integrations';

export type ImsErrorCode =
  'invalid_client' | 'invalid_token' | 'invalid_signature' | 'invalid_scope' | 'bad_request' | 'unsupported_grant_type';

export interface ImsAnswer {
  status: number;
  body: Record<string, unknown>;
}

export interface Integration {
  clientId: string;
  clientSecret: string;
  orgId: string;
  technicalAccountId: string;
  scopes: string[];
  metascopes: string[];
  certificatePem?: string;
}

export type MaskedIntegration = Omit<Integration, 'clientSecret'> & {
  clientSecret: string;
  certificate?: { subject: string; notAfter: string };
};

export const imsError = (status: number, error: ImsErrorCode, description: string): ImsAnswer => ({
  status,
  body: { error, error_description: description },
});

/** Shows that a secret exists without showing it. */

const asStrings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String).filter(Boolean) : []);

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/**
 * A new JWT (service account) credential for an uploaded certificate, as the Developer Console
 * makes one: generated ids, the Brand Portal metascope, and the secret shown once.
 */
export function createJwtCredential(repo: Repository, certificatePem: string): Integration {
  const credential: Integration = {
    clientId: hex(16),
    clientSecret: `p8e-${randomBytes(24).toString('base64url')}`,
    orgId: `${hex(12).toUpperCase()}@AdobeOrg`,
    technicalAccountId: `${hex(12).toUpperCase()}@techacct.adobe.com`,
    scopes: [],
    metascopes: [IMS.brandPortalMetascope],
    certificatePem,
  };
  registerIntegration(repo, { ...credential });
  return credential;
}

export function registerIntegration(repo: Repository, raw: Record<string, unknown>): MaskedIntegration {
  const str = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string).trim() : '');
  const integration: Integration = {
    clientId: str('clientId'),
    clientSecret: str('clientSecret'),
    orgId: str('orgId'),
    technicalAccountId: str('technicalAccountId'),
    scopes: asStrings(raw.scopes),
    metascopes: asStrings(raw.metascopes),
    certificatePem: str('certificatePem') || undefined,
  };
  for (const k of ['clientId', 'clientSecret', 'orgId', 'technicalAccountId'] as const) {
    if (!integration[k]) throw new HttpError(400, `${k} is required`);
  }
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(integration.clientId)) throw new HttpError(400, 'clientId may use letters, digits, - and _');
  if (integration.certificatePem) {
    if (/PRIVATE KEY/.test(integration.certificatePem))
      throw new HttpError(400, 'certificatePem holds a private key: upload the public certificate only');
    try {
      new X509Certificate(integration.certificatePem);
    } catch {
      throw new HttpError(400, 'certificatePem is not a readable X.509 certificate');
    }
  }
  repo.change((tx) =>
    tx.setProps(`${INTEGRATIONS}/${integration.clientId}`, {
      clientSecret: protect(repo, integration.clientSecret),
      orgId: integration.orgId,
      technicalAccountId: integration.technicalAccountId,
      scopes: integration.scopes,
      metascopes: integration.metascopes,
      certificatePem: integration.certificatePem ?? null,
    }),
  );
  return mask(integration);
}

function mask(i: Integration): MaskedIntegration {
  const out: MaskedIntegration = { ...i, clientSecret: describeSecret(i.clientSecret) };
  delete out.certificatePem;
  if (i.certificatePem) {
    const c = new X509Certificate(i.certificatePem);
    out.certificate = { subject: c.subject.replace(/\n/g, ', '), notAfter: new Date(c.validTo).toISOString() };
  }
  return out;
}

export function getIntegration(repo: Repository, clientId: string): Integration | undefined {
  const node = repo.get(`${INTEGRATIONS}/${clientId}`);
  if (!node || !clientId) return undefined;
  const p = node.props;
  return {
    clientId,
    clientSecret: unprotect(repo, String(p.clientSecret)),
    orgId: String(p.orgId),
    technicalAccountId: String(p.technicalAccountId),
    scopes: asStrings(p.scopes),
    metascopes: asStrings(p.metascopes),
    certificatePem: typeof p.certificatePem === 'string' ? p.certificatePem : undefined,
  };
}

export const listIntegrations = (repo: Repository): MaskedIntegration[] =>
  Object.keys(repo.get(INTEGRATIONS)?.children ?? {})
    .map((id) => getIntegration(repo, id))
    .filter((i): i is Integration => Boolean(i))
    .map(mask);

export const removeIntegration = (repo: Repository, clientId: string): boolean =>
  repo.change((tx) => tx.remove(`${INTEGRATIONS}/${clientId}`));

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** IMS bases an `aud` or metascope URL may use: the real host, or the stub under any name the client reached it by. */
const bases = (stubBases: readonly string[]) => [IMS.defaultServer, ...stubBases];

const token = () => randomBytes(24).toString('base64url');

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function exchangeJwt(
  repo: Repository,
  form: { client_id?: string; client_secret?: string; jwt_token?: string },
  stubBases: readonly string[],
  now = Date.now(),
): ImsAnswer {
  const integration = getIntegration(repo, form.client_id ?? '');
  if (!integration) return imsError(400, 'invalid_client', 'invalid client_id parameter');
  if (!sameSecret(form.client_secret ?? '', integration.clientSecret))
    return imsError(401, 'invalid_client', 'invalid client_secret parameter');
  const jwt = form.jwt_token ?? '';
  if (!jwt) return imsError(400, 'invalid_token', 'jwt_token parameter is missing');
  const parts = jwt.split('.');
  const header = parts.length === 3 ? decodeSegment(parts[0]) : undefined;
  const claims = parts.length === 3 ? decodeSegment(parts[1]) : undefined;
  if (!header || !claims) return imsError(400, 'invalid_token', 'Could not decode JWT token');
  if (header.alg !== 'RS256') return imsError(400, 'invalid_token', 'JWT must be signed with RS256');
  if (!Number.isInteger(claims.exp)) return imsError(400, 'invalid_token', 'exp must be an integer (seconds since epoch)');
  if (claims.jti !== undefined && typeof claims.jti !== 'string') return imsError(400, 'invalid_token', 'jti must be a string');

  if (!integration.certificatePem)
    return imsError(400, 'invalid_signature', 'No public key certificate is registered for this integration');
  const cert = new X509Certificate(integration.certificatePem);
  if (new Date(cert.validTo).getTime() < now)
    return imsError(
      400,
      'invalid_signature',
      `The certificate registered for this integration expired on ${new Date(cert.validTo).toISOString()}`,
    );
  const signed = verify('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), cert.publicKey, Buffer.from(parts[2], 'base64url'));
  if (!signed) return imsError(400, 'invalid_signature', 'JWT signature verification failed');

  const exp = (claims.exp as number) * 1000;
  if (exp <= now) return imsError(400, 'invalid_token', 'JWT token is expired');
  if (exp > now + 24 * 3600 * 1000) return imsError(400, 'invalid_token', 'exp must be at most 24 hours ahead');
  if (typeof claims.iss !== 'string' || !claims.iss.endsWith('@AdobeOrg'))
    return imsError(400, 'bad_request', 'iss must be an organization id ending in @AdobeOrg');
  if (typeof claims.sub !== 'string' || !claims.sub.endsWith('@techacct.adobe.com'))
    return imsError(400, 'bad_request', 'sub must be a technical account id ending in @techacct.adobe.com');
  if (!bases(stubBases).some((b) => claims.aud === `${b}${IMS.audiencePrefix}${integration.clientId}`))
    return imsError(400, 'invalid_client', 'aud does not match the client_id');
  if (claims.iss !== integration.orgId) return imsError(400, 'invalid_client', 'iss is not the organization of this integration');
  if (claims.sub !== integration.technicalAccountId)
    return imsError(400, 'invalid_client', 'sub is not the technical account of this integration');

  const metascopes = Object.entries(claims)
    .filter(([k, v]) => v === true && bases(stubBases).some((b) => k.startsWith(`${b}${IMS.metascopePrefix}`)))
    .map(([k]) => k.slice(k.lastIndexOf('/') + 1));
  if (!metascopes.length) return imsError(400, 'invalid_scope', 'No metascope in the JWT: Brand Portal needs ent_brand_portal_sdk');
  const notGranted = metascopes.filter((m) => !integration.metascopes.includes(m));
  if (notGranted.length) return imsError(400, 'invalid_scope', `Metascope not granted to this integration: ${notGranted.join(', ')}`);
  return { status: 200, body: { access_token: token(), token_type: 'bearer', expires_in: 86399999 } };
}

export function clientCredentials(
  repo: Repository,
  form: { grant_type?: string; client_id?: string; client_secret?: string; scope?: string },
): ImsAnswer {
  if (form.grant_type !== 'client_credentials') return imsError(400, 'unsupported_grant_type', 'grant_type must be client_credentials');
  const integration = getIntegration(repo, form.client_id ?? '');
  if (!integration) return imsError(400, 'invalid_client', 'invalid client_id parameter');
  if (!sameSecret(form.client_secret ?? '', integration.clientSecret))
    return imsError(401, 'invalid_client', 'invalid client_secret parameter');
  const requested = (form.scope ?? '').split(/[,\s]+/).filter(Boolean);
  const missing = requested.filter((s) => !integration.scopes.includes(s));
  if (missing.length) return imsError(400, 'invalid_scope', `invalid scope: ${missing.join(', ')}`);
  return { status: 200, body: { access_token: token(), token_type: 'bearer', expires_in: 86399 } };
}
