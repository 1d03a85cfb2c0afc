/**
 * Contract tests (sections 2.13–2.15): the Brand Portal cloud service save, the four agents it
 * creates, the tenant's replication user, agent property updates and Test Connection results
 * that follow the real state.
 */
import type { RunningEmulator } from '../../emulator/server';
import { type Client, loggedIn, startTestEmulator, controlFetch } from '../helpers/emulator';
import { type AgentsJson, cloudForm, healthyOauthConfig, registerTenant, waitForAgents } from '../helpers/brand-portal-fixtures';

const TENANT = 'https://acme.brand-portal.adobe.com';
let emu: RunningEmulator;
let c: Client;
let ims: string;

beforeAll(async () => {
  emu = await startTestEmulator({ agentDelayMs: 150, faults: true });
  c = await loggedIn(emu.url);
  ims = await healthyOauthConfig(emu.url, c);
  await registerTenant(emu.url, TENANT);
});
afterAll(() => emu.close());

/** The tenant saved and its four agents there (made on first need: any test runs alone with -t). */
async function savedTenant(): Promise<void> {
  if (emu.context.repo.exists('/conf/global/settings/cloudconfigs/mediaportal/brand-portal')) return;
  expect((await c.write('/apps/brandportal/config', cloudForm(TENANT, ims))).status).toBe(200);
  expect(Object.keys(await waitForAgents(c))).toHaveLength(4);
}

const testConnection = async (agent: string) => (await c.get(`/etc/replication/agents.author/${agent}.test.html`)).text();
const AGENT0 = 'mp_replication_agent0_default_acme';

describe('2.13 cloud configuration save', () => {
  test('bad input is refused with a message and nothing is stored', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ tenantURL: 'http://acme.brand-portal.adobe.com' }, /https/],
      [{ tenantURL: 'https://acme.brand-portal.adobe.com/assets' }, /without a path/],
      [{ tenantURL: 'not a url' }, /not a web address/],
      [{ imsConfig: 'no-such-config' }, /imsConfig does not name an existing IMS configuration/],
      [{ name: '' }, /name \(the title\) is required/],
    ];
    for (const [override, message] of cases) {
      const res = await c.write('/apps/brandportal/config', cloudForm(TENANT, ims, override));
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(message);
    }
    expect(Object.keys((await (await c.get('/conf/global/settings/cloudconfigs/mediaportal.1.json')).json()) as object)).toEqual([
      'jcr:primaryType',
    ]);
  });

  test('create stores the configuration under /conf, then the four agents appear', async () => {
    const res = await c.write('/apps/brandportal/config', cloudForm(`${TENANT}/`, ims));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="Path">/conf/global/settings/cloudconfigs/mediaportal/brand-portal</div>');

    const configs = (await (await c.get('/conf/global/settings/cloudconfigs/mediaportal.2.json')).json()) as Record<
      string,
      Record<string, Record<string, unknown>>
    >;
    expect(configs['brand-portal']['jcr:content']).toMatchObject({
      'jcr:title': 'Brand Portal',
      tenantURL: TENANT,
      imsConfig: ims,
      oauthScopes: 'dam-read dam-write dam-sync cc-share',
      'sling:resourceType': 'dam/components/mediaportal/config',
    });

    const agents = await waitForAgents(c);
    expect(Object.keys(agents).sort()).toEqual([0, 1, 2, 3].map((i) => `mp_replication_agent${i}_default_acme`));
    expect(agents[AGENT0]['jcr:content']).toMatchObject({
      'jcr:title': 'acme MP Replication Agent0 Default',
      transportUri: 'https://acme.brand-portal.adobe.com/bin/receive?sling:authRequestLogin=1',
      enabled: true,
      protocolHTTPConnectionClose: true,
      triggerSpecific: true,
      accessTokenProviderName: ims,
    });
  });

  test('the tenant replication user exists at an Oak-style path below its tenant folder', async () => {
    await savedTenant();
    const found = (await (
      await c.get(
        '/bin/querybuilder.json?path=/home/users/mac/acme&type=rep:User&1_property=rep:authorizableId&1_property.value=mac-acme-replication&p.hits=full',
      )
    ).json()) as { hits: Record<string, string>[] };
    expect(found.hits).toHaveLength(1);
    expect(found.hits[0]).toMatchObject({ 'jcr:primaryType': 'rep:SystemUser', 'rep:authorizableId': 'mac-acme-replication' });
    expect(found.hits[0]['jcr:path']).toMatch(/^\/home\/users\/mac\/acme\/[A-Za-z0-9_-]{20}$/);
  });
});

