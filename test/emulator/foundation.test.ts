/**
 * Emulator base over real HTTP: login and session, CSRF, the installed content package, the
 * Tools console, the setup page and its client libraries, and the file-backed store.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator } from '../../emulator/server';
import { TEST_CONTROL_SECRET, client, controlFetch, loggedIn, startTestEmulator } from '../helpers/emulator';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

describe('login and session [contract: Session, CSRF and the page itself]', () => {
  test('an anonymous page request is sent to the login page with the resource', async () => {
    const res = await client(emu.url).get('/apps/bpsetup/content/setup.html', { Accept: 'text/html' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/libs/granite/core/content/login.html?resource=%2Fapps%2Fbpsetup%2Fcontent%2Fsetup.html');
  });

  test('an anonymous XHR gets 403 with X-Reason: Authentication Failed', async () => {
    const res = await client(emu.url).get('/libs/granite/csrf/token.json');
    expect(res.status).toBe(403);
    expect(res.headers.get('x-reason')).toBe('Authentication Failed');
  });

  test('the login page has the j_security_check form', async () => {
    const html = await (await client(emu.url).get('/libs/granite/core/content/login.html?resource=%2Faem%2Fstart.html')).text();
    expect(html).toContain('action="/libs/granite/core/content/login.html/j_security_check"');
    expect(html).toContain('name="j_username"');
    expect(html).toContain('name="j_password"');
    expect(html).toContain('name="resource" value="/aem/start.html"');
  });

  test('a wrong password is refused; the right one sets login-token and redirects to the resource', async () => {
    const form = (password: string) => new URLSearchParams({ j_username: 'admin', j_password: password, resource: '/aem/start.html' });
    const bad = await client(emu.url).post('/libs/granite/core/content/login.html/j_security_check', form('nope'), { Accept: 'text/html' });
    expect(bad.status).toBe(302);
    expect(bad.headers.get('location')).toContain('j_reason=invalid_login');
    expect(bad.headers.get('set-cookie')).toBeNull();

    const good = await client(emu.url).post('/libs/granite/core/content/login.html/j_security_check', form('admin'), {
      Accept: 'text/html',
    });
    expect(good.status).toBe(302);
    expect(good.headers.get('location')).toBe('/aem/start.html');
    expect(good.headers.get('set-cookie')).toMatch(/^login-token=[^;]+; Path=\/; HttpOnly/);
  });

  test.each([
    '//evil.example/x',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\\evil.example',
    'https://evil.example/',
    '/ /evil.example',
    '/.//evil.example',
    '/..//evil.example/x',
  ])('the resource parameter %j cannot redirect off-site', async (resource) => {
    const res = await client(emu.url).post(
      '/libs/granite/core/content/login.html/j_security_check',
      new URLSearchParams({ j_username: 'admin', j_password: 'admin', resource }),
      { Accept: 'text/html' },
    );
    expect(res.headers.get('location')).toBe('/aem/start.html');
    // Nor does the login page carry it into its form.
    const page = await (await client(emu.url).get(`/libs/granite/core/content/login.html?resource=${encodeURIComponent(resource)}`)).text();
    expect(page).toContain('name="resource" value="/aem/start.html"');
  });

  test('a same-origin path keeps its query', async () => {
    const res = await client(emu.url).post(
      '/libs/granite/core/content/login.html/j_security_check',
      new URLSearchParams({ j_username: 'admin', j_password: 'admin', resource: '/apps/bpsetup/content/setup.html?x=1' }),
      { Accept: 'text/html' },
    );
    expect(res.headers.get('location')).toBe('/apps/bpsetup/content/setup.html?x=1');
  });

  test('a logged-in page shows <coral-shell-content>', async () => {
    const c = await loggedIn(emu.url);
    const html = await (await c.get('/apps/bpsetup/content/setup.html', { Accept: 'text/html' })).text();
    expect(html).toContain('<coral-shell-content>');
  });
});

describe('CSRF [contract: Session, CSRF and the page itself]', () => {
  test('token.json answers a JWT-like token to a session', async () => {
    const c = await loggedIn(emu.url);
    const res = await c.get('/libs/granite/csrf/token.json');
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    expect(token.split('.')).toHaveLength(3);
  });

  test('a write without a token, or with a forged one, is refused with 403; with a valid one it reaches the servlet', async () => {
    const c = await loggedIn(emu.url);
    const body = () => new URLSearchParams({ a: 'b' });
    expect((await c.post('/apps/bpsetup/anything', body())).status).toBe(403);
    const token = await c.csrfToken();
    expect((await c.post('/apps/bpsetup/anything', body(), { 'CSRF-Token': `${token}x` })).status).toBe(403);
    // Past the filter, Sling's default POST servlet creates the node and answers 201 with its status page.
    expect((await c.post('/apps/bpsetup/anything', body(), { 'CSRF-Token': token })).status).toBe(201);
    // The plain-form field works too (the node exists now: 200).
    const form = new URLSearchParams({ ':cq_csrf_token': token });
    expect((await c.post('/apps/bpsetup/anything', form)).status).toBe(200);
  });

  test('a token is bound to its user, not to one session', async () => {
    const a = await loggedIn(emu.url);
    const b = await loggedIn(emu.url);
    const headers = { 'CSRF-Token': await a.csrfToken(), 'Content-Type': 'application/x-www-form-urlencoded' };
    expect((await b.post('/apps/x', 'a=b', headers)).status).toBe(201);
  });
});

describe('content package installed at start-up', () => {
  test('the Tools tile node carries the package properties', async () => {
    const c = await loggedIn(emu.url);
    const tile = (await (await c.get('/apps/cq/core/content/nav/tools/bpsetup/setup.json')).json()) as Record<string, unknown>;
    expect(tile).toEqual({
      'jcr:primaryType': 'nt:unstructured',
      'jcr:title': 'Brand Portal setup',
      'jcr:description': expect.stringContaining('Brand Portal'),
      href: '/apps/bpsetup/content/setup.html',
      icon: 'link',
      id: 'bpsetup__setup',
    });
  });

  test('the Tools console lists our category among Adobe ones and shows our tile', async () => {
    const c = await loggedIn(emu.url);
    const html = await (await c.get('/aem/start.html?category=bpsetup', { Accept: 'text/html' })).text();
    expect(html).toContain('data-category="security"');
    expect(html).toMatch(/class="emulator-tools-category is-selected"[^>]*data-category="bpsetup"/);
    expect(html).toContain('href="/apps/bpsetup/content/setup.html" data-id="bpsetup__setup"');
  });

  test('the setup page includes Coral and Granite before our clientlib', async () => {
    const c = await loggedIn(emu.url);
    const html = await (await c.get('/apps/bpsetup/content/setup.html', { Accept: 'text/html' })).text();
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual([
      // The emulator's local stand-in for Coral's outside font loader (AEM has none: its Coral loads the font).
      '/etc.clientlibs/clientlibs/granite/local-fonts.js',
      '/etc.clientlibs/clientlibs/granite/coralui3/js/coral.min.js',
      '/etc.clientlibs/clientlibs/granite/jquery.js',
      '/etc.clientlibs/clientlibs/granite/foundation.js',
      '/etc.clientlibs/bpsetup/clientlibs/clientlib-setup.js',
    ]);
    expect(html).toContain('<div id="bpsetup-root" class="bpsetup-root">');
    expect(html).toContain('<title>Brand Portal setup | Adobe Experience Manager</title>');
  });

  test('our clientlib is served through the /etc.clientlibs proxy from the repository', async () => {
    const c = client(emu.url);
    const js = await c.get('/etc.clientlibs/bpsetup/clientlibs/clientlib-setup.min.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    const built = readFileSync(join(__dirname, '../../ui.frontend/dist/clientlib-setup/setup.js'), 'utf8');
    expect((await js.text()).trim()).toBe(built.trim());
    const css = await c.get('/etc.clientlibs/bpsetup/clientlibs/clientlib-setup.css');
    expect(await css.text()).toContain('.bpsetup-steps');
  });

  test.each([
    ['Coral (AEM)', '/etc.clientlibs/clientlibs/granite/coralui3/js/coral.min.js'],
    ['our clientlib', '/etc.clientlibs/bpsetup/clientlibs/clientlib-setup.js'],
    ['one of our parts', '/etc.clientlibs/bpsetup/clientlibs/clientlib-setup/resources/parts/summary.js'],
  ])('%s is cached alike: revalidated on each load, 304 while unchanged', async (_name, path) => {
    const c = client(emu.url);
    const first = await c.get(path);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const tag = first.headers.get('etag') as string;
    expect(tag).toMatch(/^"[\w-]{20,}"$/);
    const again = await c.get(path, { 'If-None-Match': tag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await c.get(path, { 'If-None-Match': '"another"' })).status).toBe(200);
  });

  test('Coral is served from node_modules with its icon resources', async () => {
    const c = client(emu.url);
    expect((await c.get('/etc.clientlibs/clientlibs/granite/coralui3/js/coral.min.js')).status).toBe(200);
    expect((await c.get('/etc.clientlibs/clientlibs/granite/coralui3/resources/spectrum-icons.svg')).status).toBe(200);
    // fetch normalises "..": send the raw path with node:http so it reaches the server as typed.
    const status = await new Promise<number>((resolve, reject) => {
      const { hostname, port } = new URL(emu.url);
      request({ hostname, port, path: '/etc.clientlibs/clientlibs/granite/coralui3/../../../../package.json' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    // The emulator normalises the path first, so this never reaches a file outside Coral's dist.
    expect(status).not.toBe(200);
  });

  test('Sling JSON renders depth and hides binaries as their length', async () => {
    const c = await loggedIn(emu.url);
    const folder = (await (await c.get('/apps/bpsetup/clientlibs/clientlib-setup.2.json')).json()) as Record<
      string,
      Record<string, Record<string, unknown>>
    >;
    expect(folder.categories).toEqual(['bpsetup.setup']);
    expect(typeof folder['js.txt']['jcr:content'][':jcr:data']).toBe('number');
    expect((await c.get('/apps/bpsetup/nothing.json')).status).toBe(404);
  });
});

describe('file-backed store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bpsetup-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('the repository survives a restart, and --reset starts from a fresh seed', async () => {
    const first = await startTestEmulator({ dataDir: dir });
    first.context.repo.change((tx) => tx.setProps('/conf/global/marker', { kept: true }));
    await first.close();
    expect(existsSync(join(dir, 'repository.json'))).toBe(true);

    const second = await startTestEmulator({ dataDir: dir });
    expect(second.context.repo.get('/conf/global/marker')?.props.kept).toBe(true);
    await second.close();

    const third = await startTestEmulator({ dataDir: dir, reset: true });
    expect(third.context.repo.exists('/conf/global/marker')).toBe(false);
    expect(third.context.repo.exists('/apps/bpsetup/content/setup')).toBe(true);
    await third.close();
  });
});

describe('request journal', () => {
  test('records method, path and status of AEM requests, not of control requests', async () => {
    const c = await loggedIn(emu.url);
    const since = emu.context.journal.lastSeq;
    await c.get('/apps/bpsetup/content/setup.html', { Accept: 'text/html' });
    const res = await client(emu.url).get(`/__emulator/requests?since=${since}`, { 'X-Emulator-Secret': TEST_CONTROL_SECRET });
    const { requests } = (await res.json()) as { requests: { method: string; path: string; status: number; write: boolean }[] };
    expect(requests).toEqual([
      expect.objectContaining({ method: 'GET', path: '/apps/bpsetup/content/setup.html', status: 200, write: false }),
    ]);
  });
});

describe('control routes (/__emulator)', () => {
  const reset = (headers: Record<string, string>) => fetch(`${emu.url}/__emulator/reset`, { method: 'POST', headers });
  test("refused without this run's secret, and from another site even with it", async () => {
    const marker = () => emu.context.repo.exists('/conf/control-marker');
    emu.context.repo.change((tx) => tx.ensure('/conf/control-marker'));
    expect((await reset({})).status).toBe(403);
    expect((await reset({ 'X-Emulator-Secret': 'guess' })).status).toBe(403);
    expect((await reset({ 'X-Emulator-Secret': TEST_CONTROL_SECRET, Origin: 'https://evil.example' })).status).toBe(403);
    expect((await reset({ 'X-Emulator-Secret': TEST_CONTROL_SECRET, Origin: 'null' })).status).toBe(403);
    expect((await reset({ 'X-Emulator-Secret': TEST_CONTROL_SECRET, Referer: 'https://evil.example/page.html' })).status).toBe(403);
    expect((await fetch(`${emu.url}/__emulator/requests`)).status).toBe(403);
    // The secret counts in its header only, never in the address.
    expect((await fetch(`${emu.url}/__emulator/requests?secret=${TEST_CONTROL_SECRET}`)).status).toBe(403);
    expect(marker()).toBe(true);
    // Same site with the secret: allowed.
    expect((await reset({ 'X-Emulator-Secret': TEST_CONTROL_SECRET, Origin: emu.url })).status).toBe(200);
    expect(marker()).toBe(false);
  });
});

describe('the demo credential and tenant', () => {
  test('come back after a reset unless asked not to', async () => {
    const demo = await startTestEmulator({ demo: true });
    try {
      const list = async () =>
        (
          (await (await controlFetch(`${demo.url}/__emulator/ims/integrations`)).json()) as { integrations: { clientId: string }[] }
        ).integrations.map((i) => i.clientId);
      const tenants = async () =>
        ((await (await controlFetch(`${demo.url}/__emulator/brandportal/tenants`)).json()) as { tenants: { url: string }[] }).tenants.map(
          (t) => t.url,
        );
      expect(await list()).toEqual(['a1b2c3d4e5f60718293a4b5c6d7e8f90']);
      expect((await controlFetch(`${demo.url}/__emulator/reset`, { method: 'POST' })).status).toBe(200);
      expect(await list()).toEqual(['a1b2c3d4e5f60718293a4b5c6d7e8f90']);
      expect(await tenants()).toEqual(['https://demo.brand-portal.adobe.com']);
      expect((await controlFetch(`${demo.url}/__emulator/reset?demo=false`, { method: 'POST' })).status).toBe(200);
      expect(await list()).toEqual([]);
      expect(await tenants()).toEqual([]);
    } finally {
      await demo.close();
    }
  });
});
