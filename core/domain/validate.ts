/**
 * Field validators for the IMS account form [contract: Credential formats], pure: each takes the text and
 * answers nothing (fine), an error (blocks sending) or a warning (sent, but worth a second look).
 * Messages say what is wrong and how to fix it. They never throw, whatever the input.
 */
import { IMS } from '../contract/aem-names';
import { t } from '../i18n';

export interface Verdict {
  error?: string;
  warning?: string;
}

export const OK: Verdict = {};
const error = (message: string): Verdict => ({ error: message });
const warning = (message: string): Verdict => ({ warning: message });

export function validateTitle(value: string): Verdict {
  const v = value.trim();
  if (!v) return error(t('Enter a title, for example "Brand Portal".'));
  if (v.length > 200) return error(t('Keep the title under 200 characters.'));
  return OK;
}

export function validateClientId(value: string): Verdict {
  const v = value.trim();
  if (!v) return error(t('Enter the client ID (API key) from the Adobe Developer Console credential.'));
  if (/\s/.test(v)) return error(t('The client ID cannot contain spaces: copy it again from the Developer Console.'));
  // Developer Console client IDs are letters and digits only: anything else was not copied from there.
  if (!/^[0-9A-Za-z]+$/.test(v))
    return error(t('A client ID has letters and digits only (32 hexadecimal characters): copy it again from the Developer Console.'));
  if (!/^[0-9a-f]{32}$/.test(v))
    return warning(t('Client IDs are usually 32 lowercase hexadecimal characters: check that the whole value was copied.'));
  return OK;
}

/** No prefix check: secrets starting `p8e-` are common but not guaranteed [contract: Credential formats]. */
export function validateClientSecret(value: string): Verdict {
  if (!value.trim()) return error(t('Enter the client secret (Developer Console → credential → Retrieve client secret).'));
  if (value !== value.trim()) return error(t('The client secret has spaces at its start or end: copy it again.'));
  return OK;
}

export function validateOrgId(value: string): Verdict {
  const v = value.trim();
  if (!v) return error(t('Enter the organization ID; it ends with @AdobeOrg.'));
  if (!/^[A-Za-z0-9]+@AdobeOrg$/.test(v))
    return error(t('The organization ID must end with @AdobeOrg, for example 0123456789ABCDEF01234567@AdobeOrg.'));
  if (!/^[0-9A-F]{24}@AdobeOrg$/.test(v))
    return warning(t('Organization IDs usually start with 24 hexadecimal characters: check that the whole value was copied.'));
  return OK;
}

export function validateTechnicalAccountId(value: string): Verdict {
  const v = value.trim();
  if (!v) return error(t('Enter the technical account ID; it ends with @techacct.adobe.com.'));
  if (!/^[A-Za-z0-9]+@techacct\.adobe\.com$/.test(v))
    return error(t('The technical account ID must end with @techacct.adobe.com (the ID, not the technical account email).'));
  if (!/^[0-9A-F]{24}@techacct\.adobe\.com$/.test(v))
    return warning(t('Technical account IDs usually start with 24 hexadecimal characters: check that the whole value was copied.'));
  return OK;
}

export function validateAuthServer(value: string): Verdict {
  const v = value.trim();
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return error(t('Enter the authorization server as a URL, normally {0}.', IMS.defaultServer));
  }
  if (url.protocol !== 'https:') return error(t('The authorization server must use https.'));
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
    return error(t('Enter the server only, without a path: {0}.', IMS.defaultServer));
  if (url.origin !== IMS.defaultServer) {
    return warning(t('This is not Adobe IMS ({0}): only change it if Adobe told you to.', IMS.defaultServer));
  }
  return OK;
}

export function validateScopes(value: string): Verdict {
  const scopes = value.split(/[,\s]+/).filter(Boolean);
  if (!scopes.length) return error(t('Enter the scopes listed on the OAuth Server-to-Server credential, separated by commas.'));
  const bad = scopes.find((s) => !/^[A-Za-z0-9_.:-]+$/.test(s));
  if (bad) return error(t('"{0}" is not a scope name: copy the scopes from the credential page.', bad));
  return OK;
}

export function validateKeyAlias(value: string, known?: string[]): Verdict {
  const v = value.trim();
  if (!v) return error(t('Choose the certificate (keystore alias) whose public key you uploaded to the Developer Console.'));
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(v)) return error(t('An alias may use letters, digits, dot, dash and underscore (at most 64).'));
  if (known && !known.includes(v))
    return error(t('No certificate with the alias "{0}" in the Brand Portal keystore: create it in the Certificate step.', v));
  return OK;
}

