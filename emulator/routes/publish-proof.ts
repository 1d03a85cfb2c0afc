/**
 * The package's test publish (ui.apps components/publish-proof), as AEM runs it: one run at a time,
 * a 1×1 PNG asset in its own folder, its activation queued to the named Brand Portal agents only,
 * cleanup that takes its items out of the queues, unpublishes where it was delivered (the folder
 * too, once empty) and deletes it. Answers
 * match the compiled JSP's (a contract test runs both). Without the scripts Sling's defaults answer.
 */
import type { ServerResponse } from 'node:http';
import { ENDPOINTS } from '../../core/contract/endpoints';
import { AGENTS, PUBLISH_PROOF, RESOURCE_TYPES } from '../../core/contract/aem-names';
import type { PublishProofCleanup, PublishProofListing, PublishProofQueued } from '../../core/domain/types';
import { deliveryRefusal, receive } from '../agents';
import { agentContent } from '../brand-portal';
import { type EmulatorContext, type Route, exactPath, route } from '../context';
import { type EmulatorRequest, sendJson } from '../http';
import { scriptInstalled } from '../package-scripts';
import type { QueueItem } from '../replication';
import { renderJson } from './sling-get';
import { defaultPost } from './sling-post';

const P = PUBLISH_PROOF;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const refusal = (res: ServerResponse, status: number, error: string, message: string, extra: Record<string, string> = {}) =>
  sendJson(res, status, { error, ...extra, message });

/** AEM's Replicator queues to the agents the filter includes that are enabled. */
function replicate(ctx: EmulatorContext, agents: readonly string[], path: string, type: QueueItem['type'], user: string): void {
  for (const agent of agents)
    if (agentContent(ctx.repo, agent)?.props[AGENTS.props.enabled] === true)
      ctx.replication.enqueue(ctx, agent, path, type, user, deliveryRefusal, receive);
}

function cleanup(ctx: EmulatorContext, agents: readonly string[], path: string, delivered: boolean, user: string): PublishProofCleanup {
  const dequeued: string[] = [];
  const unpublish: string[] = [];
  for (const agent of agents) {
    if (ctx.replication.remove(agent, path)) dequeued.push(agent);
    else if (delivered) unpublish.push(agent);
  }
  const removed = ctx.repo.exists(path);
  if (removed && unpublish.length) replicate(ctx, unpublish, path, 'Deactivate', user);
  const siblings = Object.keys(ctx.repo.get(P.folder)?.children ?? {}).filter((name) => `${P.folder}/${name}` !== path);
  // The folder goes once empty, from Brand Portal too where the asset reached it.
  const folderUnpublish = ctx.repo.exists(P.folder) && !siblings.length && removed ? unpublish : [];
  if (folderUnpublish.length) replicate(ctx, folderUnpublish, P.folder, 'Deactivate', user);
  ctx.repo.change((tx) => {
    if (removed) tx.remove(path);
    const folder = tx.get(P.folder);
    if (folder && !Object.keys(folder.children).length) tx.remove(P.folder);
  });
  return { path, removed, dequeued, unpublishQueued: unpublish, unpublishError: null, folderUnpublishQueued: folderUnpublish };
}

