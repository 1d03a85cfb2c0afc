/** Contract 3.1 item 13: fault injection, deterministic and resettable, and off by default. */
import type { RunningEmulator } from '../../emulator/server';
import { type Client, loggedIn, startTestEmulator, controlFetch } from '../helpers/emulator';
import { PRODUCT_INFO, certificate, createKeystore, oauthForm, serviceUser, uploadKey } from '../helpers/ims-fixtures';
import { parseDateText } from '../../core/domain/java-date';
import { cloudForm, healthyOauthConfig, registerTenant, waitForAgents } from '../helpers/brand-portal-fixtures';

let emu: RunningEmulator;
let c: Client;
beforeAll(async () => {
  emu = await startTestEmulator({ faults: true, agentDelayMs: 0, interimEndpoints: true });
  c = await loggedIn(emu.url);
});
afterAll(() => emu.close());
afterEach(() => controlFetch(`${emu.url}/__emulator/faults`, { method: 'DELETE' }));

const inject = async (body: unknown) => {
  const res = await controlFetch(`${emu.url}/__emulator/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return res.json();
};

test('off unless enabled', async () => {
  const plain = await startTestEmulator();
  try {
    const res = await controlFetch(`${plain.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"ims":"invalid_client"}',
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('--faults');
  } finally {
    await plain.close();
  }
});

test('a route answers 500 for the given number of times, then works again', async () => {
  await inject({ routes: [{ path: '/apps/bpsetup/ims/update', method: 'POST', status: 500, body: 'boom', times: 1 }] });
  const failed = await c.write('/apps/bpsetup/ims/update', oauthForm('f1'));
  expect([failed.status, await failed.text()]).toEqual([500, 'boom']);
  expect((await c.write('/apps/bpsetup/ims/update', oauthForm('f1'))).status).toBe(200);
});

test("servletsUnbound: the package nodes fall to Sling's default POST servlet, which cannot store the form there", async () => {
  await inject({ servletsUnbound: true });
  const res = await c.write('/apps/bpsetup/ims/update', oauthForm('f2'));
  const body = await res.text();
  expect(res.status).toBe(500);
  expect(body).toContain('<div id="Status">500</div>');
  expect(body).toContain('No matching property definition');
  expect(body).not.toContain('p8e-secret-value-1234');
  const node = (await (await c.get('/apps/bpsetup/ims/update.json')).json()) as Record<string, unknown>;
  expect(Object.keys(node).sort()).toEqual(['jcr:mixinTypes', 'jcr:primaryType', 'sling:resourceType']);
});

test('latency and dropped connections', async () => {
  await inject({ routes: [{ path: PRODUCT_INFO, delayMs: 200, times: 1 }] });
  const start = Date.now();
  expect((await c.get(PRODUCT_INFO)).status).toBe(200);
  expect(Date.now() - start).toBeGreaterThanOrEqual(190); // a lower bound: the injected delay happened
  await inject({ routes: [{ path: PRODUCT_INFO, drop: true, times: 1 }] });
  await expect(c.get(PRODUCT_INFO)).rejects.toThrow();
});

test('expired session, expired CSRF tokens, blocked or unusable token.json', async () => {
  const own = await loggedIn(emu.url);
  const oldToken = await own.csrfToken();
  await inject({ expireCsrfTokens: true });
  expect((await own.post('/apps/bpsetup/ims/update', oauthForm('f3'), { 'CSRF-Token': oldToken })).status).toBe(403);
  expect((await own.write('/apps/bpsetup/ims/update', oauthForm('f3'))).status).toBe(200);

  await inject({ csrf: 'blocked' });
  expect((await own.get('/libs/granite/csrf/token.json')).status).toBe(404);
  await inject({ csrf: 'invalid' });
  expect((await own.write('/apps/bpsetup/ims/update', oauthForm('f3'))).status).toBe(403);

  await inject({ expireSessions: true });
  const res = await own.get('/libs/granite/csrf/token.json');
  expect([res.status, res.headers.get('x-reason')]).toEqual([403, 'Authentication Failed']);
  c = await loggedIn(emu.url);
});

test('IMS answers a chosen error to every token request', async () => {
  const id = await healthyOauthConfig(emu.url, c, 'faultclient');
  await inject({ ims: 'invalid_scope' });
  // The emulator's IMS servlet stores the configuration id as the provider name.
  const health = (await (await c.get(`/apps/bpsetup/health.json?name=${id}`)).json()) as {
    healthy: boolean;
    message: string;
  };
  expect(health.healthy).toBe(false);
  expect(health.message).toContain('status: 400 response: {"error":"invalid_scope","error_description":"Injected fault: invalid_scope"}');
});

