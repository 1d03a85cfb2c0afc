/**
 * POSTs to repository paths, as Sling resolves them: a node whose resource type has a servlet
 * goes to that servlet (our package's /apps/bpsetup/ims/* nodes reach AEM's IMS servlets this
 * way); a replication agent's jcr:content takes Sling POST property updates; anything else is
 * refused, so a mis-mapped write can never store form fields (and a secret) on a node.
 */
import type { ServerResponse } from 'node:http';
import { AGENTS, ENDPOINTS, SLING_POST } from '../../ui.frontend/src/aem/endpoints';
import { type EmulatorContext, type Route, route } from '../context';
import { type EmulatorRequest, HttpError, sendText, slingHtmlResponse } from '../http';
import type { JcrScalar, JcrValue } from '../store';

export type Servlet = (req: EmulatorRequest, res: ServerResponse) => Promise<void> | void;
export type ServletMap = Record<string, Servlet>;

const AGENT_CONTENT = new RegExp(`^${ENDPOINTS.agentsRoot.path.replace(/\./g, '\\.')}/[^/]+/jcr:content$`);

/** Where the emulator lets `:operation=delete` through: Brand Portal agents, cloud configurations, tenant users. */
const DELETABLE = [
  new RegExp(`^${ENDPOINTS.agentsRoot.path.replace(/\./g, '\\.')}/${AGENTS.namePrefix}[^/]+$`),
  new RegExp(`^${ENDPOINTS.cloudConfigRoot.path}/[^/]+$`),
  new RegExp(`^${ENDPOINTS.legacyCloudConfigRoot.path}/[^/]+$`),
  new RegExp(`^${ENDPOINTS.macUsersRoot.path}/[^/]+$`),
];

function typed(values: string[], hint: string | undefined): JcrValue {
  const convert = (v: string): JcrScalar => {
    switch (hint) {
      case 'Boolean':
        return v === 'true';
      case 'Long':
      case 'Double':
        return Number(v);
      default:
        return v;
    }
  };
  return hint?.endsWith('[]') || values.length > 1 ? values.map((v) => convert(v)) : convert(values[0] ?? '');
}

/** Sling POST servlet semantics for plain property updates: `@TypeHint`, `@Delete`, `:` fields ignored. */
async function updateProperties(ctx: EmulatorContext, req: EmulatorRequest, res: ServerResponse, path: string): Promise<void> {
  const fields = (await req.body()).fields;
  const changes: Record<string, JcrValue | null> = {};
  for (const [name, values] of fields) {
    if (name.startsWith(':') || name === '_charset_' || name.includes('@')) continue;
    if (name.startsWith('jcr:primaryType')) throw new HttpError(400, 'jcr:primaryType cannot be changed');
    changes[name] = typed(values, fields.get(`${name}@TypeHint`)?.[0]);
  }
  for (const name of fields.keys()) {
    if (name.endsWith('@Delete')) changes[name.slice(0, -'@Delete'.length)] = null;
  }
  ctx.repo.change((tx) => tx.setProps(path, changes));
  slingHtmlResponse(res, 200, 'Content modified', path);
}

export function slingPostRoutes(ctx: EmulatorContext, servlets: ServletMap): Route[] {
  return [
    route('POST', /^(\/.+)$/, async (req, res, match) => {
      const path = match[1];
      const node = ctx.repo.get(path);
      if ((await req.param(SLING_POST.operation)) === SLING_POST.delete) {
        if (!node) return slingHtmlResponse(res, 404, `No node at ${path}`, path);
        if (!DELETABLE.some((r) => r.test(path))) return slingHtmlResponse(res, 403, `Deleting ${path} is not allowed`, path);
        ctx.repo.change((tx) => tx.remove(path));
        return slingHtmlResponse(res, 200, 'Content deleted', path);
      }
      const servlet = servlets[String(node?.props['sling:resourceType'] ?? '')];
      if (node && servlet) return servlet(req, res);
      if (node && AGENT_CONTENT.test(path)) return updateProperties(ctx, req, res, path);
      sendText(res, 405, `Method POST not allowed for ${path}`);
    }),
  ];
}