describe('2.14 Test Connection', () => {
  beforeEach(savedTenant);
  test('all four agents succeed when tenant, IMS and replication user are right; nothing is written', async () => {
    const since = emu.context.journal.lastSeq;
    const results = await Promise.all([0, 1, 2, 3].map((i) => testConnection(`mp_replication_agent${i}_default_acme`)));
    for (const html of results) {
      expect(html).toContain('Replication test to https://acme.brand-portal.adobe.com/bin/receive?sling:authRequestLogin=1');
      expect(html).toContain('HTTP/1.1 200 OK');
      expect(html).toContain('ReplicationAction TEST ok.');
      expect(html).toContain('Replication test <strong>succeeded</strong>');
    }
    expect(emu.context.journal.list(since).filter((r) => r.write)).toEqual([]);
  });

  test('a disabled agent fails; re-enabling through a Sling property POST fixes it', async () => {
    const disable = await c.write(
      `/etc/replication/agents.author/${AGENT0}/jcr:content`,
      new URLSearchParams({ enabled: 'false', 'enabled@TypeHint': 'Boolean' }),
    );
    expect(disable.status).toBe(200);
    const agent = (await (await c.get(`/etc/replication/agents.author/${AGENT0}/jcr:content.json`)).json()) as Record<string, unknown>;
    expect(agent.enabled).toBe(false);
    expect(await testConnection(AGENT0)).toContain('Replication test <strong>failed</strong>');
    await c.write(
      `/etc/replication/agents.author/${AGENT0}/jcr:content`,
      new URLSearchParams({ enabled: 'true', 'enabled@TypeHint': 'Boolean' }),
    );
    expect(await testConnection(AGENT0)).toContain('<strong>succeeded</strong>');
  });

  test('an unknown tenant fails with the host name', async () => {
    await c.write(
      `/etc/replication/agents.author/${AGENT0}/jcr:content`,
      new URLSearchParams({ transportUri: 'https://nobody.brand-portal.adobe.com/bin/receive?sling:authRequestLogin=1' }),
    );
    const html = await testConnection(AGENT0);
    expect(html).toContain('java.net.UnknownHostException: nobody.brand-portal.adobe.com');
    expect(html).toContain('<strong>failed</strong>');
    await c.write(
      `/etc/replication/agents.author/${AGENT0}/jcr:content`,
      new URLSearchParams({ transportUri: 'https://acme.brand-portal.adobe.com/bin/receive?sling:authRequestLogin=1' }),
    );
  });

  test('an unhealthy IMS configuration fails the test', async () => {
    await controlFetch(`${emu.url}/__emulator/ims/integrations/bpclient`, { method: 'DELETE' });
    const html = await testConnection(AGENT0);
    expect(html).toContain('Unable to get an access token');
    expect(html).toContain('invalid_client');
    await healthyOauthConfig(emu.url, c, 'bpclient'); // re-register (also adds a spare configuration)
  });

  test('a replaced IMS configuration: the replication user still holds the old key, publishing gets 401', async () => {
    const replacement = await healthyOauthConfig(emu.url, c, 'bpclient2', 'Brand Portal 2');
    await c.write(
      '/apps/brandportal/config',
      cloudForm(TENANT, replacement, { item: '/conf/global/settings/cloudconfigs/mediaportal/brand-portal' }),
    );
    for (let i = 0; i < 4; i++) {
      await c.write(
        `/etc/replication/agents.author/mp_replication_agent${i}_default_acme/jcr:content`,
        new URLSearchParams({ accessTokenProviderName: replacement }),
      );
    }
    const html = await testConnection(AGENT0);
    expect(html).toContain('HTTP/1.1 401 Unauthorized');
    expect(html).toContain('<strong>failed</strong>');
  });

  test('an unknown agent: "no such agent:" and neither marker, as AEM\'s test page says', async () => {
    const res = await c.get('/etc/replication/agents.author/mp_replication_agent9_default_acme.test.html');
    const html = await res.text();
    expect(html).toContain('no such agent:');
    expect(html).not.toContain('Replication test <strong>');
  });
});