test('product version, agent flags, certificate dates', async () => {
  await inject({ version: '6.4.8.0' });
  expect(await (await c.get(PRODUCT_INFO)).json()).toContain('  Adobe Experience Manager (6.4.8.0)');

  const ims = await healthyOauthConfig(emu.url, c, 'agentsclient');
  await registerTenant(emu.url, 'https://flags.brand-portal.adobe.com');
  await c.write('/apps/brandportal/config', cloudForm('https://flags.brand-portal.adobe.com', ims, { name: 'Flags' }));
  await waitForAgents(c);
  await inject({ agent: { name: 'mp_replication_agent2_default_flags', enabled: false }, testConnection: 'fail' });
  await inject({ agent: { name: 'mp_replication_agent3_default_flags', closeConnection: false } });
  const agents = (await (await c.get('/etc/replication/agents.author.2.json')).json()) as Record<
    string,
    { 'jcr:content': Record<string, unknown> }
  >;
  expect(agents.mp_replication_agent2_default_flags['jcr:content'].enabled).toBe(false);
  expect(agents.mp_replication_agent3_default_flags['jcr:content'].protocolHTTPConnectionClose).toBe(false);
  expect(await (await c.get('/etc/replication/agents.author/mp_replication_agent0_default_flags.test.html')).text()).toContain(
    'HTTP/1.1 500 Internal Server Error',
  );

  await createKeystore(c);
  await uploadKey(c, 'dated', await certificate());
  await inject({ certificate: { alias: 'dated', state: 'expired' } });
  const USER = await serviceUser(c);
  const ks = (await (await c.get(`${USER}.ks.json`)).json()) as { aliases: { alias: string; chain: { notAfter: string }[] }[] };
  expect(parseDateText(ks.aliases.find((a) => a.alias === 'dated')?.chain[0].notAfter ?? '')).toBeLessThan(Date.now());
  await inject({ certificate: { alias: 'dated', state: 'expiring' } });
  const ks2 = (await (await c.get(`${USER}.ks.json`)).json()) as typeof ks;
  const days = (parseDateText(ks2.aliases[0].chain[0].notAfter) - Date.now()) / 86400000;
  expect(days).toBeGreaterThan(5);
  expect(days).toBeLessThan(15);
});

test('seeds: legacy setup, duplicate IMS configurations, an existing cloud configuration', async () => {
  const seed = (scenario: string) =>
    controlFetch(`${emu.url}/__emulator/seed`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ scenario }),
    });
  expect((await seed('legacy')).status).toBe(200);
  const legacy = (await (await c.get('/etc/cloudservices/mediaportal.2.json')).json()) as Record<
    string,
    Record<string, Record<string, unknown>>
  >;
  expect(legacy['legacy-brand-portal']['jcr:content'].tenantURL).toBe('https://legacyco.brand-portal.adobe.com');
  const users = (await (await c.get('/bin/querybuilder.json?path=/home/users/mac/legacyco&type=rep:User&p.hits=full')).json()) as {
    hits: Record<string, string>[];
  };
  expect(users.hits.map((h) => h['rep:authorizableId'])).toEqual(['mac-legacyco-replication']);
  expect((await c.get('/etc/replication/agents.author/mp_replication_agent0_default_legacyco.json')).status).toBe(200);

  const dup = (await (await seed('duplicateIms')).json()) as { ids: string[] };
  expect(dup.ids).toHaveLength(2);
  const existing = (await (await seed('existingCloudConfig')).json()) as { path: string };
  expect(existing.path).toBe('/conf/global/settings/cloudconfigs/mediaportal/brand-portal');
  expect((await c.get('/etc/replication/agents.author/mp_replication_agent3_default_demo.json')).status).toBe(200);
  expect((await seed('nope')).status).toBe(400);
});

test('DELETE clears every fault; reset clears them too', async () => {
  await inject({ ims: 'invalid_client', agentsNotCreated: true, routes: [{ path: '/x', status: 500 }] });
  await controlFetch(`${emu.url}/__emulator/faults`, { method: 'DELETE' });
  expect(await (await controlFetch(`${emu.url}/__emulator/faults`)).json()).toEqual({ routes: [] });
  await inject({ ims: 'invalid_client' });
  await controlFetch(`${emu.url}/__emulator/reset`, { method: 'POST' });
  expect(await (await controlFetch(`${emu.url}/__emulator/faults`)).json()).toEqual({ routes: [] });
});
