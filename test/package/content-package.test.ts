/**
 * The content packages as Package Manager will see them: the container an admin installs (`all`,
 * holding ui.apps and ui.content as sub packages), then each one's entries, filter, properties, the
 * tile and clientlib nodes, well-formed XML, and byte-identical output from two builds.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { parseDocview } from '../../emulator/docview';
import { isCovered, readPackage } from '../../emulator/package-install';
import { builtPackagePath, PROJECT_ROOT } from '../../emulator/paths';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
type Package = Awaited<ReturnType<typeof readPackage>>;
const VERSION = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const SUB_PACKAGES = [`/etc/packages/bpsetup/bpsetup.ui.apps-${VERSION}.zip`, `/etc/packages/bpsetup/bpsetup.ui.content-${VERSION}.zip`];
let zip: Buffer;
let all: Package;
/** ui.apps, as the container holds it. */
let pkg: Package;
/** ui.content, as the container holds it. */
let content: Package;

beforeAll(async () => {
  zip = readFileSync(builtPackagePath());
  all = await readPackage(zip);
  const held = (path: string) => all.entries.get(`jcr_root${path}`) as Buffer;
  pkg = await readPackage(held(SUB_PACKAGES[0]));
  content = await readPackage(held(SUB_PACKAGES[1]));
});

const text = (name: string, from: Package = pkg) => (from.entries.get(name) as Buffer).toString('utf8');

test('all: a container holding exactly ui.apps and ui.content, as sub packages its filter covers', () => {
  expect([...all.entries.keys()]).toEqual([
    'META-INF',
    'META-INF/vault',
    'META-INF/vault/filter.xml',
    'META-INF/vault/properties.xml',
    'jcr_root',
    'jcr_root/etc',
    'jcr_root/etc/packages',
    'jcr_root/etc/packages/bpsetup',
    ...SUB_PACKAGES.map((p) => `jcr_root${p}`),
  ]);
  expect(all.info).toMatchObject({ name: 'bpsetup.all', group: 'bpsetup', version: VERSION });
  expect(all.info.filters.map((f) => [f.root, f.mode])).toEqual(SUB_PACKAGES.map((p) => [p, 'replace']));
  expect(text('META-INF/vault/properties.xml', all)).toContain('<entry key="packageType">container</entry>');
  // The sub packages are the ones built beside it.
  for (const p of SUB_PACKAGES)
    expect(sha256(all.entries.get(`jcr_root${p}`) as Buffer)).toBe(
      sha256(readFileSync(join(PROJECT_ROOT, 'target', p.split('/').pop() as string))),
    );
});

test('ui.content: the settings node and its access rule, merged, access lists overwritten', () => {
  expect([...content.entries.keys()]).toEqual([
    'META-INF',
    'META-INF/vault',
    'META-INF/vault/filter.xml',
    'META-INF/vault/properties.xml',
    'jcr_root',
    'jcr_root/conf',
    'jcr_root/conf/bpsetup',
    'jcr_root/conf/bpsetup/.content.xml',
    'jcr_root/conf/bpsetup/_rep_policy.xml',
  ]);
  expect(content.info).toMatchObject({ name: 'bpsetup.ui.content', group: 'bpsetup', version: VERSION, acHandling: 'overwrite' });
  // The page's settings: created once, never overwritten by a later install.
  expect(content.info.filters.map((f) => [f.root, f.mode])).toEqual([['/conf/bpsetup', 'merge']]);
  expect(text('META-INF/vault/properties.xml', content)).toContain('<entry key="packageType">content</entry>');
});