describe('agents not created on save, and the re-save remedy', () => {
  test('with the fault on, no agents appear; re-saving the configuration with faults off creates them', async () => {
    await controlFetch(`${emu.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ agentsNotCreated: true }),
    });
    await registerTenant(emu.url, 'https://beta.brand-portal.adobe.com');
    await c.write('/apps/brandportal/config', cloudForm('https://beta.brand-portal.adobe.com', ims, { name: 'Beta' }));
    await new Promise((r) => setTimeout(r, 300));
    const onlyBeta = (a: AgentsJson) => Object.keys(a).filter((k) => k.endsWith('_beta'));
    expect(onlyBeta(await waitForAgents(c, 8, 0))).toEqual([]);

    await controlFetch(`${emu.url}/__emulator/faults`, { method: 'DELETE' });
    await c.write(
      '/apps/brandportal/config',
      cloudForm('https://beta.brand-portal.adobe.com', ims, { name: 'Beta', item: '/conf/global/settings/cloudconfigs/mediaportal/beta' }),
    );
    expect(onlyBeta(await waitForAgents(c, 8))).toHaveLength(4);
  });
});

describe('queues and deletion (used by "Reset Brand Portal publishing")', () => {
  beforeEach(savedTenant);
  test('an agent queue reads as JSON; faults add pending items', async () => {
    const empty = (await (await c.get(`/etc/replication/agents.author/${AGENT0}/jcr:content.queue.json`)).json()) as {
      queue: unknown[];
      metaData: { queueStatus: { agentId: string; isBlocked: boolean; isPaused: boolean } };
    };
    expect(empty.queue).toEqual([]);
    expect(empty.metaData.queueStatus).toMatchObject({ agentId: AGENT0, isBlocked: false, isPaused: false });
    await controlFetch(`${emu.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ queue: { agent: AGENT0, items: 3 } }),
    });
    const busy = (await (await c.get(`/etc/replication/agents.author/${AGENT0}/jcr:content.queue.json`)).json()) as typeof empty;
    expect(busy.queue).toHaveLength(3);
    // As AEM's queue script writes an item: the action type's name (as "Action: Test" in a test log), times in ms, attempts.
    expect(busy.queue[0]).toMatchObject({
      id: expect.any(String),
      path: expect.any(String),
      type: 'Activate',
      userid: 'admin',
      time: expect.any(Number),
      numProcessed: 0,
    });
    await controlFetch(`${emu.url}/__emulator/faults`, { method: 'DELETE' });
  });

  test('users go through deleteAuthorizable, never :operation=delete; then the emptied folder goes; CSRF on both', async () => {
    const del = (path: string) => c.write(path, new URLSearchParams({ ':operation': 'delete' }));
    const users = (await (await c.get('/bin/querybuilder.json?path=/home/users/mac/acme&type=rep:User&p.hits=full')).json()) as {
      hits: { 'jcr:path': string }[];
    };
    const user = users.hits[0]['jcr:path'];
    expect((await c.post('/home/users/mac/acme', new URLSearchParams({ ':operation': 'delete' }))).status).toBe(403);
    expect((await del(user)).status).toBe(500);
    expect((await c.post(user, new URLSearchParams({ deleteAuthorizable: '' }))).status).toBe(403);
    expect((await c.write(user, new URLSearchParams({ deleteAuthorizable: '' }))).status).toBe(200);
    expect(emu.context.repo.exists(user)).toBe(false);
    expect((await del('/home/users/mac/acme')).status).toBe(200);
    expect(emu.context.repo.exists('/home/users/mac/acme')).toBe(false);
    expect((await del(`/etc/replication/agents.author/${AGENT0}`)).status).toBe(200);
    expect((await del(`/etc/replication/agents.author/${AGENT0}`)).status).toBe(404);
  });
});
