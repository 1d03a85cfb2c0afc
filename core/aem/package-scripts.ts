/**
 * Typed calls to the package's own scripts beyond Check Health (ui.apps components/publish-proof
 * and components/rights). A script that does not answer as itself (the package is older or not
 * installed, or AEM could not compile it) is "unavailable on this AEM": nothing is judged, and no
 * POST is sent to a node not proven to be ours (Sling's default servlet would store the form).
 */
import type { AemSession } from './session';
import { PUBLISH_PROOF, RIGHTS_SCRIPT } from '../contract/aem-names';
import type { Endpoint } from '../contract/endpoints';
import type { FolderRights, PublishProofCleanup, PublishProofListing, PublishProofQueued } from '../domain/types';
import { EndpointUnavailableError, ScriptRefusalError } from '../errors';
import { readBody } from './fetch';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The script's JSON, or a typed failure: its own refusal, or unavailable when something else answered. */
async function answer(res: Response, endpoint: Endpoint, isOwn: (json: Json) => boolean): Promise<Json> {
  const { json } = await readBody(res);
  if (isObject(json) && typeof json.error === 'string' && typeof json.message === 'string' && res.status >= 400)
    throw new ScriptRefusalError(res.status, json.error, json.message, endpoint.path);
  if (res.ok && isObject(json) && isOwn(json)) return json;
  throw new EndpointUnavailableError(endpoint, res.status);
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** GET publish-proof.json: what the test publish's folder holds. Also proves the script is installed. */
export async function listTestPublish(s: AemSession): Promise<PublishProofListing> {
  const e = s.endpoints.publishProofList;
  const json = await answer(await s.fetch(e.path), e, (j) => j.folder === PUBLISH_PROOF.folder && typeof j.exists === 'boolean');
  return { folder: PUBLISH_PROOF.folder, exists: json.exists === true, assets: strings(json.assets) };
}

const proofForm = (action: string, agents: readonly string[], extra: Record<string, string> = {}) => {
  const form = new URLSearchParams({ [PUBLISH_PROOF.actionParam]: action, ...extra });
  for (const a of agents) form.append(PUBLISH_PROOF.agentParam, a);
  return form;
};

/** POST action=publish: the test asset is made and its activation queued to these agents only. */
export async function startTestPublish(s: AemSession, agents: readonly string[]): Promise<PublishProofQueued> {
  const e = s.endpoints.publishProof;
  const res = await s.fetch(e.path, { method: 'POST', body: proofForm(PUBLISH_PROOF.actions.publish, agents) });
  const json = await answer(res, e, (j) => typeof j.path === 'string' && PUBLISH_PROOF.assetPattern.test(j.path));
  return {
    path: String(json.path),
    agents: strings(json.agents),
    queuedAt: Number(json.queuedAt) || Date.now(),
    swept: strings(json.swept),
  };
}

/** POST action=cleanup: the asset leaves the queues, is unpublished where it was delivered, and is deleted. */
export async function cleanupTestPublish(s: AemSession, path: string, agents: readonly string[]): Promise<PublishProofCleanup> {
  const e = s.endpoints.publishProof;
  const res = await s.fetch(e.path, {
    method: 'POST',
    body: proofForm(PUBLISH_PROOF.actions.cleanup, agents, { [PUBLISH_PROOF.pathParam]: path }),
  });
  const json = await answer(res, e, (j) => j.path === path && typeof j.removed === 'boolean');
  return {
    path,
    removed: json.removed === true,
    dequeued: strings(json.dequeued),
    unpublishQueued: strings(json.unpublishQueued),
    unpublishError: typeof json.unpublishError === 'string' ? json.unpublishError : null,
    folderUnpublishQueued: strings(json.folderUnpublishQueued),
  };
}

/** GET rights.json?path=: the signed-in user's read, create, modify and replicate on a folder. */
export async function readFolderRights(s: AemSession, path: string): Promise<FolderRights> {
  const e = s.endpoints.folderRights;
  const res = await s.fetch(`${e.path}?${new URLSearchParams({ [RIGHTS_SCRIPT.pathParam]: path })}`);
  const json = await answer(res, e, (j) => typeof j.path === 'string' && isObject(j.privileges));
  const held = json.privileges as Json;
  return {
    path: String(json.path),
    user: String(json.user ?? ''),
    privileges: Object.fromEntries(RIGHTS_SCRIPT.privileges.map((p) => [p, typeof held[p] === 'boolean' ? (held[p] as boolean) : null])),
  };
}
