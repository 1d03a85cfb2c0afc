/**
 * The package's read of who may write the page's settings (ui.apps components/settings-writers), as
 * AEM runs it: every entry of the effective access lists on the settings and their endpoints node,
 * with whether its principal is a user or a group. Matches the compiled JSP (a contract test runs
 * both). Without the scripts Sling's defaults answer.
 */
import type { ServerResponse } from 'node:http';
import { ENDPOINTS } from '../../core/contract/endpoints';
import { RESOURCE_TYPES, SETTINGS_WRITERS_SCRIPT } from '../../core/contract/aem-names';
import type { SettingsWriterEntry } from '../../core/domain/settings-writers';
import { ADMINISTRATORS, effectiveEntries } from '../access-control';
import { type EmulatorContext, type Route, exactPath, route } from '../context';
import { type EmulatorRequest, sendJson } from '../http';
import { scriptInstalled } from '../package-scripts';
import { renderJson } from './sling-get';
import { defaultPost } from './sling-post';

const S = SETTINGS_WRITERS_SCRIPT;

/** What UserManager.getAuthorizable(principal) finds: a user (a signed-up account), a group, or nothing (everyone). */
function isGroup(ctx: EmulatorContext, principal: string): boolean | null {
  if (principal === ADMINISTRATORS) return true;
  if (ctx.sessions.knows(principal)) return false;
  return ctx.sessions.groups().includes(principal) ? true : null;
}

function answer(ctx: EmulatorContext, req: EmulatorRequest, res: ServerResponse): void {
  res.setHeader('Cache-Control', 'no-store');
  if (!ctx.sessions.isAdministrator(req.user))
    return sendJson(res, 403, { error: 'not-administrator', message: 'Only members of administrators may read access lists.' });
  const listed = new Set<string>();
  const entries: SettingsWriterEntry[] = [];
  for (const path of S.paths) {
    if (!ctx.repo.exists(path)) continue;
    const found = effectiveEntries(ctx.repo, path).filter((e) => !listed.has(e.path));
    for (const e of found) entries.push({ ...e, group: isGroup(ctx, e.principal) });
    for (const e of found) listed.add(e.path);
  }
  sendJson(res, 200, { entries });
}

export function settingsWritersRoutes(ctx: EmulatorContext): Route[] {
  const installed = (script: string) => scriptInstalled(ctx, S.node, RESOURCE_TYPES.settingsWriters, script);
  return [
    route('GET', exactPath(ENDPOINTS.settingsWriters.defaultPath), (req, res) =>
      installed(S.getScript) ? answer(ctx, req, res) : renderJson(ctx, req, res, S.node, 0),
    ),
    route('POST', exactPath(ENDPOINTS.settingsWriters.defaultPath), async (req, res) => {
      if (!installed(S.postScript)) return defaultPost(ctx, req, res, S.node);
      res.setHeader('Allow', 'GET');
      sendJson(res, 405, { error: 'method-not-allowed', message: 'The settings-writers read answers GET only.' });
    }),
  ];
}
