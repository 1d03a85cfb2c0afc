/**
 * `bpsetup check --publish-test` against an emulated author: the opt-in test publish goes through
 * the tenant's four agents, reaches the emulator's tenant, is unpublished and deleted, and leaves
 * nothing; a tenant that refuses it is a problem with the agent's error and its fix; a plain check
 * writes nothing at all.
 */
import { agentName } from '../../core/contract/aem-names';
import type { RunningEmulator } from '../../emulator/server';
import { connectedAuthor } from '../helpers/brand-portal-fixtures';
import { bpsetup } from '../helpers/cli';
import { setFaults } from '../helpers/emulator';

const TENANT = 'https://testpub.brand-portal.adobe.com';
const AGENTS = [0, 1, 2, 3].map((i) => agentName(i, 'testpub'));
let emu: RunningEmulator;

interface Host {
  exit: number;
  problems: { id: string; severity: string; title: string; fix: string }[];
  testPublish?: {
    verdict: string;
    agents: { name: string; state: string; error?: string }[];
    cleanup?: { removed?: boolean; unpublished: string[]; unpublishDrained?: boolean; leftovers?: string[] };
    notRun?: string;
  };
}
const check = async (...extra: string[]) => {
  const r = await bpsetup(['--url', emu.url, 'check', '--json', ...extra]);
  return { code: r.code, host: (JSON.parse(r.stdout) as { hosts: Host[] }).hosts[0] };
};
const writes = (since: number) => emu.context.journal.list(since).filter((r) => r.write);
/** The test folder as the emulated tenant holds it (publishing an asset makes its folder there). */
const TENANT_FOLDER = '/var/emulator/brandportal/tenants/testpub/received/content/dam/bpsetup-publish-proof';

beforeAll(async () => {
  emu = await connectedAuthor({ faults: true, agentDelayMs: 0, replicationDelayMs: 20 }, 'testpubclient', 'testpub-secret-1', TENANT);
}, 60000);
afterAll(() => emu.close());
afterEach(() => setFaults(emu.url, null));

test('a plain check writes nothing; --publish-test publishes through all four agents, unpublishes, deletes, leaves nothing', async () => {
  let since = emu.context.journal.lastSeq;
  const plain = await check();
  expect(plain.code).toBe(0);
  expect(plain.host.testPublish).toBeUndefined();
  expect(writes(since)).toEqual([]);

  since = emu.context.journal.lastSeq;
  const { code, host } = await check('--publish-test');
  expect(code).toBe(0);
  expect(host.testPublish?.verdict).toBe('published');
  expect(host.testPublish?.agents).toEqual(AGENTS.map((name) => ({ name, state: 'delivered' })));
  expect(host.testPublish?.cleanup).toMatchObject({
    removed: true,
    unpublished: AGENTS,
    unpublishDrained: true,
    folderUnpublished: AGENTS,
    folderDrained: true,
    leftovers: [],
  });
  // Writes went only to the package's script: publish, then cleanup.
  expect(writes(since).map((w) => `${w.method} ${w.path}`)).toEqual([
    'POST /apps/bpsetup/publish-proof',
    'POST /apps/bpsetup/publish-proof',
  ]);
  expect(emu.context.repo.exists('/content/dam/bpsetup-publish-proof')).toBe(false);
  // Delivered, then unpublished at the tenant too, the folder publishing made there included.
  expect(emu.context.repo.exists(TENANT_FOLDER)).toBe(false);
  expect(host.problems).toEqual([]);
}, 60000);

test('a tenant that refuses the test asset: exit 1, the agent log line and its fix; the queues are left empty', async () => {
  await setFaults(emu.url, { tenantRefuses: 'Received response from remote server: HTTP/1.1 401 Unauthorized' });
  const { code, host } = await check('--publish-test');
  expect(code).toBe(1);
  expect(host.testPublish?.verdict).toBe('refused');
  const problem = host.problems.find((p) => p.id === 'test-publish-refused');
  expect(problem?.title).toContain('401 Unauthorized');
  expect(problem?.fix).toContain('401');
  expect(host.testPublish?.cleanup).toMatchObject({ removed: true, leftovers: [] });
  for (const agent of AGENTS) expect(emu.context.replication.items(agent)).toEqual([]);
}, 60000);

test('two test publishes at once against a tenant that refuses every delivery: neither says published; the one that waits says another runs', async () => {
  await setFaults(emu.url, { tenantRefuses: 'Received response from remote server: HTTP/1.1 403 Forbidden' });
  const runs = await Promise.all([check('--publish-test'), check('--publish-test')]);
  const verdicts = runs.map((r) => r.host.testPublish?.verdict);
  expect(verdicts).not.toContain('published');
  expect(runs.map((r) => r.code)).not.toContain(0);
  expect(verdicts).toContain('refused');
  const waited = runs.find((r) => r.host.testPublish?.verdict === 'not-run');
  if (waited) expect(waited.host.testPublish?.notRun).toContain('Another test publish is running on this AEM');
  expect(emu.context.repo.exists('/content/dam/bpsetup-publish-proof')).toBe(false);
  for (const agent of AGENTS) expect(emu.context.replication.items(agent)).toEqual([]);
}, 60000);
