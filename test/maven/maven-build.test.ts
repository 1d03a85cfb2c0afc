/**
 * The Maven build, as an AEM team runs it (`npm run test:maven`; CI runs it after npm test):
 * `mvn -B verify` builds and validates ui.apps, ui.content and all with FileVault's plugin, and each
 * package holds what npm's build puts in it (same filter, same nodes, same properties); then
 * `mvn -o -PautoInstallPackage install`, offline now that the first run resolved everything, installs
 * `all` on an emulated author through Adobe's content-package-maven-plugin, as on AEM.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FilterSet, parseProperties, readPackage } from '../../emulator/package-install';
import { PROJECT_ROOT } from '../../emulator/paths';
import { loggedIn, startTestEmulator } from '../helpers/emulator';

const VERSION = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const MODULES = { 'ui.apps': 'bpsetup.ui.apps', 'ui.content': 'bpsetup.ui.content', all: 'bpsetup.all' } as const;
/** The vault properties both builds write; Maven adds its own (created, groupId, artifactId). */
const VAULT_PROPERTIES = ['name', 'group', 'version', 'description', 'packageType', 'acHandling', 'requiresRoot', 'allowIndexDefinitions'];

function mvn(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) =>
    execFile('mvn', ['-B', ...args], { cwd: PROJECT_ROOT, maxBuffer: 32 * 1024 * 1024, timeout: 240000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` }),
    ),
  );
}

const filterOf = (filters: FilterSet[]) =>
  filters.map((f) => ({ root: f.root, mode: f.mode, rules: f.rules.map((r) => [r.include, String(r.pattern)]) }));

/** properties.xml as Package Manager reads it, the keys both builds write. */
const vaultProperties = (xml: string) =>
  Object.fromEntries(Object.entries(parseProperties(xml)).filter(([k]) => VAULT_PROPERTIES.includes(k)));

/** What a package is, build aside: its filter, its vault properties, and every node file under jcr_root (sub packages by what they are). */
async function contentsOf(zip: Buffer): Promise<Record<string, unknown>> {
  const { info, entries } = await readPackage(zip);
  const nodes: Record<string, unknown> = {};
  for (const [name, data] of [...entries].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!name.startsWith('jcr_root/') || !data) continue;
    nodes[name] = name.endsWith('.zip') ? await contentsOf(data) : data.toString('base64');
  }
  return {
    filter: filterOf(info.filters),
    properties: vaultProperties((entries.get('META-INF/vault/properties.xml') as Buffer).toString('utf8')),
    nodes,
  };
}

let verify: { code: number; output: string };
beforeAll(async () => {
  verify = await mvn(['verify']);
}, 300000);

test('mvn -B verify builds and validates the three packages with no warning', () => {
  expect(verify.output).toContain('BUILD SUCCESS');
  expect(verify.code).toBe(0);
  // FileVault's validators on every package, its sub packages included, and nothing they warn about.
  expect(verify.output).toMatch(/Using \d+ validators for package of type APPLICATION/);
  expect(verify.output).toMatch(/Using \d+ validators for package of type CONTENT/);
  expect(verify.output).toMatch(/Using \d+ validators for package of type CONTAINER/);
  expect(verify.output.split('\n').filter((l) => l.startsWith('[WARNING]'))).toEqual([]);
});

test.each(Object.entries(MODULES))("Maven's %s package holds what npm's build puts in it", async (module, name) => {
  const maven = readFileSync(join(PROJECT_ROOT, module, 'target', `${name}-${VERSION}.zip`));
  const npm = readFileSync(join(PROJECT_ROOT, 'target', `${name}-${VERSION}.zip`));
  const [fromMaven, fromNpm] = await Promise.all([contentsOf(maven), contentsOf(npm)]);
  expect(Object.keys(fromMaven.nodes as object).length).toBeGreaterThan(0);
  expect(fromMaven).toEqual(fromNpm);
});

test('mvn -o -PautoInstallPackage install puts all on an author through Package Manager, sub packages included', async () => {
  const author = await startTestEmulator({ packageZip: undefined });
  try {
    const since = author.context.journal.lastSeq;
    const run = await mvn([
      '-o',
      '-PautoInstallPackage',
      'install',
      '-Dnpm.skip',
      '-Daem.host=127.0.0.1',
      `-Daem.port=${new URL(author.url).port}`,
    ]);
    expect(run.output).toContain('BUILD SUCCESS');
    // The plugin's one request: the legacy service.jsp, with the session its credentials open.
    expect(author.context.journal.list(since).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /crx/packmgr/service.jsp 200',
    ]);
    const repo = author.context.repo;
    for (const name of Object.values(MODULES)) expect(repo.exists(`/etc/packages/bpsetup/${name}-${VERSION}.zip`)).toBe(true);
    expect(repo.get('/apps/cq/core/content/nav/tools/bpsetup/setup')?.props.href).toBe('/apps/bpsetup/content/setup.html');
    expect(repo.get('/conf/bpsetup/settings/endpoints')?.props['jcr:primaryType']).toBe('nt:unstructured');
    // The Tools console shows the tile.
    const c = await loggedIn(author.url);
    expect(await (await c.get('/aem/start.html?category=bpsetup', { Accept: 'text/html' })).text()).toContain('data-id="bpsetup__setup"');
  } finally {
    await author.close();
  }
}, 300000);
