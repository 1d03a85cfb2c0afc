/**
 * Step 6's flows on a finished setup, in the page tier (the page in jsdom against the emulator):
 * the whole-setup check explaining injected faults with only reads, a disabled agent and Close
 * Connection fixed after confirmation, the re-save remedy for agents not created, and the reset
 * deleting exactly the nodes it lists after typed confirmation and an empty-queue check. The
 * journey to four agents, the green check, a blocked queue, the diagnostics report (a download)
 * and the legacy setup, with their screenshots, run in Chromium (test/e2e/brand-portal-step.test.ts).
 */
import { credentialAndTenant, finishedSetup } from '../helpers/brand-portal-fixtures';
import { setFaults } from '../helpers/emulator';
import { readPackage } from '../../emulator/package-install';
import { createAgents } from '../../emulator/brand-portal';
import { pageOnEmulator, type PageOnEmulator } from '../helpers/page-tier';

const CLIENT_ID = 'bp0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d';
const TENANT = 'https://acme.brand-portal.adobe.com';
const SECRET = 'p8e-bp-secret';
const AGENT = (i: number) => `mp_replication_agent${i}_default_acme`;
let p: PageOnEmulator;
afterEach(() => p?.close());

/** A finished setup (made through AEM's servlets), `faults` injected, then the page opened. */
async function connectedSetup(faults: unknown[] = []): Promise<void> {
  p = await pageOnEmulator({ faults: true, agentDelayMs: 400 }, async (emu) => {
    await credentialAndTenant(emu.url, CLIENT_ID, SECRET, TENANT);
    await finishedSetup(emu.url, CLIENT_ID, SECRET, TENANT);
    for (const f of faults) await setFaults(emu.url, f);
  });
  await p.waitFor('.bpsetup-step[data-step="prerequisites"][data-status="done"]');
}
const allPaths = () => [...p.emu.context.repo.walk('/')].map(([path]) => path).filter((path) => !path.startsWith('/var/emulator'));
const row = (i: number) => `tr[data-agent="${AGENT(i)}"]`;
test('the health check explains injected faults, each with its fix, also when asked twice at once', async () => {
  await connectedSetup([
    { ims: 'invalid_scope', agent: { name: AGENT(1), enabled: false } },
    { agent: { name: AGENT(2), closeConnection: false } },
  ]);
  const since = p.emu.context.journal.lastSeq;
  // A double click: two checks at once (the button is busy only once the tests run). The second
  // waits for the agent tests the first started, instead of giving a verdict without them (it
  // said "2 problem(s) found" and no agent failure, before the first check's own verdict).
  await p.clickWhenEnabled('.bpsetup-health-button');
  p.click('.bpsetup-health-button');
  await p.waitFor('.bpsetup-summary-problems', 20000);
  const text = p.text('.bpsetup-summary');
  expect(text).toContain('The credential lacks the Brand Portal scope');
  expect(text).toContain(`Agent ${AGENT(1)} is disabled`);
  expect(text).toContain(`Agent ${AGENT(2)} keeps connections open`);
  expect(text).toContain(`Test Connection failed for ${AGENT(0)}`);
  expect(p.emu.context.journal.list(since).filter((r) => r.write)).toEqual([]);
});

test('a disabled agent is reported and enabled after confirmation; Close Connection too', async () => {
  await connectedSetup([{ agent: { name: AGENT(1), enabled: false } }, { agent: { name: AGENT(2), closeConnection: false } }]);
  await p.waitFor(`${row(1)} .bpsetup-fix-enabled`);
  expect(p.root.querySelector(row(1))?.getAttribute('data-issues')).toBe('disabled');
  p.click(`${row(1)} .bpsetup-fix-enabled`);
  await p.answer('Enable');
  await p.waitFor(`${row(1)}[data-issues=""]`);
  expect(p.emu.context.repo.get(`/etc/replication/agents.author/${AGENT(1)}/jcr:content`)?.props.enabled).toBe(true);
  p.click(`${row(2)} .bpsetup-fix-closeConnection`);
  await p.answer('Turn on Close Connection');
  await p.waitFor(`${row(2)}[data-issues=""]`);
  // Adobe: AEM applies Close Connection after a restart; the page says so.
  await p.waitFor('.bpsetup-agents-feedback coral-alert[variant="success"]');
  expect(p.text('.bpsetup-agents-feedback coral-alert[variant="success"]')).toContain('AEM applies Close Connection after a restart');
  // The first look's own tests may still run: the button is busy until they end.
  await p.clickWhenEnabled('.bpsetup-test-agents');
  await p.waitFor('.bpsetup-agents-summary[data-connected="4"]', 20000);
});

