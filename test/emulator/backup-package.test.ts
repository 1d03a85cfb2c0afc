/**
 * The backup made before any deletion, over real HTTP: Package Manager's create, filter update and
 * build, through the client every caller uses. The package holds exactly the paths it was given,
 * and installing it puts each subtree back as it was.
 */
import { NodeTransport } from '../../cli/node-transport';
import { type AemClient, createAemClient } from '../../core/aem/client';
import { createAemSession } from '../../core/aem/session';
import { ENDPOINTS, agentPath, tenantUserFolder } from '../../core/contract/endpoints';
import { agentName } from '../../core/contract/aem-names';
import { isAemError } from '../../core/errors';
import fc from 'fast-check';
import { parseDocview } from '../../emulator/docview';
import { docviewXml } from '../../emulator/package-export';
import { readPackage } from '../../emulator/package-install';
import { applyScenario } from '../../emulator/scenarios';
import type { RunningEmulator } from '../../emulator/server';
import type { RepoNode } from '../../emulator/store';
import { type Client, loggedIn, startTestEmulator } from '../helpers/emulator';

let emu: RunningEmulator;
let c: Client;
let client: AemClient;
let roots: string[];
beforeAll(async () => {
  emu = await startTestEmulator();
  c = await loggedIn(emu.url);
  // A legacy setup: four agents, the cloud configuration and the tenant's replication user.
  const { configPath } = applyScenario(emu.context, 'legacy') as { configPath: string };
  roots = [...[0, 1, 2, 3].map((i) => agentPath(ENDPOINTS, agentName(i, 'legacyco'))), configPath, tenantUserFolder(ENDPOINTS, 'legacyco')];
  const transport = new NodeTransport({ baseUrl: emu.url, credentials: { user: 'admin', password: 'admin' }, userAgent: 'bpsetup-cli' });
  client = createAemClient(createAemSession({ transport: transport.forClient() }));
});
afterAll(() => emu.close());

const copy = (node: RepoNode | undefined) => JSON.parse(JSON.stringify(node ?? null)) as RepoNode | null;

test('the backup holds exactly the paths it was given, and installing it puts each back as it was', async () => {
  const before = roots.map((r) => copy(emu.context.repo.get(r)));
  expect(before.every(Boolean)).toBe(true);

  const backup = await client.backUp(roots, 'reset legacyco', new Date('2026-12-07T10:20:30.456Z'));
  expect(backup).toEqual({ path: '/etc/packages/bpsetup-backups/bpsetup-reset-legacyco-20261207-102030.456Z.zip', roots });

  // What Package Manager serves for download: its filter is the list, its content those subtrees only.
  const zip = Buffer.from(await (await c.get(backup.path)).arrayBuffer());
  const { info, entries } = await readPackage(zip);
  expect(info).toMatchObject({ group: 'bpsetup-backups', name: 'bpsetup-reset-legacyco-20261207-102030.456Z' });
  expect(info.filters.map((f) => f.root)).toEqual(roots);
  const contentRoots = [...entries.keys()]
    .filter((e) => e.endsWith('/.content.xml'))
    .map((e) => e.slice('jcr_root'.length, -'/.content.xml'.length));
  expect(contentRoots.sort()).toEqual(expect.arrayContaining([...roots].sort()));
  expect(contentRoots.every((p) => roots.some((r) => p === r || p.startsWith(`${r}/`)))).toBe(true);

  emu.context.repo.change((tx) => roots.forEach((r) => tx.remove(r)));
  expect(roots.some((r) => emu.context.repo.exists(r))).toBe(false);
  const install = await c.write(`/crx/packmgr/service/.json${backup.path}?cmd=install`, new URLSearchParams());
  expect(await install.json()).toMatchObject({ success: true });
  expect(roots.map((r) => copy(emu.context.repo.get(r)))).toEqual(before);
});

test('a package Package Manager does not create is BackupFailedError, and nothing else is sent', async () => {
  const now = new Date('2026-12-07T11:00:00Z');
  await client.backUp(roots.slice(0, 1), 'twice', now);
  const since = emu.context.journal.lastSeq;
  const error = await client.backUp(roots.slice(0, 1), 'twice', now).catch((e: unknown) => e);
  expect(isAemError(error, 'BackupFailedError') && error.step).toBe('create');
  expect(String(isAemError(error, 'BackupFailedError') && error.body)).toContain('Package already exists');
  // Only the refused create: no filter update, no build.
  expect(
    emu.context.journal
      .list(since)
      .filter((r) => r.write)
      .map((r) => r.path),
  ).toEqual([`${ENDPOINTS.packageService.path}/etc/packages/bpsetup-backups/bpsetup-twice-20261207-110000.000Z.zip`]);
});

test('a path that is not plain is never sent', async () => {
  const since = emu.context.journal.lastSeq;
  const error = await client.backUp(['/etc/replication/agents.author/../../home'], 'odd').catch((e: unknown) => e);
  expect(isAemError(error, 'UnsafePathError')).toBe(true);
  expect(emu.context.journal.list(since)).toEqual([]);
});

test('docview round trip: what the build writes, the install reads back the same (property test)', () => {
  const text = fc.string({
    unit: fc.constantFrom('a', 'Z', '0', ' ', '{', '[', ']', '\\', ',', '"', '<', '>', '&', "'", '\n', 'é', '_', ':'),
    maxLength: 12,
  });
  const value = fc.oneof(
    text,
    fc.boolean(),
    fc.integer({ min: -1e6, max: 1e6 }),
    // An empty string inside a multi-value has no docview spelling the emulator reads (`[]` is the empty list).
    fc.array(
      text.filter((v) => v.length > 0),
      { maxLength: 3 },
    ),
  );
  const name = fc.constantFrom('jcr:title', 'a', 'sling:resourceType', 'x-y', 'cq:lastModified', 'enabled');
  const childName = fc.constantFrom('jcr:content', 'child', '0start', 'with space', 'a_x0030_b');
  const nodeOf = (depth: number): fc.Arbitrary<RepoNode> =>
    fc.record({
      props: fc.dictionary(name, value, { maxKeys: 4 }).map((p) => ({ 'jcr:primaryType': 'nt:unstructured', ...p })),
      children: depth ? fc.dictionary(childName, nodeOf(depth - 1), { maxKeys: 2 }) : fc.constant({}),
    });
  const node = nodeOf(3);
  fc.assert(
    fc.property(node, (n) => expect(parseDocview(docviewXml(n))).toEqual(n)),
    { numRuns: 300 },
  );
});
