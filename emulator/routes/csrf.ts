/** `GET /libs/granite/csrf/token.json` [contract: Session, CSRF and the page itself]. */
import { ENDPOINTS } from '../../core/contract/endpoints';
import { type EmulatorContext, type Route, exactPath, route } from '../context';
import { sendJson, sendText } from '../http';

export function csrfRoutes(ctx: EmulatorContext): Route[] {
  return [
    route('GET', exactPath(ENDPOINTS.csrfToken.path), (req, res) => {
      // Faults: a Dispatcher that blocks token.json, or a token the filter will not accept.
      if (ctx.faults.csrf === 'blocked') return sendText(res, 404, 'Not Found');
      if (ctx.faults.csrf === 'invalid') return sendJson(res, 200, { token: 'invalid.token.value' });
      sendJson(res, 200, { token: ctx.csrf.issue(req.user as string) });
    }),
  ];
}
