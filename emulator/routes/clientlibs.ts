/** `/etc.clientlibs/...`: AEM's libraries from node_modules, project libraries from the repository. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { type EmulatorContext, type Route, route } from '../context';
import { type EmulatorRequest, send, sendText } from '../http';
import { BUILT_IN_FILES, concatenateClientlib } from '../clientlibs';

const TYPES: Record<string, string> = {
  '.js': 'application/javascript;charset=utf-8',
  '.css': 'text/css;charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

function builtInFile(path: string): string | undefined {
  for (const entry of BUILT_IN_FILES) {
    if (entry.file && path === entry.prefix) return entry.file;
    if (entry.dir && path.startsWith(entry.prefix)) {
      const rel = normalize(path.slice(entry.prefix.length));
      if (rel.startsWith('..') || rel.includes(`${sep}..`)) return undefined;
      return join(entry.dir, rel);
    }
  }
  return undefined;
}

const tags = new WeakMap<Buffer, string>();
const entityTag = (body: Buffer): string => {
  let tag = tags.get(body);
  if (!tag) tags.set(body, (tag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`));
  return tag;
};

/** AEM's own libraries never change while the emulator runs: each file is read (and tagged) once. */
const builtInBodies = new Map<string, Buffer>();
const builtInBody = (file: string): Buffer => {
  let body = builtInBodies.get(file);
  if (!body) builtInBodies.set(file, (body = readFileSync(file)));
  return body;
};

/**
 * Every library and resource under /etc.clientlibs is served alike, AEM's own as well as ours, as
 * AEM's clientlib servlet serves them all: the browser keeps a copy, asks again on each load and
 * gets 304 while it is unchanged (so a reinstalled package is seen at once, and the browser keeps
 * its compiled code for scripts that did not change).
 */
function sendLibrary(req: EmulatorRequest, res: ServerResponse, body: Buffer, type: string): void {
  const tag = entityTag(body);
  const headers = { 'Cache-Control': 'no-cache', ETag: tag };
  if (req.raw.headers['if-none-match'] === tag) {
    res.writeHead(304, headers);
    return void res.end();
  }
  send(res, 200, body, type, headers);
}

export function clientlibRoutes(ctx: EmulatorContext): Route[] {
  return [
    route(
      'GET',
      /^\/etc\.clientlibs\/clientlibs\/granite\//,
      (req, res) => {
        const file = builtInFile(req.path);
        if (!file || !existsSync(file) || !statSync(file).isFile()) return sendText(res, 404, `No such client library file: ${req.path}`);
        sendLibrary(req, res, builtInBody(file), TYPES[extname(file)] ?? 'application/octet-stream');
      },
      { anonymous: true },
    ),

    // Files under a proxied clientlib's resources/ folder (icons, fonts, on-demand chunks).
    route(
      'GET',
      /^\/etc\.clientlibs\/(.+?)\/resources\/(.+)$/,
      (req, res, match) => {
        const folderPath = `/apps/${match[1]}`;
        const folder = ctx.repo.get(folderPath);
        const file = `${folderPath}/resources/${match[2]}`;
        const data =
          folder?.props['jcr:primaryType'] === 'cq:ClientLibraryFolder' && folder.props.allowProxy === true
            ? ctx.repo.readFile(file)
            : undefined;
        if (!data) return sendText(res, 404, `No proxied client library resource at ${file}`);
        sendLibrary(req, res, data, TYPES[extname(file)] ?? 'application/octet-stream');
      },
      { anonymous: true },
    ),

    route(
      'GET',
      /^\/etc\.clientlibs\/(.+?)(?:\.min)?\.(js|css)$/,
      (req, res, match) => {
        const folderPath = `/apps/${match[1]}`;
        const folder = ctx.repo.get(folderPath);
        const kind = match[2] as 'js' | 'css';
        const body =
          folder && folder.props['jcr:primaryType'] === 'cq:ClientLibraryFolder'
            ? concatenateClientlib(ctx.repo, folderPath, folder, kind)
            : undefined;
        if (!body) return sendText(res, 404, `No proxied client library at ${folderPath}`);
        sendLibrary(req, res, body, TYPES[`.${kind}`]);
      },
      { anonymous: true },
    ),
  ];
}
