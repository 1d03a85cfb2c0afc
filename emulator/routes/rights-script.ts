/**
 * The package's rights preflight (ui.apps components/rights), as AEM runs it: the signed-in user's
 * read, create, modify and replicate on a folder, by the access lists Oak would evaluate. Matches
 * the compiled JSP (a contract test runs both). Without the scripts Sling's defaults answer.
 */
import type { ServerResponse } from 'node:http';
import { ENDPOINTS } from '../../core/contract/endpoints';
import { RESOURCE_TYPES, RIGHTS_SCRIPT } from '../../core/contract/aem-names';
import type { FolderRights } from '../../core/domain/types';
import { holdsPrivilege } from '../access-control';
import { type EmulatorContext, type Route, exactPath, route } from '../context';
import { type EmulatorRequest, sendJson } from '../http';
import { isRepositoryPath } from '../store';
import { scriptInstalled } from '../package-scripts';
import { renderJson } from './sling-get';
import { defaultPost } from './sling-post';

function answer(ctx: EmulatorContext, req: EmulatorRequest, res: ServerResponse): void {
  res.setHeader('Cache-Control', 'no-store');
  let path = (req.url.searchParams.get(RIGHTS_SCRIPT.pathParam) ?? '').trim();
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  if (!path.startsWith('/') || path.includes('//') || path.includes('/../') || path.endsWith('/..'))
    return sendJson(res, 400, { error: 'missing-path', message: "Give the folder's repository path as ?path=/content/dam/…." });
  if (!isRepositoryPath(path))
    return sendJson(res, 400, {
      error: 'bad-path',
      path,
      message: "This is not a repository path: give the folder's path as ?path=/content/dam/….",
    });
  const user = req.user ?? 'anonymous';
  const admin = ctx.sessions.isAdministrator(user);
  const who = ctx.sessions.principalsOf(user);
  const holds = (privilege: string) => admin || holdsPrivilege(ctx.repo, who, path, privilege);
  if (!ctx.repo.exists(path) || !holds('jcr:read'))
    return sendJson(res, 404, { error: 'not-found', path, message: 'There is no folder at this path, or you may not read it.' });
  const body: FolderRights = { path, user, privileges: Object.fromEntries(RIGHTS_SCRIPT.privileges.map((p) => [p, holds(p)])) };
  sendJson(res, 200, body);
}

export function rightsScriptRoutes(ctx: EmulatorContext): Route[] {
  const path = exactPath(ENDPOINTS.folderRights.defaultPath);
  const installed = (script: string) => scriptInstalled(ctx, RIGHTS_SCRIPT.node, RESOURCE_TYPES.rightsScript, script);
  return [
    route('GET', path, async (req, res) => {
      if (installed(RIGHTS_SCRIPT.getScript)) return answer(ctx, req, res);
      return renderJson(ctx, req, res, RIGHTS_SCRIPT.node, 0);
    }),
    route('POST', path, async (req, res) => {
      if (!installed(RIGHTS_SCRIPT.postScript)) return defaultPost(ctx, req, res, RIGHTS_SCRIPT.node);
      res.setHeader('Allow', 'GET');
      sendJson(res, 405, { error: 'method-not-allowed', message: 'The rights preflight answers GET only.' });
    }),
  ];
}
