/**
 * Package Manager HTTP API [contract: Package Manager]: upload (multipart `package`, optional `force`) and
 * install of a stored package; answers `{success, msg, path}`, failures with HTTP 200 and
 * `success:false` as AEM does; and the legacy `service.jsp` (upload and install in one call,
 * answered in XML). Installing writes the package's nodes into the repository. Create, the filter's
 * update (update.jsp) and build, as an admin makes a backup by hand: build exports the filter's roots.
 */
import { PACKMGR } from '../../core/contract/aem-names';
import { ENDPOINTS } from '../../core/contract/endpoints';
import { type EmulatorContext, type Route, exactPath, route } from '../context';
import { type EmulatorRequest, escapeHtml, send, sendJson } from '../http';
import { PackageError, allWritten, installPackage, packagePath, readPackage, storePackage } from '../package-install';
import { type PackageDefinition, packageZip } from '../package-export';

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

const PACKAGE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const PACKAGE_GROUP = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}(\/[A-Za-z0-9][A-Za-z0-9._-]{0,99})*$/;
const PACKAGE_VERSION = /^([A-Za-z0-9][A-Za-z0-9._-]{0,49})?$/;

/** update.jsp's filter: `[{"root": "/a", "rules": []}]`; undefined when it is not that shape (or names a rule). */
function filterRoots(text: string): string[] | undefined {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!Array.isArray(parsed)) return undefined;
    const roots = parsed.map((f: { root?: unknown; rules?: unknown }) =>
      typeof f?.root === 'string' && f.root.startsWith('/') && (f.rules === undefined || (Array.isArray(f.rules) && !f.rules.length))
        ? f.root
        : undefined,
    );
    return roots.every((r): r is string => r !== undefined) ? roots : undefined;
  } catch {
    return undefined;
  }
}

export function packmgrRoutes(ctx: EmulatorContext): Route[] {
  const store = async (def: Pick<PackageDefinition, 'group' | 'name' | 'version'>, zip: Buffer) =>
    ctx.repo.change((tx) => storePackage(tx, { ...def, filters: [], acHandling: 'ignore' }, zip));
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
      if (cmd === 'create') {
        const def: PackageDefinition = {
          name: (await req.param(PACKMGR.packageNameField)) ?? '',
          group: (await req.param(PACKMGR.groupNameField)) ?? '',
          version: (await req.param(PACKMGR.versionField)) ?? '',
          roots: [],
        };
        if (!PACKAGE_NAME.test(def.name) || (def.group && !PACKAGE_GROUP.test(def.group)) || !PACKAGE_VERSION.test(def.version))
          return fail('Package name, group or version is missing or not usable');
        const path = packagePath(def);
        if (ctx.repo.exists(path)) return fail(`Package already exists: ${path}`);
        await store(def, await packageZip(def));
        return sendJson(res, 200, { success: true, msg: 'Package created', path });
      }
      if (cmd === 'build') {
        const path = match[1] ?? '';
        const zip = path ? ctx.repo.readFile(path) : undefined;
        if (!zip) return fail(`No package at ${path || '(no path)'}`);
        try {
          const { info } = await readPackage(zip);
          if (info.filters.some((f) => f.rules.length)) return fail('The emulator builds filters without include or exclude rules only');
          await store(info, await packageZip({ ...info, roots: info.filters.map((f) => f.root) }, ctx.repo));
          return sendJson(res, 200, { success: true, msg: 'Package built' });
        } catch (e) {
          return fail(e instanceof PackageError ? e.message : 'Build failed');
        }
      }
      return fail(`Unknown command: ${cmd ?? '(none)'}`);
    }),

    route('POST', exactPath(ENDPOINTS.packageFilterUpdate.path), async (req, res) => {
      const f = PACKMGR.updateFields;
      const fail = (msg: string) => sendJson(res, 200, { success: false, msg });
      const path = (await req.param(f.path)) ?? '';
      if (!path || !ctx.repo.readFile(path)) return fail(`No package at ${path || '(no path)'}`);
      const roots = filterRoots((await req.param(f.filter)) ?? '');
      if (!roots) return fail('filter must be a JSON list of {"root": "/path", "rules": []}');
      const def: PackageDefinition = {
        name: (await req.param(f.name)) ?? '',
        group: (await req.param(f.group)) ?? '',
        version: (await req.param(f.version)) ?? '',
        roots,
      };
      // A renamed package would be moved; the emulator keeps the name it was created with.
      if (packagePath(def) !== path) return fail(`packageName, groupName and version do not name ${path}`);
      await store(def, await packageZip(def));
      return sendJson(res, 200, { success: true, msg: 'Package updated', path });
    }),
  ];
}
