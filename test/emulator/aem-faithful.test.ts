/**
 * The default emulator mode is never kinder than AEM 6.5: the project's interim addresses answer
 * 404, Sling's default POST servlet stores whatever reaches a node no servlet takes (a secret
 * too), users sit at Oak-style paths found only by a lookup, and the CSRF filter lets the default
 * safe user agents through. With --interim-endpoints the interim public-key read is served and
 * named in the page's settings, as an administrator's override would.
 */
import type { RunningEmulator } from '../../emulator/server';
import { type Client, loggedIn, startTestEmulator } from '../helpers/emulator';
import { PRODUCT_INFO, serviceUser } from '../helpers/ims-fixtures';

let emu: RunningEmulator;
let c: Client;
beforeAll(async () => {
  emu = await startTestEmulator();
  c = await loggedIn(emu.url);
});
afterAll(() => emu.close());

const INTERIM = ['/apps/bpsetup/unverified/check-health.json?id=x', '/apps/bpsetup/unverified/public-key.crt?alias=x'];

test('interim addresses answer 404 by default; --interim-endpoints seeds the public-key override and serves it', async () => {
  for (const path of INTERIM) expect([path, (await c.get(path)).status]).toEqual([path, 404]);
  expect(await (await c.get('/conf/bpsetup/settings/endpoints.json')).json()).toEqual({ 'jcr:primaryType': 'nt:unstructured' });
  const interim = await startTestEmulator({ interimEndpoints: true });
  try {
    const ic = await loggedIn(interim.url);
    expect(await (await ic.get('/conf/bpsetup/settings/endpoints.json')).json()).toEqual({
      'jcr:primaryType': 'nt:unstructured',
      publicKey: '/apps/bpsetup/unverified/public-key.crt',
    });
    // Served: the answer comes from the route (its own 4xx for an unknown alias), not "no such resource".
    expect(await (await ic.get(INTERIM[1])).text()).toBe('No certificate with alias x');
    // Check Health is the package's own script in both modes; the old interim address is gone.
    expect((await ic.get(INTERIM[0])).status).toBe(404);
    await interim.context.reset();
    expect((await (await ic.get('/conf/bpsetup/settings/endpoints.json')).json()) as object).toHaveProperty('publicKey');
  } finally {
    await interim.close();
  }
});

test('the version comes from the Felix product-info printer', async () => {
  expect(await (await c.get(PRODUCT_INFO)).json()).toContain('  Adobe Experience Manager (6.5.21.0)');
});

describe("Sling's default POST servlet", () => {
  test('a POST to a path no servlet takes stores every field, the secret too, and answers the HTML status page', async () => {
    const res = await c.write(
      '/apps/bpsetup/wrong/update',
      new URLSearchParams({
        title: 'Brand Portal',
        clientSecret: 'p8e-leaks-here',
        ':ignored': 'x',
        'flag@TypeHint': 'Boolean',
        flag: 'true',
      }),
    );
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<div id="Status">201</div>');
    const node = (await (await c.get('/apps/bpsetup/wrong/update.json')).json()) as Record<string, unknown>;
    expect(node).toMatchObject({ title: 'Brand Portal', clientSecret: 'p8e-leaks-here', flag: true });
    expect(node).not.toHaveProperty(':ignored');
    // @Delete removes, and a second POST modifies (200).
    const cleanup = await c.write('/apps/bpsetup/wrong/update', new URLSearchParams({ 'clientSecret@Delete': '', 'title@Delete': '' }));
    expect(cleanup.status).toBe(200);
    expect(await (await c.get('/apps/bpsetup/wrong/update.json')).json()).not.toHaveProperty('clientSecret');
  });

  test('"./"-prefixed fields: only those are stored', async () => {
    await c.write('/apps/bpsetup/prefixed', new URLSearchParams({ './kept': 'yes', dropped: 'no' }));
    const node = (await (await c.get('/apps/bpsetup/prefixed.json')).json()) as Record<string, unknown>;
    expect(node).toMatchObject({ kept: 'yes' });
    expect(node).not.toHaveProperty('dropped');
  });

  test('node types without arbitrary properties refuse the fields (500), storing nothing', async () => {
    const res = await c.write('/apps/system/config', new URLSearchParams({ clientSecret: 'p8e-never-stored' }));
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('No matching property definition: clientSecret');
    expect(JSON.stringify(await (await c.get('/apps/system/config.json')).json())).not.toContain('p8e-never-stored');
  });

  test(':operation=delete: 404 for a missing node; never for a user (user management owns those)', async () => {
    expect((await c.write('/apps/bpsetup/missing', new URLSearchParams({ ':operation': 'delete' }))).status).toBe(404);
    const user = await serviceUser(c);
    expect((await c.write(user, new URLSearchParams({ ':operation': 'delete' }))).status).toBe(500);
    expect(emu.context.repo.exists(user)).toBe(true);
  });

  test("the emulator's own data is as if absent: not readable, not writable", async () => {
    expect((await c.write('/var/emulator/crypto', new URLSearchParams({ masterKey: 'x' }))).status).toBe(404);
  });
});

test('QueryBuilder finds the service user by id; the hit carries jcr:path and its properties', async () => {
  const q =
    '/bin/querybuilder.json?path=/home/users/system&type=rep:SystemUser&1_property=rep:authorizableId&1_property.value=brandportal-imsconfig-service&p.hits=full';
  const body = (await (await c.get(q)).json()) as { success: boolean; results: number; hits: Record<string, string>[] };
  expect(body).toMatchObject({ success: true, results: 1 });
  expect(body.hits[0]['rep:authorizableId']).toBe('brandportal-imsconfig-service');
  expect((await c.get('/home/users/system/brandportal-imsconfig-service.json')).status).toBe(404);
  expect((await c.get(`${body.hits[0]['jcr:path']}.json`)).status).toBe(200);
});

describe("the CSRF filter's default safe user agents", () => {
  const post = (ua: string, withCookie = true) =>
    fetch(`${emu.url}/apps/bpsetup/ua-check`, {
      method: 'POST',
      body: new URLSearchParams({ ua }),
      headers: { 'User-Agent': ua, ...(withCookie ? { Cookie: c.cookie } : {}) },
    });

  test.each(['curl/8.5.0', 'Wget/1.21.3', 'Apache-HttpClient/4.5.14 (Java/17)', 'Jakarta Commons-HttpClient/3.1'])(
    '%s writes without a token',
    async (ua) => {
      expect((await post(ua)).status).toBeLessThan(300);
    },
  );

  test.each(['Mozilla/5.0 (X11; Linux x86_64) Chrome/156', 'node', 'python-requests/2.31'])('%s needs a token', async (ua) => {
    expect((await post(ua)).status).toBe(403);
  });

  test('a safe agent still needs to be signed in', async () => {
    const res = await post('curl/8.5.0', false);
    expect([res.status, res.headers.get('x-reason')]).toEqual([403, 'Authentication Failed']);
  });
});
