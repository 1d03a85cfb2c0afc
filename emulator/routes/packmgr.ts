/**
 * Package Manager HTTP API [contract: Package Manager]: upload (multipart `package`, optional `force`) and
 * install of a stored package; answers `{success, msg, path}`, failures with HTTP 200 and
 * `success:false` as AEM does; and the legacy `service.jsp` (upload and install in one call,
 * answered in XML). Installing writes the package's nodes into the repository.
 */
import { PACKMGR } from '../../core/contract/aem-names';
import { type EmulatorContext, type Route, route } from '../context';
import { type EmulatorRequest, escapeHtml, send, sendJson } from '../http';
import { PackageError, allWritten, installPackage, packagePath, readPackage, storePackage } from '../package-install';

const service = PACKMGR.servicePath.replace(/\./g, '\\.');

interface ServiceAnswer {
  code: number;
  message: string;
  user: string;
  params: [string, string][];
  pkg?: { group: string; name: string; version: string; path: string };
  /** The install log: one line per node (`A` added, `U` updated), then how it ended. */
  log?: string[];
}

/**
 * The legacy service.jsp answer [contract: Package Manager]: `<crx>` with the request's fields,
 * then `<response>` holding `<data>` (the package and the install `<log>`, which clients such as
 * aemsync parse, taking lines starting with `E` as errors) and `<status code="…">`.
 */
function crxXml(a: ServiceAnswer): string {
  const e = escapeHtml;
  const params = a.params.map(([n, v]) => `<param name="${e(n)}" value="${e(v)}"/>`).join('');
  const pkg = a.pkg
    ? `<package><group>${e(a.pkg.group)}</group><name>${e(a.pkg.name)}</name><version>${e(a.pkg.version)}</version><downloadName>${e(a.pkg.path.slice(a.pkg.path.lastIndexOf('/') + 1))}</downloadName><path>${e(a.pkg.path)}</path></package>`
    : '';
  const log = a.log ? `<log>${e(a.log.join('\n'))}</log>` : '';
  return `<?xml version="1.0" encoding="utf-8"?>\n<crx version="1.6" user="${e(a.user)}" workspace="crx.default"><request>${params}</request><response><data>${pkg}${log}</data><status code="${a.code}">${e(a.message)}</status></response></crx>\n`;
}

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
      const body = await req.body();
      const params: [string, string][] = [
        ...[...body.fields.entries()].flatMap(([n, vs]) => vs.map((v): [string, string] => [n, v])),
        ...[...body.files.entries()].map(([n, f]): [string, string] => [n, f.filename || n]),
      ];
      const answer = (a: Omit<ServiceAnswer, 'user' | 'params'>) =>
        send(res, 200, crxXml({ ...a, user: req.user ?? 'anonymous', params }), 'text/xml;charset=utf-8');
      const done = await upload(ctx, req, 'file');
      if ('error' in done) return answer({ code: 500, message: done.error });
      const info = (await readPackage(done.data)).info;
      const pkg = { group: info.group, name: info.name, version: info.version, path: done.path };
      if ((await req.param('install')) !== 'true') return answer({ code: 200, message: 'ok', pkg });
      const before = new Set([...ctx.repo.walk('/')].map(([path]) => path));
      try {
        // service.jsp installs sub packages unless told not to (INFERRED: containers installed with
        // Adobe's content-package-maven-plugin, which sends only `install=true`, get theirs installed).
        const recursive = (await req.param(PACKMGR.recursiveField)) !== 'false';
        const result = await installPackage(ctx.repo, done.data, { recursive });
        const log = ['Installing content', ...allWritten(result).map((p) => `${before.has(p) ? 'U' : 'A'} ${p}`), 'Package imported.'];
        answer({ code: 200, message: 'ok', pkg, log });
      } catch (e) {
        const text = e instanceof PackageError ? e.message : 'Install failed';
        answer({ code: 500, message: text, pkg, log: ['Installing content', `E ${text}`] });
      }
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
          const recursive = (await req.param(PACKMGR.recursiveField)) === 'true';
          const result = await installPackage(ctx.repo, zip, { recursive });
          return sendJson(res, 200, { success: true, msg: `Package installed in ${allWritten(result).length} nodes` });
        } catch (e) {
          return fail(e instanceof PackageError ? e.message : 'Install failed');
        }
      }
      return fail(`Unknown command: ${cmd ?? '(none)'}`);
    }),
  ];
}
