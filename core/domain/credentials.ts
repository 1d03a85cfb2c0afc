/**
 * Reads the credential files the Adobe Developer Console lets an admin download [contract: Credential formats]:
 * the project JSON ("Download all"), the single OAuth Server-to-Server credential file, and
 * hand-made flat files. Keys match case-insensitively; unknown keys are ignored. The text is
 * read in memory only; the caller never uploads or stores it.
 */

export interface ParsedCredentials {
  clientId?: string;
  clientSecret?: string;
  orgId?: string;
  technicalAccountId?: string;
  technicalAccountEmail?: string;
  scopes?: string[];
  /** oauth for OAuth Server-to-Server, jwt for a Service Account (JWT) credential. */
  authType?: 'oauth' | 'jwt';
  /** Plain-language remarks for the admin (several secrets, several credentials…). */
  notes: string[];
}

export class CredentialsError extends Error {}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Case-insensitive key lookup. */
function pick(obj: Json, ...names: string[]): unknown {
  for (const name of names) {
    const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key !== undefined && obj[key] !== undefined && obj[key] !== null) return obj[key];
  }
  return undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.map(String).filter(Boolean) : typeof v === 'string' && v.trim() ? v.split(/[,\s]+/).filter(Boolean) : undefined;

function secretFrom(obj: Json, notes: string[]): string | undefined {
  const many = pick(obj, 'client_secrets');
  if (Array.isArray(many)) {
    if (many.length > 1) notes.push('The file lists several client secrets; the first one is used.');
    return str(many[0]);
  }
  return str(pick(obj, 'client_secret'));
}

function fromFlat(obj: Json, notes: string[]): ParsedCredentials {
  return {
    clientId: str(pick(obj, 'client_id', 'api_key')),
    clientSecret: secretFrom(obj, notes),
    orgId: str(pick(obj, 'ims_org_id', 'org_id', 'organization_id')),
    technicalAccountId: str(pick(obj, 'technical_account_id')),
    technicalAccountEmail: str(pick(obj, 'technical_account_email')),
    scopes: strings(pick(obj, 'scopes', 'meta_scopes')),
    notes,
  };
}

function fromProject(project: Json, notes: string[]): ParsedCredentials {
  const org = pick(project, 'org');
  const orgId = isObject(org) ? str(pick(org, 'ims_org_id')) : undefined;
  const workspace = pick(project, 'workspace');
  const details = isObject(workspace) ? pick(workspace, 'details') : undefined;
  const list = isObject(details) ? pick(details, 'credentials') : undefined;
  const credentials = Array.isArray(list) ? list.filter(isObject) : [];
  const oauth = credentials.filter((c) => pick(c, 'integration_type') === 'oauth_server_to_server');
  const jwt = credentials.filter((c) => pick(c, 'integration_type') === 'service_account');
  const chosen = oauth[0] ?? jwt[0];
  if (!chosen) throw new CredentialsError('This project file has no OAuth Server-to-Server or Service Account (JWT) credential.');
  if (oauth.length + jwt.length > 1)
    notes.push(
      `The project has ${oauth.length + jwt.length} credentials; the first ${oauth[0] ? 'OAuth Server-to-Server' : 'JWT'} one is used.`,
    );
  const type = pick(chosen, 'integration_type') as string;
  const body = pick(chosen, type);
  const parsed = fromFlat(isObject(body) ? body : {}, notes);
  return { ...parsed, orgId: orgId ?? parsed.orgId, authType: type === 'oauth_server_to_server' ? 'oauth' : 'jwt' };
}

export function parseCredentials(text: string): ParsedCredentials {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CredentialsError(
      'This is not a JSON file. Download the credential JSON from the Adobe Developer Console and paste or drop it here.',
    );
  }
  if (!isObject(json)) throw new CredentialsError('The file must hold a JSON object.');
  const notes: string[] = [];
  const project = pick(json, 'project');
  const parsed = isObject(project) ? fromProject(project, notes) : fromFlat(json, notes);
  if (!parsed.clientId && !parsed.orgId && !parsed.technicalAccountId) {
    throw new CredentialsError('No client ID, organization ID or technical account ID found in this file.');
  }
  if (!parsed.authType && parsed.scopes) parsed.authType = 'oauth';
  return parsed;
}
