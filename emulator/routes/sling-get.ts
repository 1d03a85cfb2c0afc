/**
 * The Sling default GET servlet, as far as the panel reads the repository with it:
 * `<path>.json`, `<path>.<depth>.json`, `<path>.infinity.json`, and raw nt:file streaming.
 * Binary properties render as their length (`":jcr:data": 1234`), as Sling does. Keystores are
 * never streamed: the private key must not leave the repository through HTTP.
 */
import { type EmulatorContext, type Route, route } from '../context';
import type { ServerResponse } from 'node:http';
import { type EmulatorRequest, send, sendJson, sendText } from '../http';
import { isAccessControlPath } from '../access-control';
import { type RepoNode, isBinary } from '../store';

const MAX_DEPTH = 50;

/** `showAccessControl`: the reader holds jcr:readAccessControl (administrators); others never see rep:policy. */
export function nodeToJson(node: RepoNode, depth: number, path: string, showAccessControl = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node.props)) {
    if (isBinary(v)) out[`:${k}`] = Buffer.from(v.binary, 'base64').length;
    else out[k] = v;
  }
  if (depth > 0) {
    for (const [name, child] of Object.entries(node.children)) {
      const childPath = path === '/' ? `/${name}` : `${path}/${name}`;
      if (!isPrivatePath(childPath) && (showAccessControl || !isAccessControlPath(childPath)))
        out[name] = nodeToJson(child, depth - 1, childPath, showAccessControl);
    }
  }
  return out;
}

/** Never rendered: keystores (private keys) and the emulator's own data (master key, stub secrets). */
export const isPrivatePath = (path: string) =>
  /\/keystore(\/|\.|$)/.test(path) || path === '/var/emulator' || path.startsWith('/var/emulator/') || path.startsWith('/var/emulator.');

/** `<path>.<depth>.json` as Sling's default GET servlet renders it. */
export function renderJson(ctx: EmulatorContext, req: EmulatorRequest, res: ServerResponse, path: string, depth: number): void {
  if (isPrivatePath(path)) return sendText(res, 403, 'This content is not served');
  const admin = ctx.sessions.isAdministrator(req.user);
  const node = admin || !isAccessControlPath(path) ? ctx.repo.get(path) : undefined;
  if (!node) return sendText(res, 404, `Resource not found: ${req.path}`);
  sendJson(res, 200, nodeToJson(node, depth, path, admin));
}

export function slingGetRoutes(ctx: EmulatorContext): Route[] {
  return [
    route('GET', /^(\/.*?)\.json$/, (req, res, match) => {
      let path = match[1];
      let depth = 0;
      const selector = /^(.*)\.(infinity|\d+)$/.exec(path);
      if (selector && ctx.repo.exists(selector[1])) {
        path = selector[1];
        depth = selector[2] === 'infinity' ? MAX_DEPTH : Number(selector[2]);
      }
      renderJson(ctx, req, res, path, depth);
    }),

    route('GET', /^(\/.+)$/, (req, res, match) => {
      const node = ctx.repo.get(match[1]);
      if (!node || node.props['jcr:primaryType'] !== 'nt:file') return sendText(res, 404, `Resource not found: ${req.path}`);
      if (isPrivatePath(match[1])) return sendText(res, 403, 'This content is not served');
      const content = node.children['jcr:content'];
      const mime = content?.props['jcr:mimeType'];
      send(res, 200, ctx.repo.readFile(match[1]) ?? Buffer.alloc(0), typeof mime === 'string' ? mime : 'application/octet-stream');
    }),
  ];
}
