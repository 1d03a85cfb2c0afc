/**
 * What AEM's access-token provider does on Check Health [contract: IMS configurations]: with a stored IMS
 * configuration, a real HTTP token request to Adobe IMS, here the emulator's stub. JWT: claims
 * from the stored default claims plus a fresh `exp`, RS256-signed with the keystore's key; OAuth:
 * client_credentials with the stored scopes.
 */
import { sign } from 'node:crypto';
import { HEALTH_TEXT, IMS, IMS_OSGI } from '../core/contract/aem-names';
import type { HealthResult } from '../core/domain/types';
import type { EmulatorContext } from './context';
import { type StoredImsConfig, clientSecretOf, defaultClaimsToObject } from './ims-configs';
import { privateKeyFor, serviceUserPath } from './keystore';

const P = IMS_OSGI.props;

export interface TokenResponse {
  status: number;
  body: string;
}

const b64url = (s: string | Buffer) => Buffer.from(s).toString('base64url');

export function signJwt(claims: Record<string, unknown>, key: Parameters<typeof sign>[2]): string {
  const input = `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${b64url(sign('RSA-SHA256', Buffer.from(input), key))}`;
}

/** Adobe IMS hosts are served by the stub; any other host is unreachable from the emulator. */
function stubUrl(ctx: EmulatorContext, configured: string, path: string): string | undefined {
  let host: string;
  try {
    host = new URL(configured).hostname;
  } catch {
    return undefined;
  }
  if (host === new URL(IMS.defaultServer).hostname || host.endsWith('.adobelogin.com'))
    return `${ctx.baseUrl}${IMS.emulatorStubBase}${path}`;
  if (configured.startsWith(ctx.baseUrl)) return `${configured.replace(/\/+$/, '')}${path}`;
  return undefined;
}

/** A failed connection is what AEM's provider reports (a Java exception), never a rejection the caller must catch. */
async function post(url: string, form: Record<string, string>): Promise<TokenResponse | { networkError: string }> {
  try {
    const res = await fetch(url, { method: 'POST', body: new URLSearchParams(form) });
    return { status: res.status, body: await res.text() };
  } catch (e) {
    const cause = (e as { cause?: { message?: string } }).cause?.message ?? (e as Error).message;
    return { networkError: `java.net.ConnectException: ${cause}` };
  }
}

export async function requestAccessToken(ctx: EmulatorContext, config: StoredImsConfig): Promise<TokenResponse | { networkError: string }> {
  const p = config.props;
  const endpoint = String(p[P.endpoint] ?? IMS.defaultServer);
  const clientId = String(p[P.clientId] ?? '');
  const clientSecret = clientSecretOf(ctx.repo, config);
  if (config.authType === 'oauth') {
    const target = stubUrl(ctx, endpoint, IMS.tokenV3Path);
    if (!target) return { networkError: `java.net.UnknownHostException: ${endpoint}` };
    return post(target, {
      grant_type: IMS_OSGI.clientCredentialsGrant,
      client_id: clientId,
      client_secret: clientSecret,
      scope: String(p[P.scope] ?? ''),
    });
  }
  const target = stubUrl(ctx, endpoint, IMS.jwtExchangePath);
  if (!target) return { networkError: `java.net.UnknownHostException: ${endpoint}` };
  const alias = String(p[P.keypairAlias] ?? '');
  const key = privateKeyFor(ctx.repo, serviceUserPath(ctx.repo), alias);
  if (!key) return { networkError: `No private key with alias "${alias}" in the keystore of the Brand Portal IMS service user` };
  const claims = { ...defaultClaimsToObject(p[P.defaultClaims]), exp: Math.floor(Date.now() / 1000) + 300 };
  return post(target, { client_id: clientId, client_secret: clientSecret, jwt_token: signJwt(claims, key) });
}

/** Check Health: the texts AEM shows [contract: IMS configurations]. */
export async function checkHealth(ctx: EmulatorContext, config: StoredImsConfig): Promise<HealthResult> {
  const answer = await requestAccessToken(ctx, config);
  const base = { id: config.id, title: config.title };
  if ('networkError' in answer) return { ...base, healthy: false, message: `${HEALTH_TEXT.providerFailure}: ${answer.networkError}` };
  if (answer.status === 200) return { ...base, healthy: true, message: `${config.title}: ${HEALTH_TEXT.tokenRetrieved}` };
  return { ...base, healthy: false, message: `${HEALTH_TEXT.providerFailure} status: ${answer.status} response: ${answer.body}` };
}