async function post(ctx: EmulatorContext, req: EmulatorRequest, res: ServerResponse): Promise<void> {
  res.setHeader('Cache-Control', 'no-store');
  const user = req.user ?? 'anonymous';
  if (!ctx.sessions.isAdministrator(user))
    return refusal(res, 403, 'not-administrator', 'Only members of administrators may run the test publish.');
  const action = await req.param(P.actionParam);
  if (action !== P.actions.publish && action !== P.actions.cleanup)
    return refusal(res, 400, 'unknown-action', 'Give action=publish or action=cleanup.');
  const agents: string[] = [];
  for (const id of await req.params(P.agentParam)) {
    if (!P.agentPattern.test(id) || !agentContent(ctx.repo, id))
      return refusal(res, 400, 'unknown-agent', 'This is not a Brand Portal replication agent on this AEM.', { agent: id });
    if (!agents.includes(id)) agents.push(id);
  }
  if (!agents.length) return refusal(res, 400, 'missing-agent', "Name the tenant's Brand Portal agents as agent=<id>.");

  if (action === P.actions.cleanup) {
    const path = await req.param(P.pathParam);
    if (!path || !P.assetPattern.test(path))
      return refusal(res, 400, 'not-a-test-asset', `Only a test asset in ${P.folder} can be cleaned up here.`);
    return sendJson(res, 200, cleanup(ctx, agents, path, true, user));
  }

  const queuedAt = Date.now();
  const earlier = Object.keys(ctx.repo.get(P.folder)?.children ?? {})
    .map((name) => `${P.folder}/${name}`)
    .filter((path) => P.assetPattern.test(path));
  // One run at a time: a younger asset is another run still watching its queues.
  const running = earlier.find((path) => queuedAt - P.stampOf(path) < P.runExpiryMs);
  if (running)
    return refusal(res, 409, 'test-running', `Another test publish (${running}) is still running; run this one when it has ended.`, {
      path: running,
    });
  // What a run left that ended unseen (a closed browser, a lost connection) goes first.
  const swept = earlier;
  for (const old of swept) cleanup(ctx, agents, old, true, user);
  const path = `${P.folder}/bpsetup-test-${queuedAt}.png`;
  // AssetManager.createAsset: a dam:Asset with its original rendition, in a sling:OrderedFolder of
  // ours, saved as a workflow process saves (so no DAM workflow starts on it).
  ctx.repo.change((tx) => {
    if (!tx.get(P.folder)) tx.setProps(P.folder, { 'jcr:primaryType': 'sling:OrderedFolder', 'jcr:title': P.folderTitle });
    tx.setProps(path, { 'jcr:primaryType': 'dam:Asset' });
    tx.setProps(`${path}/jcr:content`, { 'jcr:primaryType': 'dam:AssetContent' });
    tx.writeFile(`${path}/jcr:content/renditions/original`, PNG, 'image/png');
  });
  if (ctx.faults.replicatorRefuses) {
    cleanup(ctx, agents, path, false, user);
    return refusal(res, 502, 'replication-refused', ctx.faults.replicatorRefuses);
  }
  replicate(ctx, agents, path, 'Activate', user);
  const body: PublishProofQueued = { path, agents, queuedAt, swept };
  sendJson(res, 200, body);
}

function list(ctx: EmulatorContext, req: EmulatorRequest, res: ServerResponse): void {
  res.setHeader('Cache-Control', 'no-store');
  if (!ctx.sessions.isAdministrator(req.user))
    return refusal(res, 403, 'not-administrator', 'Only members of administrators may run the test publish.');
  const folder = ctx.repo.get(P.folder);
  const body: PublishProofListing = {
    folder: P.folder,
    exists: !!folder,
    assets: Object.keys(folder?.children ?? {}).map((n) => `${P.folder}/${n}`),
  };
  sendJson(res, 200, body);
}

export function publishProofRoutes(ctx: EmulatorContext): Route[] {
  const installed = (script: string) => scriptInstalled(ctx, P.node, RESOURCE_TYPES.publishProof, script);
  return [
    route('GET', exactPath(ENDPOINTS.publishProofList.defaultPath), async (req, res) => {
      if (installed(P.getScript)) return list(ctx, req, res);
      return renderJson(ctx, req, res, P.node, 0);
    }),
    route(
      'POST',
      new RegExp(`^${ENDPOINTS.publishProof.defaultPath.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(\\.json)?$`),
      async (req, res) => {
        if (!installed(P.postScript)) return defaultPost(ctx, req, res, P.node);
        return post(ctx, req, res);
      },
    ),
  ];
}
