/**
 * `setup.json`: what `bpsetup setup` and `migrate` configure, checked with the page's own field
 * rules before anything is sent; what the page only warns about is an error here. The client
 * secret is never in this file (files get committed): it comes from the environment variable the
 * file names, or from a secret file.
 */
import { readFileSync, statSync } from 'node:fs';
import { IMS } from '../core/contract/aem-names';
import { isBrandPortalAddress, validateTenantUrl } from '../core/domain/tenant';
import { IMS_FIELD_RULES, type ImsFieldName, validateTitle } from '../core/domain/validate';
import type { ImsConfig, ImsConfigInput } from '../core/domain/types';
import type { Difference } from './host-result';

export interface SetupConfig {
  title: string;
  authServerUrl: string;
  clientId: string;
  orgId: string;
  technicalAccountId: string;
  scopes: string[];
  /** Name of the environment variable holding the client secret (default BPSETUP_CLIENT_SECRET). */
  clientSecretEnv: string;
  /** Or a file holding only the secret. */
  clientSecretFile?: string;
  tenantUrl: string;
  cloudTitle: string;
  /** Public Folder Publish for a cloud service this run creates (an existing one keeps its own). */
  publicFolderPublish: boolean;
  /** 6.5 SP11–SP20: Adobe's IMS compatibility hotfix is installed on these authors. */
  hotfixInstalled: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The setup configuration cannot be used:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const SECRET_KEYS = /secret|password|private/i;

export interface SetupConfigOptions {
  /** `--confirm-tenant`: the tenant is not a *.brand-portal.adobe.com address, and Adobe gave it. */
  confirmTenant?: boolean;
}

export function parseSetupConfig(text: string, options: SetupConfigOptions = {}): SetupConfig {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new ConfigError(['the file is not JSON']);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(['the file must hold one JSON object']);
  const problems: string[] = [];
  const inline = Object.keys(raw).filter((k) => SECRET_KEYS.test(k) && !['clientSecretEnv', 'clientSecretFile'].includes(k));
  if (inline.length)
    problems.push(
      `${inline.join(', ')}: secrets never go in this file; name an environment variable in clientSecretEnv (or a file in clientSecretFile)`,
    );
  const str = (k: string, fallback = '') => (typeof raw[k] === 'string' ? (raw[k] as string).trim() : fallback);
  const scopes = Array.isArray(raw.scopes)
    ? raw.scopes.map(String)
    : str('scopes')
        .split(/[,\s]+/)
        .filter(Boolean);
  const config: SetupConfig = {
    title: str('title', 'Brand Portal'),
    authServerUrl: str('authServerUrl', IMS.defaultServer),
    clientId: str('clientId'),
    orgId: str('orgId'),
    technicalAccountId: str('technicalAccountId'),
    scopes,
    clientSecretEnv: str('clientSecretEnv', 'BPSETUP_CLIENT_SECRET'),
    clientSecretFile: str('clientSecretFile') || undefined,
    tenantUrl: str('tenantUrl'),
    cloudTitle: str('cloudTitle', 'Brand Portal'),
    publicFolderPublish: raw.publicFolderPublish === true,
    hotfixInstalled: raw.hotfixInstalled === true,
  };
  // The page's own rules, field by field.
  const values: Partial<Record<ImsFieldName, string>> = {
    title: config.title,
    authServerUrl: config.authServerUrl,
    clientId: config.clientId,
    orgId: config.orgId,
    technicalAccountId: config.technicalAccountId,
    scopes: config.scopes.join(','),
  };
  for (const [name, value] of Object.entries(values) as [ImsFieldName, string][]) {
    const verdict = IMS_FIELD_RULES[name](value, { authType: 'oauth', orgId: config.orgId, clientId: config.clientId });
    // No one is there to weigh a warning: what the page only warns about stops the CLI.
    if (verdict.error || verdict.warning) problems.push(`${name}: ${verdict.error ?? verdict.warning}`);
  }
  const tenant = checkTenant(config.tenantUrl, options.confirmTenant);
  if (tenant.problem) problems.push(`tenantUrl: ${tenant.problem}`);
  else config.tenantUrl = tenant.url as string; // https:// added where it was missing
  // The secret comes only from a variable named for it: any other (GITHUB_TOKEN, a password) would be sent to AEM and stored there.
  if (!SECRET_VARIABLE.test(config.clientSecretEnv))
    problems.push(
      `clientSecretEnv: ${config.clientSecretEnv} is not a client secret variable; use BPSETUP_CLIENT_SECRET or BPSETUP_CLIENT_SECRET_<NAME>`,
    );
  const cloudTitle = validateTitle(config.cloudTitle);
  if (cloudTitle.error) problems.push(`cloudTitle: ${cloudTitle.error}`);
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** The secret, from the environment or the secret file; checked with the page's rule. */
/** The variables a client secret may come from: `BPSETUP_CLIENT_SECRET`, or `BPSETUP_CLIENT_SECRET_<NAME>`. */
export const SECRET_VARIABLE = /^BPSETUP_CLIENT_SECRET(?:_[A-Z0-9_]+)?$/;

/** A secret file: one line, readable by its owner only (no group or other bits), so it is the file made for it. */
function readSecretFile(file: string): string {
  let text: string;
  let mode: number;
  try {
    mode = statSync(file).mode;
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError([`clientSecretFile: cannot read ${file}`]);
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0)
    throw new ConfigError([`clientSecretFile: ${file} may be read by others; make it readable by its owner only (chmod 600)`]);
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  if (lines.length !== 1) throw new ConfigError([`clientSecretFile: ${file} must hold the client secret alone, on one line`]);
  return lines[0].trim();
}

export function readClientSecret(config: SetupConfig, env: NodeJS.ProcessEnv): string {
  const secret = config.clientSecretFile ? readSecretFile(config.clientSecretFile) : env[config.clientSecretEnv];
  const verdict = IMS_FIELD_RULES.clientSecret(secret ?? '', { authType: 'oauth' });
  if (!secret || verdict.error)
    throw new ConfigError([
      `client secret: set the environment variable ${config.clientSecretEnv}${verdict.error ? ` (${verdict.error})` : ''}`,
    ]);
  return secret;
}

export const imsInputOf = (config: SetupConfig, clientSecret: string, configurationId?: string): ImsConfigInput => ({
  authType: 'oauth',
  title: config.title,
  authServerUrl: config.authServerUrl,
  clientId: config.clientId,
  clientSecret,
  orgId: config.orgId,
  technicalAccountId: config.technicalAccountId,
  scopes: config.scopes,
  configurationId,
});

const sameScopes = (a: string[] = [], b: string[] = []) => [...a].sort().join(',') === [...b].sort().join(',');
const hostOf = (u: string) => {
  try {
    return new URL(u).host;
  } catch {
    return u.replace(/\/+$/, '');
  }
};
const sameServer = (a = '', b = '') => hostOf(a) === hostOf(b);

/**
 * What an update would change in the stored configuration, property by property. The secret cannot
 * be read back, so it is never compared (`--update-secret` sends it again).
 */
export function imsDifferences(c: ImsConfig, config: SetupConfig): Difference[] {
  const out: Difference[] = [];
  const differ = (property: string, from: string | undefined, to: string) => {
    if ((from ?? '') !== to) out.push({ property, from: from ?? '', to });
  };
  if (c.authType !== 'oauth') out.push({ property: 'authentication', from: c.authType, to: 'oauth' });
  differ('title', c.title, config.title);
  differ('client ID', c.clientId, config.clientId);
  differ('organization ID', c.orgId, config.orgId);
  if (!sameScopes(c.scopes, config.scopes)) out.push({ property: 'scopes', from: (c.scopes ?? []).join(','), to: config.scopes.join(',') });
  if (!sameServer(c.endpoint ?? config.authServerUrl, config.authServerUrl))
    out.push({ property: 'authorization server', from: c.endpoint ?? '', to: config.authServerUrl });
  return out;
}

/**
 * A tenant URL as the page's rule takes it (https:// added where missing), and one outside
 * *.brand-portal.adobe.com only with --confirm-tenant: for setup.json and a hosts-file line alike.
 */
export function checkTenant(raw: string, confirmTenant?: boolean): { url?: string; problem?: string } {
  const tenant = validateTenantUrl(raw);
  if (tenant.error) return { problem: tenant.error };
  const url = tenant.normalised as string;
  if (!isBrandPortalAddress(url) && !confirmTenant)
    return {
      problem: `${url} is not a *.brand-portal.adobe.com address; check it, and add --confirm-tenant only if Adobe gave you this address`,
    };
  return { url };
}

/**
 * Each author's tenant for `setup`: its own from the hosts file, else setup.json's. One tenant on
 * several authors is refused before any author is contacted (an author takes one Brand Portal
 * tenant, and one tenant on two authors breaks asset contribution), unless `sharedTenant` says they
 * are one cluster, which `check` then proves from Sling's discovery.
 */
export function tenantsPerHost(
  hosts: readonly { url: string; tenantUrl?: string }[],
  config: SetupConfig,
  options: { confirmTenant?: boolean; sharedTenant?: boolean } = {},
): string[] {
  const problems: string[] = [];
  const tenants = hosts.map((h) => {
    if (h.tenantUrl === undefined) return config.tenantUrl;
    const own = checkTenant(h.tenantUrl, options.confirmTenant);
    if (own.problem) problems.push(`${h.url} tenant=: ${own.problem}`);
    return own.url ?? h.tenantUrl;
  });
  if (problems.length) throw new ConfigError(problems);
  if (!options.sharedTenant)
    for (const tenant of new Set(tenants)) {
      const on = hosts.filter((_, i) => tenants[i] === tenant).map((h) => h.url);
      if (on.length > 1)
        problems.push(
          `${tenant} would be the tenant of ${on.length} authors (${on.join(', ')}): an author takes one Brand Portal tenant. Give each its own on its hosts-file line (<url> tenant=https://<name>.brand-portal.adobe.com), or add --shared-tenant if these authors are one cluster.`,
        );
    }
  if (problems.length) throw new ConfigError(problems);
  return tenants;
}
