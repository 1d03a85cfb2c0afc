/**
 * The package's Check Health script (ui.apps components/health/json.jsp and POST.jsp), as AEM runs
 * it: only where the installed package put the node with its resource type and the scripts. Its
 * answers match the compiled JSP's (a contract test runs both): the provider selected by `name`,
 * a real token request to the IMS stub, the failure text AEM's provider writes, administrators only.
 * Without the scripts the request falls through to Sling's default servlets, as on AEM.
 */
import { ENDPOINTS } from '../../core/contract/endpoints';
import { HEALTH_SCRIPT, HEALTH_TEXT, RESOURCE_TYPES } from '../../core/contract/aem-names';
import type { HealthScriptAnswer, HealthScriptRefusal } from '../../core/domain/types';
import { type EmulatorContext, type Route, exactPath, route } from '../context';
import { type EmulatorRequest, sendJson } from '../http';
import { listImsConfigs } from '../ims-configs';
import { scrubText } from '../../core/domain/mask';
import { defaultPost } from './sling-post';
import { scriptInstalled } from '../package-scripts';
import { renderJson } from './sling-get';
import { requestAccessToken } from '../token-request';
import type { ServerResponse } from 'node:http';

/** The JSP masks token-shaped text and keeps 4,000 characters; the emulator uses the project's one masker. */
const maskAsScript = (text: string) => scrubText(text).slice(0, 4000);

const installed = (ctx: EmulatorContext, script: string) => scriptInstalled(ctx, HEALTH_SCRIPT.node, RESOURCE_TYPES.healthScript, script);

function refuse(res: ServerResponse, status: number, body: HealthScriptRefusal): void {
  res.setHeader('Cache-Control', 'no-store');
  sendJson(res, status, body);
}

async function answer(ctx: EmulatorContext, req: EmulatorRequest, res: ServerResponse): Promise<void> {
  if (!ctx.sessions.isAdministrator(req.user))
    return refuse(res, 403, { error: 'not-administrator', message: 'Only members of administrators may run Check Health.' });
  const name = (req.url.searchParams.get(HEALTH_SCRIPT.nameParam) ?? '').trim();
  if (!name) return refuse(res, 400, { error: 'missing-name', message: "Give the IMS configuration's name as ?name=." });
  const config = listImsConfigs(ctx.repo).find((c) => c.props.name === name);
  if (!config) return refuse(res, 404, { error: 'unknown-configuration', name, message: HEALTH_TEXT.noProvider });
  const started = Date.now();
  const token = await requestAccessToken(ctx, config);
  const durationMs = Date.now() - started;
  let body: HealthScriptAnswer;
  if (!('networkError' in token) && token.status === 200 && /"access_token"\s*:\s*"[^"]+"/.test(token.body)) {
    body = { name, healthy: true, durationMs };
  } else {
    const message = maskAsScript(
      'networkError' in token ? token.networkError : `${HEALTH_TEXT.providerFailure} status: ${token.status} response: ${token.body}`,
    );
    body = {
      name,
      healthy: false,
      status: Number(/status:\s*(\d{3})/.exec(message)?.[1]) || null,
      error: /"error"\s*:\s*"([^"]{1,100})"/.exec(message)?.[1] ?? null,
      errorDescription: /"error_description"\s*:\s*"([^"]{0,500})"/.exec(message)?.[1] ?? null,
      message,
      durationMs,
    };
  }
  res.setHeader('Cache-Control', 'no-store');
  sendJson(res, 200, body);
}

export function healthScriptRoutes(ctx: EmulatorContext): Route[] {
  const path = exactPath(ENDPOINTS.checkHealth.defaultPath);
  return [
    // Without json.jsp Sling's default GET servlet renders the node; without POST.jsp its POST servlet takes the form.
    route('GET', path, async (req, res) => {
      if (installed(ctx, HEALTH_SCRIPT.getScript)) return answer(ctx, req, res);
      return renderJson(ctx, req, res, HEALTH_SCRIPT.node, 0);
    }),
    route('POST', path, async (req, res) => {
      if (!installed(ctx, HEALTH_SCRIPT.postScript)) return defaultPost(ctx, req, res, HEALTH_SCRIPT.node);
      res.setHeader('Allow', 'GET');
      refuse(res, 405, { error: 'method-not-allowed', message: 'Check Health answers GET only.' });
    }),
  ];
}
