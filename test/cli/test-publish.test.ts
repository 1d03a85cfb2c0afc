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
  };
}
const check = async (...extra: string[]) => {
  const r = await bpsetup(['--url', emu.url, 'check', '--json', ...extra]);
  return { code: r.code, host: (JSON.parse(r.stdout) as { hosts: Host[] }).hosts[0] };
};
const writes = (since: number) => emu.context.journal.list(since).filter((r) => r.write);
const received = () =>
  Object.keys(emu.context.repo.get('/var/emulator/brandportal/tenants/testpub/received/content/dam/bpsetup-publish-proof')?.children ?? {});

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
  expect(host.testPublish?.cleanup).toMatchObject({ removed: true, unpublished: AGENTS, unpublishDrained: true, leftovers: [] });
  // Writes went only to the package's script: publish, then cleanup.
  expect(writes(since).map((w) => `${w.method} ${w.path}`)).toEqual([
    'POST /apps/bpsetup/publish-proof',
    'POST /apps/bpsetup/publish-proof',
  ]);
  expect(emu.context.repo.exists('/content/dam/bpsetup-publish-proof')).toBe(false);
  expect(received()).toEqual([]); // delivered, then unpublished at the tenant too
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
