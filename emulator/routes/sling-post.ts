/**
 * POSTs to repository paths, as Sling resolves them on AEM: a node whose resource type has a
 * servlet goes to that servlet (our package's /apps/bpsetup/ims/* nodes reach AEM's IMS servlets
 * this way); a user node takes `deleteAuthorizable` (user management); everything else falls to
 * Sling's default POST servlet, which stores every form field as a property (creating the node when
 * missing) and answers its HTML status page, or deletes with `:operation=delete`. Node types that
 * allow no arbitrary properties refuse the fields, as JCR does.
 */
import type { ServerResponse } from 'node:http';
import { AUTHORIZABLES, SLING_POST } from '../../core/contract/aem-names';
import { mayWrite } from '../access-control';
import { isAuthorizable } from '../authorizables';
import { type EmulatorContext, type Route, route } from '../context';
import { type EmulatorRequest, HttpError, slingHtmlResponse } from '../http';
import { type JcrScalar, type JcrValue, type RepoNode, isSafeNodeName } from '../store';
import { isPrivatePath } from './sling-get';

export type Servlet = (req: EmulatorRequest, res: ServerResponse) => Promise<void> | void;
export type ServletMap = Record<string, Servlet>;

/** Primary types with no residual property definition: only these properties (and mixins') fit. */
const CLOSED_TYPES: Record<string, string[]> = {
  'nt:folder': ['jcr:created', 'jcr:createdBy'],
  'nt:file': ['jcr:created', 'jcr:createdBy'],
  'cq:Page': [],
  'rep:AuthorizableFolder': [],
  'rep:User': ['rep:authorizableId', 'rep:principalName', 'rep:password', 'rep:disabled'],
  'rep:SystemUser': ['rep:authorizableId', 'rep:principalName', 'rep:disabled'],
};
const MIXIN_PROPERTIES: Record<string, string[]> = {
  'sling:Resource': ['sling:resourceType'],
  'mix:title': ['jcr:title', 'jcr:description'],
};
const ALWAYS = ['jcr:primaryType', 'jcr:mixinTypes'];

function allowedProperty(node: RepoNode | undefined, name: string): boolean {
  const type = String(node?.props['jcr:primaryType'] ?? 'nt:unstructured');
  const closed = CLOSED_TYPES[type];
  if (!closed || ALWAYS.includes(name) || closed.includes(name)) return true;
  const mixins = node?.props['jcr:mixinTypes'];
  return (Array.isArray(mixins) ? mixins : []).some((m) => MIXIN_PROPERTIES[String(m)]?.includes(name));
}

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

/** Which request parameters Sling's modify operation stores (its `./` prefix rule and `@` suffixes). */
function propertyChanges(fields: Map<string, string[]>): Record<string, JcrValue | null> {
  const names = [...fields.keys()].filter((n) => !n.startsWith(':') && n !== '_charset_');
  const prefixed = names.some((n) => n.startsWith('./'));
  const changes: Record<string, JcrValue | null> = {};
  for (const raw of names) {
    if (prefixed && !raw.startsWith('./')) continue;
    const name = raw.replace(/^\.\//, '');
    const at = name.indexOf('@');
    if (at >= 0) {
      if (name.endsWith(SLING_POST.deleteSuffix)) changes[name.slice(0, at)] = null;
      continue;
    }
    if (changes[name] === null) continue;
    changes[name] = typed(fields.get(raw) ?? [], fields.get(`${raw}${SLING_POST.typeHintSuffix}`)?.[0]);
  }
  return changes;
}

/** Sling's default POST servlet: modify (create when missing) or delete. */
export async function defaultPost(ctx: EmulatorContext, req: EmulatorRequest, res: ServerResponse, path: string): Promise<void> {
  const node = ctx.repo.get(path);
  const operation = await req.param(SLING_POST.operation);
  if (operation === SLING_POST.delete) {
    if (!node) return slingHtmlResponse(res, 404, `No node at ${path}`, path);
    if (isAuthorizable(node.props['jcr:primaryType'])) {
      return slingHtmlResponse(
        res,
        500,
        `javax.jcr.nodetype.ConstraintViolationException: ${path} is an authorizable: remove it through user management (${AUTHORIZABLES.deleteField})`,
        path,
      );
    }
    ctx.repo.change((tx) => tx.remove(path));
    return slingHtmlResponse(res, 200, 'Content deleted', path);
  }
  if (operation) return slingHtmlResponse(res, 500, `Invalid operation specified for POST request: ${operation}`, path);
  const changes = propertyChanges((await req.body()).fields);
  const unsafe = Object.keys(changes).find((name) => !isSafeNodeName(name));
  if (unsafe) return slingHtmlResponse(res, 500, `Invalid property name: ${unsafe}`, path);
  const refused = Object.keys(changes).find((name) => changes[name] !== null && !allowedProperty(node, name));
  if (refused)
    return slingHtmlResponse(
      res,
      500,
      `javax.jcr.nodetype.ConstraintViolationException: No matching property definition: ${refused}`,
      path,
    );
  if (changes['jcr:primaryType'] !== undefined && node) return slingHtmlResponse(res, 500, 'jcr:primaryType cannot be changed', path);
  ctx.repo.change((tx) => {
    const target = tx.ensure(path, String(changes['jcr:primaryType'] ?? 'nt:unstructured'));
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) delete target.props[k];
      else target.props[k] = v;
    }
  });
  slingHtmlResponse(res, node ? 200 : 201, node ? 'Content modified' : 'Content created', path);
}

export function slingPostRoutes(ctx: EmulatorContext, servlets: ServletMap): Route[] {
  return [
    route('POST', /^(\/.+)$/, async (req, res, match) => {
      const path = match[1];
      // The emulator's own data is not part of the AEM it imitates: as if absent, and never writable.
      if (isPrivatePath(path)) throw new HttpError(404, `Resource not found: ${path}`);
      // Oak checks the user's permissions before any servlet or operation runs.
      const user = req.user as string;
      if (!ctx.sessions.isAdministrator(user) && !mayWrite(ctx.repo, ctx.sessions.principalsOf(user), path))
        return slingHtmlResponse(res, 500, 'javax.jcr.AccessDeniedException: Access denied.', path);
      const node = ctx.repo.get(path);
      if (node && isAuthorizable(node.props['jcr:primaryType']) && (await req.params(AUTHORIZABLES.deleteField)).length) {
        ctx.repo.change((tx) => tx.remove(path));
        return slingHtmlResponse(res, 200, 'Authorizable removed', path);
      }
      const servlet = servlets[String(node?.props['sling:resourceType'] ?? '')];
      if (node && servlet && !ctx.faults.servletsUnbound) return servlet(req, res);
      return defaultPost(ctx, req, res, path);
    }),
  ];
}