export interface JwtContext {
  orgId?: string;
  technicalAccountId?: string;
  clientId?: string;
  now?: number;
}

const metascopeClaim = (server: string) => `${server}${IMS.metascopePrefix}${IMS.brandPortalMetascope}`;

/** The JWT payload from the Developer Console, checked claim by claim [contract: Credential formats]. */
export function validateJwtPayload(value: string, ctx: JwtContext = {}): Verdict {
  if (!value.trim()) return error(t('Paste the JWT payload from the Developer Console (Service Account credential → Generate JWT).'));
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return error(t('The payload is not valid JSON: copy the whole block, from { to }.'));
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return error(t('The payload must be a JSON object ({ … }).'));
  const claims = parsed as Record<string, unknown>;
  const now = Math.floor((ctx.now ?? Date.now()) / 1000);
  if (typeof claims.exp !== 'number' || !Number.isInteger(claims.exp))
    return error(t('Claim "exp" must be a whole number of seconds: generate the payload again in the Developer Console.'));
  if (claims.exp <= now) return error(t('Claim "exp" is in the past: the payload expired. Generate a new one in the Developer Console.'));
  if (typeof claims.iss !== 'string' || !claims.iss.endsWith('@AdobeOrg'))
    return error(t('Claim "iss" must be your organization ID (…@AdobeOrg).'));
  if (ctx.orgId && claims.iss !== ctx.orgId.trim())
    return error(
      t(
        'Claim "iss" ({0}) is not the organization ID above ({1}): use the payload of this organization\'s credential.',
        claims.iss,
        ctx.orgId.trim(),
      ),
    );
  if (typeof claims.sub !== 'string' || !claims.sub.endsWith('@techacct.adobe.com'))
    return error(t('Claim "sub" must be the technical account ID (…@techacct.adobe.com).'));
  if (ctx.technicalAccountId && claims.sub !== ctx.technicalAccountId.trim())
    return error(t('Claim "sub" ({0}) is not the technical account ID above ({1}).', claims.sub, ctx.technicalAccountId.trim()));
  if (typeof claims.aud !== 'string' || !/\/c\/[^/]+$/.test(claims.aud))
    return error(t('Claim "aud" must look like {0}/c/<client ID>.', IMS.defaultServer));
  if (ctx.clientId && !claims.aud.endsWith(`/c/${ctx.clientId.trim()}`))
    return error(
      t('Claim "aud" must end with the client ID above ({0}): this payload belongs to another credential.', ctx.clientId.trim()),
    );
  const metascope = Object.keys(claims).find((k) => k.endsWith(`${IMS.metascopePrefix}${IMS.brandPortalMetascope}`));
  if (!metascope)
    return error(
      t(
        'The Brand Portal metascope is missing: add "{0}": true (add the Brand Portal API to the project).',
        metascopeClaim(IMS.defaultServer),
      ),
    );
  if (claims[metascope] !== true) return error(t('The Brand Portal metascope "{0}" must be true.', metascope));
  if (claims.exp > now + 366 * 86400)
    return warning(t('Claim "exp" is more than a year ahead; AEM sets a fresh expiry for each token anyway.'));
  return OK;
}

/** Keystore password for a new keystore: entered twice, never stored by the page. */
export function validateNewKeystorePassword(password: string, repeat: string): Verdict {
  if (password.length < 6) return error(t('Use at least 6 characters for the keystore password.'));
  if (password !== repeat) return error(t('The two passwords differ.'));
  return OK;
}

export type ImsFieldName =
  'title' | 'authServerUrl' | 'clientId' | 'clientSecret' | 'orgId' | 'technicalAccountId' | 'scopes' | 'jwtPayload' | 'keyAlias';

/** What a field's rule may look at beyond its own value: the other fields, the keystore, the type. */
export interface ImsFieldContext extends JwtContext {
  knownAliases?: string[];
  authType?: 'oauth' | 'jwt';
}

/** One rule per IMS form field: the page and Granite's foundation-validation both use these. */
export const IMS_FIELD_RULES: Record<ImsFieldName, (value: string, ctx: ImsFieldContext) => Verdict> = {
  title: validateTitle,
  authServerUrl: validateAuthServer,
  clientId: validateClientId,
  clientSecret: validateClientSecret,
  orgId: validateOrgId,
  // OAuth does not send it: optional there, but a wrong shape is still caught.
  technicalAccountId: (v, ctx) => (ctx.authType === 'oauth' && !v.trim() ? OK : validateTechnicalAccountId(v)),
  scopes: validateScopes,
  keyAlias: (v, ctx) => validateKeyAlias(v, ctx.knownAliases),
  jwtPayload: (v, ctx) => validateJwtPayload(v, ctx),
};