test('an agent naming a deleted IMS configuration is pointed at the one the cloud service names, after confirmation', async () => {
  const content = `/etc/replication/agents.author/${AGENT(1)}/jcr:content`;
  p = await pageOnEmulator({ agentDelayMs: 0 }, async (emu) => {
    await credentialAndTenant(emu.url, CLIENT_ID, SECRET, TENANT);
    await finishedSetup(emu.url, CLIENT_ID, SECRET, TENANT);
    // What a second creator's save could leave: AEM wrote the agent from a configuration its keeper rule then deleted.
    emu.context.repo.change((tx) => tx.setProps(content, { accessTokenProviderName: 'ims-deleted-by-a-second-run' }));
  });
  await p.waitFor(`${row(1)} .bpsetup-fix-provider`);
  // Only that agent offers the heal.
  expect(p.root.querySelectorAll('.bpsetup-fix-provider')).toHaveLength(1);
  p.click(`${row(1)} .bpsetup-fix-provider`);
  await p.answer('Take the token from the Brand Portal configuration');
  await p.waitFor('.bpsetup-agents-feedback coral-alert[variant="success"]');
  const named = p.emu.context.repo.get('/conf/global/settings/cloudconfigs/mediaportal/brand-portal/jcr:content')?.props.imsConfig;
  expect(p.emu.context.repo.get(content)?.props.accessTokenProviderName).toBe(named);
  expect(p.root.querySelectorAll('.bpsetup-fix-provider')).toHaveLength(0);
  // The first look's own tests may still run: the button is busy until they end.
  await p.clickWhenEnabled('.bpsetup-test-agents');
  await p.waitFor('.bpsetup-agents-summary[data-connected="4"]', 20000);
});

test('agents of no configuration are named in the agents panel and removed on their own, exactly those, after confirmation, with a backup', async () => {
  const OLD = 'https://acmeold.brand-portal.adobe.com';
  p = await pageOnEmulator({ faults: true, agentDelayMs: 0 }, async (emu) => {
    await credentialAndTenant(emu.url, CLIENT_ID, SECRET, TENANT);
    await finishedSetup(emu.url, CLIENT_ID, SECRET, TENANT);
    // A corrected tenant's leftovers (they take an IMS token), and a look-alike publishing elsewhere without one.
    createAgents(emu.context.repo, OLD, 'ims-old');
    emu.context.repo.change((tx) =>
      tx.setProps('/etc/replication/agents.author/mp_replication_custom/jcr:content', {
        'jcr:primaryType': 'cq:PageContent',
        transportUri: 'https://elsewhere.example.com/bin/receive',
        enabled: true,
      }),
    );
  });
  const orphans = [0, 1, 2, 3].map((i) => `/etc/replication/agents.author/mp_replication_agent${i}_default_acmeold`);
  await p.waitFor('.bpsetup-orphans-remove');
  expect(p.text('.bpsetup-orphans')).toContain('4 Brand Portal agent(s) belong to no configuration');
  expect(p.text('.bpsetup-orphans')).toContain('acmeold.brand-portal.adobe.com');
  expect(p.text('.bpsetup-orphans')).not.toContain('mp_replication_custom');
  const since = p.emu.context.journal.lastSeq;
  p.click('.bpsetup-orphans-remove');
  await p.until(() => document.querySelector('coral-dialog') !== null);
  expect(p.emu.context.journal.list(since).filter((r) => r.write)).toEqual([]);
  p.confirm('Remove 4 agent(s)');
  await p.until(() => p.text('.bpsetup-agents-feedback').includes('4 agent(s) removed'));
  expect(p.text('.bpsetup-agents-feedback')).toContain('4 agent(s) removed');
  const agents = Object.keys(p.emu.context.repo.get('/etc/replication/agents.author')?.children ?? {});
  expect(agents.filter((a) => a.endsWith('_default_acmeold'))).toEqual([]);
  expect(agents.filter((a) => a.endsWith('_default_acme'))).toHaveLength(4);
  expect(agents).toContain('mp_replication_custom');
  const backup = /\/etc\/packages\/bpsetup-backups\/\S+?\.zip/.exec(p.text('.bpsetup-agents-feedback'))?.[0] as string;
  expect((await readPackage(p.emu.context.repo.readFile(backup) as Buffer)).info.filters.map((f) => f.root)).toEqual(orphans);
  // The deletions were exactly those four.
  const deleted = p.emu.context.journal
    .list(since)
    .filter((r) => r.write && r.path.startsWith('/etc/replication/'))
    .map((r) => r.path);
  expect(deleted.sort()).toEqual(orphans);
  expect(p.root.querySelector('.bpsetup-orphans')).toBeNull();
});

