/**
 * IMS technical-account configurations as AEM's IMS configuration servlet stores them
 * [contract: IMS configurations]: two Felix `.config` files per configuration under /apps/system/config,
 * the access-token provider and its IMS request customizer (which holds the client secret,
 * protected). The files are the truth; everything is read back from them.
 */
import { randomUUID } from 'node:crypto';
import { IMS, IMS_OSGI } from '../core/contract/aem-names';
import { type FelixValue, formatFelixConfig, isConfigFileOf, parseFelixConfig } from '../core/domain/felix-config';
import type { AuthType } from '../core/domain/types';
import { protect, unprotect } from './crypto';
import type { Repository, RepositoryTransaction } from './store';

const P = IMS_OSGI.props;

export interface ImsServletInput {
  authType: AuthType;
  title: string;
  authServerUrl: string;
  clientId: string;
  clientSecret: string;
  /** JWT: the payload claims (exp is set fresh for every token request). */
  jwtClaims?: Record<string, unknown>;
  keyAlias?: string;
  orgId?: string;
  scopes?: string[];
}

export interface StoredImsConfig {
  /** The id the servlet answered and the cloud service references. */
  id: string;
  pid: string;
  providerFile: string;
  customizerFile?: string;
  title: string;
  authType: AuthType;
  props: Record<string, FelixValue>;
}

const isProviderFile = (name: string) => isConfigFileOf(IMS_OSGI.providerPid, name);
const isCustomizerFile = (name: string) => isConfigFileOf(IMS_OSGI.customizerPid, name);
/** `<pid>.<n>.config` or `<pid>-<n>.config` → `<n>` (both spellings occur, [contract: IMS configurations]). */
const suffixOf = (name: string, pid: string) => name.slice(pid.length + 1).replace(/\.config$/, '');

/** `"key": value` strings, the default-claims format of the provider [contract: IMS configurations]. */
export function claimsToDefaultClaims(claims: Record<string, unknown>): string[] {
  return Object.entries(claims)
    .filter(([k]) => k !== 'exp')
    .map(([k, v]) => `"${k}": ${JSON.stringify(v)}`);
}

export function defaultClaimsToObject(lines: FelixValue | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const line of Array.isArray(lines) ? lines : []) {
    try {
      Object.assign(out, JSON.parse(`{${line}}`) as Record<string, unknown>);
    } catch {
      // An unreadable claim line is skipped, as a lenient reader would.
    }
  }
  return out;
}

function readFile(repo: Repository, name: string): Record<string, FelixValue> {
  const data = repo.readFile(`${IMS_OSGI.configFolder}/${name}`);
  return data ? parseFelixConfig(data.toString('utf8')) : {};
}

export function listImsConfigs(repo: Repository): StoredImsConfig[] {
  const folder = repo.get(IMS_OSGI.configFolder);
  const names = Object.keys(folder?.children ?? {});
  const customizers = names.filter(isCustomizerFile).map((file) => ({ file, type: readFile(repo, file)[P.customizerType] }));
  return names.filter(isProviderFile).map((providerFile) => {
    const n = suffixOf(providerFile, IMS_OSGI.providerPid);
    const props = readFile(repo, providerFile);
    // As AEM pairs them: the customizer whose type the provider names, whatever the file is called.
    const pairing = props[P.tokenRequestCustomizerType];
    const customizerFile = typeof pairing === 'string' && pairing ? customizers.find((c) => c.type === pairing)?.file : undefined;
    return {
      id: n,
      pid: `${IMS_OSGI.providerPid}.${n}`,
      providerFile,
      customizerFile,
      title: String(props[P.title] ?? ''),
      authType: props[P.grants] === IMS_OSGI.clientCredentialsGrant ? 'oauth' : 'jwt',
      props,
    };
  });
}

export const findImsConfig = (repo: Repository, id: string): StoredImsConfig | undefined =>
  listImsConfigs(repo).find((c) => c.id === id || c.pid === id || c.pid.replace(/\./g, '-') === id);

export function clientSecretOf(repo: Repository, config: StoredImsConfig): string {
  if (!config.customizerFile) return '';
  const secret = readFile(repo, config.customizerFile)[P.clientSecret];
  return typeof secret === 'string' ? unprotect(repo, secret) : '';
}

function providerProps(input: ImsServletInput, n: string): Record<string, FelixValue> {
  const base = input.authServerUrl.replace(/\/+$/, '');
  const common: Record<string, FelixValue> = {
    [P.name]: n,
    [P.title]: input.title,
    [P.endpoint]: base,
    [P.clientId]: input.clientId,
    'auth.token.provider.conn.timeout': 10000,
    'auth.token.provider.so.timeout': 10000,
    'auth.token.provider.reuse.access.token': true,
    'auth.token.provider.relaxed.ssl': false,
    // The pairing AEM resolves: this value equals the customizer's `customizer.type`. No validator
    // type is written: the value AEM's wizard gives `auth.token.validator.type` is not known.
    [P.tokenRequestCustomizerType]: n,
  };
  if (input.authType === 'oauth') {
    return {
      ...common,
      [P.accessTokenRequest]: `${base}${IMS.tokenV3Path}`,
      [P.defaultClaims]: [`"iss" : "${input.orgId ?? ''}"`],
      [P.scope]: (input.scopes ?? []).join(','),
      [P.grants]: IMS_OSGI.clientCredentialsGrant,
      [P.orgId]: input.orgId ?? '',
    };
  }
  return {
    ...common,
    [P.accessTokenRequest]: `${base}${IMS.jwtExchangePath}`,
    [P.defaultClaims]: claimsToDefaultClaims(input.jwtClaims ?? {}),
    [P.keypairAlias]: input.keyAlias ?? '',
  };
}

function writeFelix(tx: RepositoryTransaction, name: string, props: Record<string, FelixValue>): void {
  tx.writeFile(`${IMS_OSGI.configFolder}/${name}`, Buffer.from(formatFelixConfig(props)), 'text/plain');
}

/** Creates (no `existingId`) or updates a configuration; answers its id. */
export function saveImsConfig(repo: Repository, input: ImsServletInput, existingId?: string): string {
  const existing = existingId ? findImsConfig(repo, existingId) : undefined;
  const n = existing?.id ?? randomUUID();
  const secret = protect(repo, input.clientSecret);
  repo.change((tx) => {
    tx.ensure(IMS_OSGI.configFolder, 'nt:folder', 'sling:Folder');
    const providerFile = existing?.providerFile ?? `${IMS_OSGI.providerPid}.${n}.config`;
    const customizerFile = existing?.customizerFile ?? `${IMS_OSGI.customizerPid}.${n}.config`;
    writeFelix(tx, providerFile, providerProps(input, n));
    writeFelix(tx, customizerFile, { [P.customizerType]: n, [P.clientSecret]: secret });
  });
  return n;
}

/** Removes the provider and its paired customizer; false when no such configuration. */
export function deleteImsConfig(repo: Repository, pidOrId: string): boolean {
  const config = findImsConfig(repo, pidOrId);
  if (!config) return false;
  repo.change((tx) => {
    tx.remove(`${IMS_OSGI.configFolder}/${config.providerFile}`);
    if (config.customizerFile) tx.remove(`${IMS_OSGI.configFolder}/${config.customizerFile}`);
  });
  return true;
}
