/** `GET /libs/granite/csrf/token.json` (contract 2.1). */
import { ENDPOINTS } from '../../ui.frontend/src/aem/endpoints';
import { type EmulatorContext, type Route, exactPath, route } from '../context';
import { sendJson } from '../http';

export function csrfRoutes(ctx: EmulatorContext): Route[] {
  return [route('GET', exactPath(ENDPOINTS.csrfToken.path), (req, res) => sendJson(res, 200, { token: ctx.csrf.issue(req.user as string) }))];
}
