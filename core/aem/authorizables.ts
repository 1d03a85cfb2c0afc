/**
 * Users and groups [contract: Users and the keystore]: Oak names their nodes unpredictably, so they
 * are looked up through QueryBuilder (the reset removes them: brand-portal-client.ts). The Brand
 * Portal IMS service user is looked up once per session.
 */
import type { AemSession } from './session';
import { authorizableQuery } from '../contract/endpoints';
import { AUTHORIZABLES, KEYSTORE } from '../contract/aem-names';
import { EndpointUnavailableError } from '../errors';
import { expectOk, parseJson } from './responses';

interface QueryHit {
  'jcr:path'?: unknown;
}

/** Paths of the authorizables of `type` below `root` (optionally with one id), via QueryBuilder. */
export async function findAuthorizables(s: AemSession, root: string, type: string, id?: string): Promise<string[]> {
  const url = authorizableQuery(s.endpoints, root, type, id);
  const json = parseJson<{ hits?: QueryHit[] }>(await expectOk(await s.fetch(url), s.endpoints.queryBuilder, url), url);
  return (Array.isArray(json.hits) ? json.hits : [])
    .map((h) => h['jcr:path'])
    .filter((p): p is string => typeof p === 'string' && p.startsWith('/'));
}

/** Where `brandportal-imsconfig-service` lives on this AEM; looked up once per session. */
export function serviceUserPath(s: AemSession): Promise<string> {
  return s.once('serviceUserPath', async () => {
    const paths = await findAuthorizables(s, s.endpoints.systemUsersRoot.path, AUTHORIZABLES.systemUserType, KEYSTORE.serviceUser);
    if (!paths[0]) throw new EndpointUnavailableError(s.endpoints.systemUsersRoot, 404);
    return paths[0];
  });
}
