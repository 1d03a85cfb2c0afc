/**
 * The cloud-service save under the keeper rule, against the emulator's servlets: a configuration
 * deleted right before the save or right after it (another creator's keeper rule) leaves the
 * service naming the one that stays, agents AEM wrote from the deleted one are pointed at it,
 * and nothing else is touched.
 */
import { NodeTransport } from '../../cli/node-transport';
import { createAemClient, type AemClient } from '../../core/aem/client';
import type { AemTransport } from '../../core/aem/fetch';
import { createAemSession } from '../../core/aem/session';
import { checkAgents } from '../../core/domain/agents';
import { AGENTS, CLOUD_CONFIG } from '../../core/contract/aem-names';
import type { RunningEmulator } from '../../emulator/server';
import { controlFetch, startTestEmulator } from '../helpers/emulator';
import { registerTenant } from '../helpers/brand-portal-fixtures';
import { oauthInput } from '../helpers/ims-fixtures';

const TENANT = 'https://linked.brand-portal.adobe.com';
let emu: RunningEmulator;
let transport: AemTransport;

beforeAll(async () => {
  emu = await startTestEmulator({ agentDelayMs: 0 });
  transport = new NodeTransport({
    baseUrl: emu.url,
    credentials: { user: 'admin', password: 'admin' },
    userAgent: 'bpsetup-cli',
  }).forClient();
});
afterAll(() => emu.close());
beforeEach(async () => {
  await controlFetch(`${emu.url}/__emulator/reset?demo=false`, { method: 'POST' });
  await registerTenant(emu.url, TENANT);
});

const input = oauthInput;

const cloud = (imsConfig: string) => ({ title: 'Brand Portal', tenantUrl: TENANT, imsConfig, publicFolderPublish: true });
const cloudContent = () => emu.context.repo.get('/conf/global/settings/cloudconfigs/mediaportal/brand-portal/jcr:content')?.props ?? {};
const providers = () =>
  Object.values(emu.context.repo.get('/etc/replication/agents.author')?.children ?? {})
    .map((n) => n.children['jcr:content']?.props[AGENTS.props.tokenProviderName])
    .filter(Boolean);

/** Two Brand Portal configurations, the keeper first; answers [keeper, other]. */
async function two(client: AemClient): Promise<[string, string]> {
  const keeper = await client.saveImsConfig(input('keeper'));
  const other = await client.saveImsConfig(input('other'));
  return [keeper, other];
}
const pidOf = async (client: AemClient, id: string) => (await client.listImsConfigs()).find((c) => c.id === id)?.pid as string;

test('the chosen configuration deleted right before the save: the service names the one left, and says so', async () => {
  const client = createAemClient(createAemSession({ transport }));
  const [keeper, other] = await two(client);
  await client.deleteImsConfigs([await pidOf(client, other)]);
  const linked = await client.saveCloudConfigLinked(cloud(other));
  expect({ named: linked.imsConfig, from: linked.relinkedFrom }).toEqual({ named: keeper, from: other });
  expect(cloudContent()[CLOUD_CONFIG.params.imsConfig]).toBe(keeper);
  // What the product does not own is sent as the caller gave it.
  expect(cloudContent()[CLOUD_CONFIG.params.pubFolder]).toBe('true');
});

test('deleted right after the save: saved again naming the keeper; the agents AEM wrote from it are pointed at it', async () => {
  let deleteAfterSave: (() => Promise<void>) | undefined;
  // Another creator's keeper rule, landing just after this save (the race the soak test times).
  const racing: AemTransport = {
    ...transport,
    fetch: async (url, init) => {
      const res = await transport.fetch(url, init);
      if (init.method === 'POST' && url.endsWith('/apps/brandportal/config') && deleteAfterSave) {
        const run = deleteAfterSave;
        deleteAfterSave = undefined;
        await run();
      }
      return res;
    },
  };
  const client = createAemClient(createAemSession({ transport: racing }));
  const [keeper, other] = await two(client);
  const otherPid = await pidOf(client, other);
  deleteAfterSave = () => createAemClient(createAemSession({ transport })).deleteImsConfigs([otherPid]);
  const linked = await client.saveCloudConfigLinked(cloud(other));
  expect(linked.imsConfig).toBe(keeper);
  expect(cloudContent()[CLOUD_CONFIG.params.imsConfig]).toBe(keeper);
  // AEM wrote the agents on the first save, from the configuration deleted since.
  expect(providers()).toEqual([other, other, other, other]);
  const agents = checkAgents(await client.listAgents(), TENANT, 'linked').flatMap((c) => (c.agent ? [c.agent] : []));
  const relinked = await client.relinkAgents(agents, linked.listed, linked.imsConfig);
  expect(relinked).toHaveLength(4);
  expect(providers()).toEqual([keeper, keeper, keeper, keeper]);
  // Only the provider changed: the agents' other settings are as AEM wrote them.
  const content = emu.context.repo.get(`/etc/replication/agents.author/${relinked[0]}/jcr:content`)?.props ?? {};
  expect({ enabled: content[AGENTS.props.enabled], user: content[AGENTS.props.userId] }).toEqual({ enabled: true, user: AGENTS.queueUser });
  // Nothing left to relink: a second pass writes nothing.
  expect(await client.relinkAgents(await client.listAgents(), await client.listImsConfigs(), keeper)).toEqual([]);
});

test('an agent naming another configuration that exists is left alone', async () => {
  const client = createAemClient(createAemSession({ transport }));
  const [keeper, other] = await two(client);
  await client.saveCloudConfigLinked(cloud(keeper));
  const agents = await client.listAgents();
  await client.setAgentTokenProvider(agents[0].name, other);
  expect(await client.relinkAgents(await client.listAgents(), await client.listImsConfigs(), keeper)).toEqual([]);
  expect(providers()).toContain(other);
});

test('no configuration left to name: explained, and no cloud service is written', async () => {
  const client = createAemClient(createAemSession({ transport }));
  const only = await client.saveImsConfig(input('only'));
  await client.deleteImsConfigs([await pidOf(client, only)]);
  await expect(client.saveCloudConfigLinked(cloud(only))).rejects.toMatchObject({ name: 'ImsConfigGoneError', id: only });
  expect(emu.context.repo.exists('/conf/global/settings/cloudconfigs/mediaportal/brand-portal')).toBe(false);
});