test('agents not created on save: the re-save remedy creates them', async () => {
  // A saved cloud service whose agents are gone: saving again has agents to create.
  p = await pageOnEmulator({ faults: true, agentDelayMs: 400 }, async (emu) => {
    await credentialAndTenant(emu.url, CLIENT_ID, SECRET, TENANT);
    await finishedSetup(emu.url, CLIENT_ID, SECRET, TENANT);
    emu.context.repo.change((tx) => {
      for (let i = 0; i < 4; i++) tx.remove(`/etc/replication/agents.author/${AGENT(i)}`);
    });
    await setFaults(emu.url, { agentsNotCreated: true });
  });
  await p.waitFor('.bpsetup-resave');
  expect(p.text('.bpsetup-agents')).toContain('4 of 4 replication agents are missing');
  await setFaults(p.emu.url, null);
  p.click('.bpsetup-resave');
  await p.waitFor('.bpsetup-agents-summary[data-connected="4"]', 20000);
});

test('reset Brand Portal publishing deletes exactly the listed nodes, after typed confirmation and an empty-queue check', async () => {
  await connectedSetup();
  await p.waitFor('.bpsetup-reset');
  p.expand('Reset Brand Portal publishing');
  // What the reset deletes is fetched when it is first opened.
  await p.waitFor('.bpsetup-reset-plan');
  const listed = [...p.root.querySelectorAll('.bpsetup-reset-plan code')].map((c) => c.textContent);
  expect(listed).toEqual([
    ...[0, 1, 2, 3].map((i) => `/etc/replication/agents.author/${AGENT(i)}`),
    '/conf/global/settings/cloudconfigs/mediaportal/brand-portal',
    '/home/users/mac/acme',
  ]);
  expect((p.root.querySelector('.bpsetup-reset-run') as HTMLButtonElement).disabled).toBe(true);
  await p.typeInto('Type "acme" to confirm', 'acme');

  // Pending items in a queue: refused, nothing deleted.
  await setFaults(p.emu.url, { queue: { agent: AGENT(3), items: 2 } });
  const before = allPaths();
  p.click('.bpsetup-reset-run');
  await p.waitFor('.bpsetup-reset-result coral-alert');
  expect(p.text('.bpsetup-reset-result')).toContain(`${AGENT(3)}: 2 item(s) waiting`);
  expect(allPaths()).toEqual(before);

  // Package Manager refusing to build the backup: explained, nothing deleted.
  await setFaults(p.emu.url, null);
  await setFaults(p.emu.url, {
    routes: [
      { path: '/crx/packmgr/service/.json/etc/packages/bpsetup-backups/', method: 'POST', status: 500, body: 'Out of disk', times: 3 },
    ],
  });
  p.click('.bpsetup-reset-run');
  await p.until(() => p.text('.bpsetup-reset-result').includes('No backup package could be made, so nothing was deleted'));
  expect(p.text('.bpsetup-reset-result')).toContain('No backup package could be made, so nothing was deleted');
  expect(allPaths().filter((path) => !path.startsWith('/etc/packages/'))).toEqual(
    before.filter((path) => !path.startsWith('/etc/packages/')),
  );

  await setFaults(p.emu.url, null);
  p.click('.bpsetup-reset-run');
  await p.waitFor('.bpsetup-cloud-feedback coral-alert[variant="success"]');
  const after = new Set(allPaths());
  const removed = before.filter((path) => !after.has(path));
  const removedRoots = removed.filter((path) => !removed.some((q) => path !== q && path.startsWith(`${q}/`)));
  expect(removedRoots.sort()).toEqual([...listed].sort());
  // Nothing else is new but the backup package the notice names, holding exactly what was deleted.
  const backup = /\/etc\/packages\/bpsetup-backups\/[^\s]+\.zip/.exec(p.text('.bpsetup-cloud-feedback'))?.[0] as string;
  expect([...after].filter((path) => !before.includes(path) && !path.startsWith('/etc/packages/bpsetup-backups'))).toEqual([]);
  const { info } = await readPackage(p.emu.context.repo.readFile(backup) as Buffer);
  expect(info.filters.map((f) => f.root)).toEqual(listed);
  // Back to the cloud service step, ready for a fresh save (its form is fetched as the step needs it).
  await p.waitFor('.bpsetup-cloud-form');
});
