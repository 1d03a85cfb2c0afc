/** Brand Portal cloud service save and agent Test Connection [contract: Brand Portal cloud service and agents]. */
import { ENDPOINTS } from '../../core/contract/endpoints';
import { CLOUD_CONFIG } from '../../core/contract/aem-names';
import { type EmulatorContext, type Route, exactPath, route } from '../context';
import { sendHtml, sendJson, sendText, slingHtmlResponse } from '../http';
import { saveCloudConfig } from '../brand-portal';
import { agentLog, agentQueue, testConnection } from '../agents';

const C = CLOUD_CONFIG.params;
const agentsRoot = ENDPOINTS.agentsRoot.path.replace(/\./g, '\\.');

export function brandPortalRoutes(ctx: EmulatorContext): Route[] {
  return [
    route('POST', exactPath(ENDPOINTS.cloudConfigCreate.path), async (req, res) => {
      const p = async (name: string) => ((await req.param(name)) ?? '').trim();
      const path = saveCloudConfig(ctx, {
        item: (await p(C.item)) || undefined,
        name: await p(C.name),
        tenantUrl: await p(C.tenantUrl),
        imsConfig: await p(C.imsConfig),
        pubFolder: (await p(C.pubFolder)) || undefined,
        oauthScopes: (await p(C.oauthScopes)) || undefined,
      });
      slingHtmlResponse(res, 200, 'Brand Portal configuration saved', path);
    }),

    route('GET', new RegExp(`^${agentsRoot}/([^/]+)/jcr:content\\.queue\\.json$`), (_req, res, match) => {
      const queue = agentQueue(ctx, match[1]);
      if (!queue) return sendText(res, 404, `Agent not found: ${match[1]}`);
      sendJson(res, 200, queue);
    }),

    route('GET', new RegExp(`^${agentsRoot}/([^/]+)\\.log\\.html$`), (_req, res, match) => {
      const log = agentLog(ctx, match[1]);
      if (!log) return sendText(res, 404, `Agent not found: ${match[1]}`);
      sendHtml(res, 200, log);
    }),

    route('GET', new RegExp(`^${agentsRoot}/([^/]+)\\.test\\.html$`), async (_req, res, match) => {
      const result = await testConnection(ctx, match[1]);
      sendHtml(res, result.status, result.html);
    }),
  ];
}
