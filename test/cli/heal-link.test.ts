/**
 * An author whose cloud service and agents name an IMS configuration deleted since (what two
 * creators close together could leave before the keeper rule ran around the cloud-service save):
 * `check` says so (exit 1), `setup --dry-run` lists the heal and sends nothing, `setup` saves the
 * service naming the one configuration left and points the agents at it, and `check` is clean.
 */
import { NodeTransport } from '../../cli/node-transport';
import { createAemClient } from '../../core/aem/client';
import { createAemSession } from '../../core/aem/session';
import { AGENTS, CLOUD_CONFIG } from '../../core/contract/aem-names';
import type { RunningEmulator } from '../../emulator/server';
import { bpsetup, writeSetupJson } from '../helpers/cli';
import { startTestEmulator } from '../helpers/emulator';
import { credentialAndTenant, finishedSetup } from '../helpers/brand-portal-fixtures';
import { ORG, TECH } from '../helpers/ims-fixtures';
import { tempDir } from '../helpers/temp';

const CLIENT_ID = 'd44b1c2d3e4f5a6b7c8d9e0f1a2b3c4d';
const SECRET = 'p8e-heal-secret-1618';
const TENANT = 'https://heal.brand-portal.adobe.com';
const CLOUD = '/conf/global/settings/cloudconfigs/mediaportal/brand-portal';
let emu: RunningEmulator;
let keeper: string;
let deleted: string;

beforeAll(async () => {
  emu = await startTestEmulator({ agentDelayMs: 0 });
  await credentialAndTenant(emu.url, CLIENT_ID, SECRET, TENANT);
  await finishedSetup(emu.url, CLIENT_ID, SECRET, TENANT);
  const transport = new NodeTransport({ baseUrl: emu.url, credentials: { user: 'admin', password: 'admin' }, userAgent: 'bpsetup-cli' });
  const client = createAemClient(createAemSession({ transport: transport.forClient() }));
  keeper = String(emu.context.repo.get(`${CLOUD}/jcr:content`)?.props[CLOUD_CONFIG.params.imsConfig]);
  // A second creator's configuration, named by the service and the agents, then deleted by the keeper rule.
  deleted = await client.saveImsConfig({
    authType: 'oauth',
    title: 'Brand Portal (second run)',
    authServerUrl: 'https://ims-na1.adobelogin.com',
    clientId: CLIENT_ID,
    clientSecret: SECRET,
    orgId: ORG,
    technicalAccountId: TECH,
    scopes: ['openid', 'AdobeID'],
  });
  await client.saveCloudConfig({ item: CLOUD, title: 'Brand Portal', tenantUrl: TENANT, imsConfig: deleted, publicFolderPublish: false });
  for (const agent of await client.listAgents()) await client.setAgentTokenProvider(agent.name, deleted);
  const pid = (await client.listImsConfigs()).find((c) => c.id === deleted)?.pid as string;
  await client.deleteImsConfigs([pid]);
});
afterAll(() => emu.close());

const providers = () =>
  Object.values(emu.context.repo.get('/etc/replication/agents.author')?.children ?? {}).map(
    (n) => n.children['jcr:content']?.props[AGENTS.props.tokenProviderName],
  );
const named = () => emu.context.repo.get(`${CLOUD}/jcr:content`)?.props[CLOUD_CONFIG.params.imsConfig];
type Host = { exit: number; problems?: { id: string }[]; changes?: { action: string; planned?: boolean }[] };
const hostOf = (stdout: string) => (JSON.parse(stdout) as { hosts: Host[] }).hosts[0];

test('check names the broken link, setup --dry-run lists its heal, setup heals it, check is clean', async () => {
  const dir = tempDir('heal-');
  const config = writeSetupJson(dir, { clientId: CLIENT_ID, orgId: ORG, tenantUrl: TENANT });
  const before = hostOf((await bpsetup(['--url', emu.url, '--json', 'check'])).stdout);
  expect(before.exit).toBe(1);
  expect(before.problems?.map((p) => p.id)).toEqual(
    expect.arrayContaining(['cloud-ims-missing', expect.stringMatching(/^agent-token-provider-mp_replication_agent/)]),
  );

  const plan = hostOf(
    (await bpsetup(['--url', emu.url, '--json', 'setup', '--config', config, '--dry-run'], { BPSETUP_CLIENT_SECRET: SECRET })).stdout,
  );
  expect(plan.changes?.map((c) => c.action)).toEqual([
    'save the Brand Portal cloud service again',
    ...[0, 1, 2, 3].map((i) => expect.stringMatching(new RegExp(`^point mp_replication_agent${i}_\\S+ at the IMS configuration `))),
  ]);
  expect({ named: named(), providers: providers() }).toEqual({ named: deleted, providers: [deleted, deleted, deleted, deleted] });

  const run = await bpsetup(['--url', emu.url, '--json', 'setup', '--config', config], { BPSETUP_CLIENT_SECRET: SECRET });
  const healed = hostOf(run.stdout);
  expect({ exit: healed.exit, out: healed.exit ? run.stdout.slice(0, 1500) : '' }).toEqual({ exit: 0, out: '' });
  expect(healed.changes?.filter((c) => c.action.startsWith('point '))).toHaveLength(4);
  expect({ named: named(), providers: providers() }).toEqual({ named: keeper, providers: [keeper, keeper, keeper, keeper] });

  const after = hostOf((await bpsetup(['--url', emu.url, '--json', 'check'])).stdout);
  expect({ exit: after.exit, problems: after.problems?.map((p) => p.id) }).toEqual({ exit: 0, problems: [] });
}, 60000);
