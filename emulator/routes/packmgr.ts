/**
 * Package Manager HTTP API [contract: Package Manager]: upload (multipart `package`, optional `force`) and
 * install of a stored package; answers `{success, msg, path}`, failures with HTTP 200 and
 * `success:false` as AEM does; and the legacy `service.jsp` (upload and install in one call,
 * answered in XML). Installing writes the package's nodes into the repository.
 */
import { PACKMGR } from '../../core/contract/aem-names';
import { type EmulatorContext, type Route, route } from '../context';
import { type EmulatorRequest, escapeHtml, send, sendJson } from '../http';
import { PackageError, installPackage, packagePath, readPackage, storePackage } from '../package-install';

const service = PACKMGR.servicePath.replace(/\./g, '\\.');

/** The legacy service.jsp answer: XML with `<status code="…">` [contract: Package Manager]. */
const crxXml = (code: number, message: string, path = '') =>
  `<?xml version="1.0" encoding="utf-8"?>\n<crx version="1.6" workspace="crx.default"><response><data>${path ? `<package><path>${escapeHtml(path)}</path></package>` : ''}</data><status code="${code}">${escapeHtml(message)}</status></response></crx>\n`;

type Upload = { path: string; data: Buffer } | { error: string };

/** Stores the uploaded zip under /etc/packages, as both APIs do; refuses to overwrite unless forced. */
async function upload(ctx: EmulatorContext, req: EmulatorRequest, field: string): Promise<Upload> {
  const file = (await req.body()).files.get(field);
  if (!file?.data.length) return { error: `No package file in the request (multipart field "${field}")` };
  let info;
  try {
    info = (await readPackage(file.data)).info;
  } catch (e) {
    return { error: e instanceof PackageError ? e.message : 'Unreadable package' };
  }
  const path = packagePath(info);
  if (ctx.repo.exists(path) && (await req.param(PACKMGR.forceField)) !== 'true') return { error: `Package already exists: ${path}` };
  ctx.repo.change((tx) => storePackage(tx, info, file.data));
  return { path, data: file.data };
}

export function packmgrRoutes(ctx: EmulatorContext): Route[] {
  return [
    route('POST', /^\/crx\/packmgr\/service\.jsp$/, async (req, res) => {
      const xml = (code: number, message: string, path?: string) => send(res, 200, crxXml(code, message, path), 'text/xml;charset=utf-8');
      const done = await upload(ctx, req, 'file');
      if ('error' in done) return xml(500, done.error);
      if ((await req.param('install')) === 'true') await installPackage(ctx.repo, done.data);
      xml(200, 'ok', done.path);
    }),

    route('POST', new RegExp(`^${service}(/.*)?$`), async (req, res, match) => {
      const cmd = req.url.searchParams.get('cmd') ?? (await req.param('cmd'));
      const fail = (msg: string) => sendJson(res, 200, { success: false, msg });
      if (cmd === 'upload') {
        const done = await upload(ctx, req, PACKMGR.uploadField);
        if ('error' in done) return fail(done.error);
        return sendJson(res, 200, { success: true, msg: 'Package uploaded', path: done.path });
      }
      if (cmd === 'install') {
        const path = match[1] ?? '';
        const zip = path ? ctx.repo.readFile(path) : undefined;
        if (!zip) return fail(`No package at ${path || '(no path)'}`);
        try {
          const result = await installPackage(ctx.repo, zip);
          return sendJson(res, 200, { success: true, msg: `Package installed in ${result.written.length} nodes` });
        } catch (e) {
          return fail(e instanceof PackageError ? e.message : 'Install failed');
        }
      }
      return fail(`Unknown command: ${cmd ?? '(none)'}`);
    }),
  ];
}
