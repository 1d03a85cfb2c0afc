/**
 * QueryBuilder's JSON servlet, as far as clients use it to find authorizables [contract: Users and the keystore]:
 * `path`, `type` (with subtypes), one `1_property` / `1_property.value` pair (or `property`),
 * `p.hits=full` (every property plus `jcr:path`), `p.limit` (-1 for all). Private emulator data and
 * keystores never appear in hits.
 */
import { ENDPOINTS } from '../../core/contract/endpoints';
import { QUERY } from '../../core/contract/aem-names';
import { isNodeType } from '../authorizables';
import { type EmulatorContext, type Route, exactPath, route } from '../context';
import { sendJson } from '../http';
import { isBinary } from '../store';
import { isPrivatePath } from './sling-get';

export function queryBuilderRoutes(ctx: EmulatorContext): Route[] {
  return [
    route('GET', exactPath(ENDPOINTS.queryBuilder.path), (req, res) => {
      const q = req.url.searchParams;
      const root = q.get(QUERY.path) ?? '/';
      const type = q.get(QUERY.type);
      const property = q.get(QUERY.property) ?? q.get('property');
      const value = q.get(QUERY.propertyValue) ?? q.get('property.value');
      const limit = Number(q.get(QUERY.limit) ?? 10);
      const full = q.get(QUERY.hits) === 'full';
      const hits: Record<string, unknown>[] = [];
      for (const [path, node] of ctx.repo.walk(root)) {
        if (isPrivatePath(path)) continue;
        if (type && !isNodeType(String(node.props['jcr:primaryType'] ?? 'nt:unstructured'), type)) continue;
        if (property && (value === null ? node.props[property] === undefined : String(node.props[property]) !== value)) continue;
        const props = Object.fromEntries(Object.entries(node.props).filter(([, v]) => !isBinary(v)));
        hits.push(full ? { 'jcr:path': path, ...props } : { path, name: path.split('/').pop(), title: props['jcr:title'] ?? '' });
      }
      const shown = limit < 0 ? hits : hits.slice(0, limit);
      sendJson(res, 200, {
        success: true,
        results: shown.length,
        total: hits.length,
        more: shown.length < hits.length,
        offset: 0,
        hits: shown,
      });
    }),
  ];
}
