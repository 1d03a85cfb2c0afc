/**
 * What AEM stored against what the page sent, for an IMS configuration ([contract: IMS configurations]):
 * the OAuth form's field names are UNKNOWN, so a save is only trusted once the stored provider
 * configuration is read back and every property that makes it OAuth Server-to-Server matches.
 * Pure: the same comparison serves the page, the CLI and the repair through the configuration manager.
 */
import { IMS, IMS_OSGI } from '../contract/aem-names';
import type { FelixValue } from './felix-config';
import type { ImsConfig, ImsConfigInput } from './types';

const P = IMS_OSGI.props;

export interface StoredDifference {
  /** The OSGi property name, as the configuration manager and AEM's docs name it. */
  property: string;
  sent: string;
  stored: string;
}

const trimUrl = (url: string) => url.trim().replace(/\/+$/, '');
const scopeSet = (scopes: string[] | undefined) => [...new Set((scopes ?? []).map((s) => s.trim()).filter(Boolean))].sort().join(',');

/** The provider properties an OAuth Server-to-Server configuration must hold for this input. */
export function expectedOauthProperties(input: ImsConfigInput): Record<string, FelixValue> {
  return {
    [P.grants]: IMS_OSGI.clientCredentialsGrant,
    [P.clientId]: input.clientId.trim(),
    [P.orgId]: input.orgId.trim(),
    [P.scope]: (input.scopes ?? [])
      .map((s) => s.trim())
      .filter(Boolean)
      .join(','),
    [P.accessTokenRequest]: `${trimUrl(input.authServerUrl || IMS.defaultServer)}${IMS.tokenV3Path}`,
    [P.defaultClaims]: [`"iss" : "${input.orgId.trim()}"`],
    [P.title]: input.title.trim(),
  };
}

/** Each property that makes the stored configuration differ from what was sent (empty: AEM stored it). */
export function storedDifferences(input: ImsConfigInput, stored: ImsConfig): StoredDifference[] {
  const out: StoredDifference[] = [];
  const check = (property: string, sent: string, found: string | undefined) => {
    if (sent !== (found ?? '')) out.push({ property, sent, stored: found ?? '' });
  };
  check(P.title, input.title.trim(), stored.title);
  check(P.clientId, input.clientId.trim(), stored.clientId);
  if (!stored.name) out.push({ property: P.name, sent: '(any)', stored: '' });
  if (input.authType === 'oauth') {
    const expected = expectedOauthProperties(input);
    check(P.grants, String(expected[P.grants]), stored.grants);
    check(P.orgId, input.orgId.trim(), stored.orgId);
    check(P.scope, scopeSet(input.scopes), scopeSet(stored.scopes));
    check(P.accessTokenRequest, String(expected[P.accessTokenRequest]), stored.tokenRequestUrl && trimUrl(stored.tokenRequestUrl));
  } else {
    check(P.keypairAlias, (input.keyAlias ?? '').trim(), stored.keyAlias);
  }
  return out;
}

/**
 * What to write through the configuration manager to repair an OAuth configuration: every
 * differing property, and the default claims with them (they carry the organization). Never the
 * secret: it lives in the paired customizer, which the IMS servlet stored.
 */
export function oauthRepair(input: ImsConfigInput, differences: StoredDifference[]): Record<string, FelixValue> {
  const expected = expectedOauthProperties(input);
  const names = new Set(differences.map((d) => d.property).filter((p) => p in expected));
  if (names.has(P.orgId)) names.add(P.defaultClaims);
  return Object.fromEntries([...names].map((n) => [n, expected[n]]));
}