test('ui.apps entries: vault metadata, our two trees and their ancestors, nothing else', () => {
  expect([...pkg.entries.keys()]).toEqual([
    'META-INF',
    'META-INF/vault',
    'META-INF/vault/filter.xml',
    'META-INF/vault/properties.xml',
    'jcr_root',
    'jcr_root/apps',
    'jcr_root/apps/bpsetup',
    'jcr_root/apps/bpsetup/.content.xml',
    'jcr_root/apps/bpsetup/clientlibs',
    'jcr_root/apps/bpsetup/clientlibs/.content.xml',
    'jcr_root/apps/bpsetup/clientlibs/clientlib-setup',
    'jcr_root/apps/bpsetup/clientlibs/clientlib-setup/.content.xml',
    'jcr_root/apps/bpsetup/clientlibs/clientlib-setup/css',
    'jcr_root/apps/bpsetup/clientlibs/clientlib-setup/css/setup.css',
    'jcr_root/apps/bpsetup/clientlibs/clientlib-setup/css.txt',
    'jcr_root/apps/bpsetup/clientlibs/clientlib-setup/js',
    'jcr_root/apps/bpsetup/clientlibs/clientlib-setup/js/setup.js',
    'jcr_root/apps/bpsetup/clientlibs/clientlib-setup/js.txt',
    'jcr_root/apps/bpsetup/clientlibs/clientlib-setup/resources',
    'jcr_root/apps/bpsetup/clientlibs/clientlib-setup/resources/parts',
    'jcr_root/apps/bpsetup/clientlibs/clientlib-setup/resources/parts/agent-change.js',
    'jcr_root/apps/bpsetup/clientlibs/clientlib-setup/resources/parts/brand-portal-form.js',
    'jcr_root/apps/bpsetup/clientlibs/clientlib-setup/resources/parts/certificate-work.js',
    'jcr_root/apps/bpsetup/clientlibs/clientlib-setup/resources/parts/diagnostics.js',
    'jcr_root/apps/bpsetup/clientlibs/clientlib-setup/resources/parts/health-failure.js',
    'jcr_root/apps/bpsetup/clientlibs/clientlib-setup/resources/parts/ims-account-form.js',
    'jcr_root/apps/bpsetup/clientlibs/clientlib-setup/resources/parts/ims-duplicates.js',
    'jcr_root/apps/bpsetup/clientlibs/clientlib-setup/resources/parts/orphan-removal.js',
    'jcr_root/apps/bpsetup/clientlibs/clientlib-setup/resources/parts/overrides.js',
    'jcr_root/apps/bpsetup/clientlibs/clientlib-setup/resources/parts/reset.js',
    'jcr_root/apps/bpsetup/clientlibs/clientlib-setup/resources/parts/summary.js',
    'jcr_root/apps/bpsetup/components',
    'jcr_root/apps/bpsetup/components/.content.xml',
    'jcr_root/apps/bpsetup/components/common',
    'jcr_root/apps/bpsetup/components/common/.content.xml',
    'jcr_root/apps/bpsetup/components/common/refuse-write.jspf',
    'jcr_root/apps/bpsetup/components/common/script.jspf',
    'jcr_root/apps/bpsetup/components/health',
    'jcr_root/apps/bpsetup/components/health/.content.xml',
    'jcr_root/apps/bpsetup/components/health/POST.jsp',
    'jcr_root/apps/bpsetup/components/health/json.jsp',
    'jcr_root/apps/bpsetup/components/publish-proof',
    'jcr_root/apps/bpsetup/components/publish-proof/.content.xml',
    'jcr_root/apps/bpsetup/components/publish-proof/POST.jsp',
    'jcr_root/apps/bpsetup/components/publish-proof/json.jsp',
    'jcr_root/apps/bpsetup/components/publish-proof/proof.jspf',
    'jcr_root/apps/bpsetup/components/rights',
    'jcr_root/apps/bpsetup/components/rights/.content.xml',
    'jcr_root/apps/bpsetup/components/rights/POST.jsp',
    'jcr_root/apps/bpsetup/components/rights/json.jsp',
    'jcr_root/apps/bpsetup/components/settings-writers',
    'jcr_root/apps/bpsetup/components/settings-writers/.content.xml',
    'jcr_root/apps/bpsetup/components/settings-writers/POST.jsp',
    'jcr_root/apps/bpsetup/components/settings-writers/json.jsp',
    'jcr_root/apps/bpsetup/content',
    'jcr_root/apps/bpsetup/content/.content.xml',
    'jcr_root/apps/bpsetup/content/setup',
    'jcr_root/apps/bpsetup/content/setup/.content.xml',
    'jcr_root/apps/bpsetup/health',
    'jcr_root/apps/bpsetup/health/.content.xml',
    'jcr_root/apps/bpsetup/ims',
    'jcr_root/apps/bpsetup/ims/.content.xml',
    'jcr_root/apps/bpsetup/publish-proof',
    'jcr_root/apps/bpsetup/publish-proof/.content.xml',
    'jcr_root/apps/bpsetup/rights',
    'jcr_root/apps/bpsetup/rights/.content.xml',
    'jcr_root/apps/bpsetup/settings-writers',
    'jcr_root/apps/bpsetup/settings-writers/.content.xml',
    'jcr_root/apps/cq',
    'jcr_root/apps/cq/.content.xml',
    'jcr_root/apps/cq/core',
    'jcr_root/apps/cq/core/.content.xml',
    'jcr_root/apps/cq/core/content',
    'jcr_root/apps/cq/core/content/.content.xml',
    'jcr_root/apps/cq/core/content/nav',
    'jcr_root/apps/cq/core/content/nav/.content.xml',
    'jcr_root/apps/cq/core/content/nav/tools',
    'jcr_root/apps/cq/core/content/nav/tools/.content.xml',
    'jcr_root/apps/cq/core/content/nav/tools/bpsetup',
    'jcr_root/apps/cq/core/content/nav/tools/bpsetup/.content.xml',
  ]);
});

