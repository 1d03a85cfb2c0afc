/**
 * Users and groups [contract: Users and the keystore]: Oak names their nodes unpredictably, so they are looked up through
 * QueryBuilder (the reset removes them: brand-portal-client.ts). Holds the page's one lookup of the
 * Brand Portal IMS service user, so it is shared with the parts (ui/parts.ts).
 */
import { AUTHORIZABLES, ENDPOINTS, KEYSTORE, authorizableQuery } from '../contract/endpoints';
import { EndpointUnavailableError } from '../errors';
import { aemFetch } from './fetch';
import { expectOk, parseJson } from './responses';

interface QueryHit {
  'jcr:path'?: unknown;
}

/** Paths of the authorizables of `type` below `root` (optionally with one id), via QueryBuilder. */
export async function findAuthorizables(root: string, type: string, id?: string): Promise<string[]> {
  const url = authorizableQuery(root, type, id);
  const json = parseJson<{ hits?: QueryHit[] }>(await expectOk(await aemFetch(url), ENDPOINTS.queryBuilder, url), url);
  return (Array.isArray(json.hits) ? json.hits : [])
    .map((h) => h['jcr:path'])
    .filter((p): p is string => typeof p === 'string' && p.startsWith('/'));
}

let serviceUserPathCache: Promise<string> | undefined;

/** Forgets looked-up paths (another AEM, or tests with another scripted AEM). */
export function forgetLookups(): void {
  serviceUserPathCache = undefined;
}

/** Where `brandportal-imsconfig-service` lives on this AEM; looked up once per page. */
export function serviceUserPath(): Promise<string> {
  serviceUserPathCache ??= findAuthorizables(ENDPOINTS.systemUsersRoot.path, AUTHORIZABLES.systemUserType, KEYSTORE.serviceUser).then(
    (paths) => {
      if (!paths[0]) throw new EndpointUnavailableError(ENDPOINTS.systemUsersRoot, 404);
      return paths[0];
    },
  );
  serviceUserPathCache.catch(() => (serviceUserPathCache = undefined)); // a failed lookup is tried again next time
  return serviceUserPathCache;
}