test('filter: include-only roots for our Tools category and our app, never nav/tools itself', () => {
  expect(pkg.info.filters.map((f) => [f.root, f.mode])).toEqual([
    ['/apps/cq/core/content/nav/tools/bpsetup', 'replace'],
    ['/apps/bpsetup', 'replace'],
  ]);
  expect(isCovered(pkg.info.filters, '/apps/cq/core/content/nav/tools')).toBe(false);
  expect(isCovered(pkg.info.filters, '/apps/cq/core/content/nav/tools/other')).toBe(false);
  expect(isCovered(pkg.info.filters, '/apps/brandportal')).toBe(false);
});

test('every shipped node is covered by the filter, or is an ancestor of a root shipping only its node type', () => {
  const roots = pkg.info.filters.map((f) => f.root);
  for (const name of pkg.entries.keys()) {
    if (!name.startsWith('jcr_root/apps')) continue;
    const nodePath = `/${name.replace(/^jcr_root\//, '').replace(/\/\.content\.xml$/, '')}`;
    if (isCovered(pkg.info.filters, nodePath)) continue;
    expect(roots.some((r) => r.startsWith(`${nodePath}/`))).toBe(true);
    if (name.endsWith('.content.xml')) expect(Object.keys(parseDocview(text(name)).children)).toEqual([]);
  }
});

test('properties.xml names each package as package.json and its pom.xml do, with a type that fits', () => {
  const props = text('META-INF/vault/properties.xml');
  expect(pkg.info).toMatchObject({ name: 'bpsetup.ui.apps', group: 'bpsetup', version: VERSION, acHandling: 'ignore' });
  expect(props).toContain('<!DOCTYPE properties SYSTEM "http://java.sun.com/dtd/properties.dtd">');
  expect(props).toContain('<entry key="packageType">application</entry>');
  const pom = (module: string) => readFileSync(join(PROJECT_ROOT, module, 'pom.xml'), 'utf8');
  expect(pom('.')).toContain('<groupId>bpsetup</groupId>');
  expect(pom('.')).toContain(`<version>${VERSION}</version>`);
  for (const [module, p] of [
    ['ui.apps', pkg],
    ['ui.content', content],
    ['all', all],
  ] as const) {
    expect(pom(module)).toContain(`<artifactId>${p.info.name}</artifactId>`);
    expect(pom(module)).toContain(
      `<packageType>${/packageType">(\w+)</.exec(text('META-INF/vault/properties.xml', p))?.[1]}</packageType>`,
    );
  }
});

test('every XML file is well-formed', () => {
  for (const p of [all, pkg, content])
    for (const name of p.entries.keys()) {
      if (!name.endsWith('.xml')) continue;
      expect([name, XMLValidator.validate(text(name, p))]).toEqual([name, true]);
    }
});

test('the Tools tile: title, description, icon, href to our page, namespaced id, no resource type', () => {
  const category = parseDocview(text('jcr_root/apps/cq/core/content/nav/tools/bpsetup/.content.xml'));
  expect(category.props).toMatchObject({ 'jcr:primaryType': 'sling:OrderedFolder', 'jcr:title': 'Brand Portal', id: 'bpsetup' });
  const tile = category.children.setup;
  expect(tile.props).toMatchObject({
    'jcr:title': 'Brand Portal setup',
    href: '/apps/bpsetup/content/setup.html',
    icon: 'link',
    id: 'bpsetup__setup',
  });
  expect(String(tile.props['jcr:description'])).toMatch(/Brand Portal/);
  expect(tile.props['sling:resourceType']).toBeUndefined();
});

test('the page includes Coral, Granite foundation and our category, in that order', () => {
  const page = parseDocview(text('jcr_root/apps/bpsetup/content/setup/.content.xml'));
  const content = page.children['jcr:content'];
  expect(page.props['jcr:primaryType']).toBe('cq:Page');
  expect(content.props['sling:resourceType']).toBe('granite/ui/components/shell/page');
  expect(content.children.head.children.clientlibs.props.categories).toEqual(['coralui3', 'granite.ui.coral.foundation', 'bpsetup.setup']);
  expect(content.children.content.props['granite:id']).toBe('bpsetup-root');
});

test("the IMS servlet entry points carry AEM's resource types and can hold nothing else (nt:folder + sling:Resource)", () => {
  const ims = parseDocview(text('jcr_root/apps/bpsetup/ims/.content.xml'));
  expect(ims.children.update.props).toEqual({
    'jcr:primaryType': 'nt:folder',
    'jcr:mixinTypes': ['sling:Resource'],
    'sling:resourceType': 'cq/adobeims-configuration/components/admin/datasources/imsconfigurations/update',
  });
  expect(ims.children.delete.props).toEqual({
    'jcr:primaryType': 'nt:folder',
    'jcr:mixinTypes': ['sling:Resource'],
    'sling:resourceType': 'cq/adobeims-configuration/components/admin/datasources/imsconfigurations/delete',
  });
});

test('the clientlib: our category, proxied, no dependency on coralui3, Coral not bundled', () => {
  const lib = parseDocview(text('jcr_root/apps/bpsetup/clientlibs/clientlib-setup/.content.xml'));
  expect(lib.props).toMatchObject({ 'jcr:primaryType': 'cq:ClientLibraryFolder', categories: ['bpsetup.setup'], allowProxy: true });
  expect(lib.props.dependencies).toEqual(['granite.csrf.standalone']);
  expect(text('jcr_root/apps/bpsetup/clientlibs/clientlib-setup/js.txt').split('\n')).toEqual(['#base=js', '', 'setup.js']);
  const js = text('jcr_root/apps/bpsetup/clientlibs/clientlib-setup/js/setup.js');
  expect(js.length).toBeLessThan(192 * 1024);
  expect(js).not.toMatch(/document-register-element|coral-spectrum|customElements\.define\(/);
});

test('two builds give byte-identical bundles and zips', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bpsetup-build-'));
  try {
    execFileSync(
      process.execPath,
      [join(PROJECT_ROOT, 'node_modules/webpack-cli/bin/cli.js'), '--config-name', 'panel', '--output-path', join(dir, 'dist')],
      { cwd: PROJECT_ROOT, stdio: 'pipe' },
    );
    const dist = join(PROJECT_ROOT, 'ui.frontend/dist/clientlib-setup');
    expect(sha256(readFileSync(join(dir, 'dist/setup.js')))).toBe(sha256(readFileSync(join(dist, 'setup.js'))));
    expect(sha256(readFileSync(join(dir, 'dist/setup.css')))).toBe(sha256(readFileSync(join(dist, 'setup.css'))));

    // The second build of the zips (the first is the one in target/, made by npm run build).
    execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts/build-package.js'), '--out', join(dir, 'again')], { stdio: 'pipe' });
    for (const name of ['bpsetup.all', 'bpsetup.ui.apps', 'bpsetup.ui.content'].map((n) => `${n}-${VERSION}.zip`))
      expect(sha256(readFileSync(join(dir, 'again', name)))).toBe(sha256(readFileSync(join(PROJECT_ROOT, 'target', name))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60000);

test("a second install keeps the admin's settings under /conf/bpsetup (merge mode)", async () => {
  const { Repository } = await import('../../emulator/store');
  const { seedRepository } = await import('../../emulator/seed');
  const { installPackage } = await import('../../emulator/package-install');
  const repo = Repository.open(null, seedRepository);
  await installPackage(repo, zip, { recursive: true });
  expect(repo.get('/conf/bpsetup/settings/endpoints')?.props['jcr:primaryType']).toBe('nt:unstructured');
  repo.change((tx) => tx.setProps('/conf/bpsetup/settings/endpoints', { checkHealth: '/libs/example/health.json' }));
  repo.change((tx) => tx.setProps('/conf/bpsetup/settings', { brandPortalImsConfig: 'pid-1' }));
  await installPackage(repo, zip, { recursive: true });
  expect(repo.get('/conf/bpsetup/settings/endpoints')?.props.checkHealth).toBe('/libs/example/health.json');
  expect(repo.get('/conf/bpsetup/settings')?.props.brandPortalImsConfig).toBe('pid-1');
});
