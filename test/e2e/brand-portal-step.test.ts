/**
 * Part 2 of the setup page in headless Chromium: from an empty emulator, through the IMS step, to
 * four connected agents; the read-only whole-setup check, green and with a blocked queue; the
 * diagnostics report; a legacy setup reset. The page tier (test/page/brand-portal-step.test.ts)
 * holds step 6's other flows: faults explained, agents fixed, the re-save remedy and the reset.
 */
import type { Page } from 'playwright-core';
import type { RunningEmulator } from '../../emulator/server';
import { PROJECT_ROOT } from '../../emulator/paths';
import { type BrowserSession, reviewShot } from '../helpers/chromium';
import { controlFetch, loggedIn, setFaults } from '../helpers/emulator';
import { ORG } from '../helpers/ims-fixtures';
import { credentialAndTenant, finishedSetup, healthyOauthConfig, registerTenant } from '../helpers/brand-portal-fixtures';
import { readPackage } from '../../emulator/package-install';
import {
  imsChoices,
  openReset,
  signedInAuthor,
  startOver,
  stepStatus as stepStatusOn,
  waitConnected as waitConnectedOn,
  stepByStep,
} from '../helpers/setup-page';

const PAGE = '/apps/bpsetup/content/setup.html';
const CLIENT_ID = 'bp0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d';
const TENANT = 'https://acme.brand-portal.adobe.com';
const SECRET = 'p8e-bp-secret';
let emu: RunningEmulator;
let browser: BrowserSession;
let page: Page;

const shot = (name: string) => reviewShot(page, PROJECT_ROOT, `brand-portal-${name}`);
const faults = (body: unknown) => setFaults(emu.url, body ?? null);
const stepStatus = (id: string) => stepStatusOn(page, id);
const agentRow = (i: number) => page.locator(`tr[data-agent="mp_replication_agent${i}_default_acme"]`);

async function open(): Promise<void> {
  await page.goto(`${emu.url}${PAGE}`);
  await stepByStep(page);
}

async function waitConnected(n: number): Promise<void> {
  try {
    await waitConnectedOn(page, n);
  } catch (e) {
    // Say what the step showed instead: the timeout alone tells nothing.
    throw new Error(`${(e as Error).message}\nStep 6 showed:\n${await page.locator('#bpsetup-step-brandPortal').innerText()}`);
  }
}

const connectedSetup = () => finishedSetup(emu.url, CLIENT_ID, SECRET, TENANT);

beforeAll(async () => {
  ({ emu, browser, page } = await signedInAuthor({ faults: true, agentDelayMs: 400, interimEndpoints: true }, false));
}, 60000);

// Each test starts from an empty author that knows the credential and the tenant, and builds
// what it needs: any one of them runs alone with -t.
beforeEach(async () => {
  await startOver(browser, emu);
  await credentialAndTenant(emu.url, CLIENT_ID, SECRET, TENANT);
});

afterAll(async () => {
  await browser?.close();
  await emu?.close();
});

test('from an empty emulator: IMS step, then the cloud service, to "4 of 4 agents connected"', async () => {
  await open();
  // IMS technical account through the form.
  const f = (name: string) => page.locator(`.bpsetup-ims-form [data-field="${name}"] input`);
  await f('clientId').fill(CLIENT_ID);
  await f('clientSecret').fill(SECRET);
  await f('orgId').fill(ORG);
  await f('scopes').fill('openid,AdobeID');
  await page.click('.bpsetup-ims-submit');
  await page.waitForSelector('.bpsetup-health-result coral-alert[variant="success"]', { timeout: 15000 });

  // The cloud service: the healthy IMS configuration is offered, the tenant URL validated inline.
  const tenant = page.locator('[data-field="tenantUrl"] input');
  await tenant.fill('http://acme.brand-portal.adobe.com');
  await tenant.blur();
  await expect(page.locator('[data-field="tenantUrl"] .bpsetup-field-message').textContent()).resolves.toContain('must use https');
  const beforeEnter = emu.context.journal.lastSeq;
  await tenant.press('Enter');
  expect(emu.context.journal.list(beforeEnter).filter((r) => r.write)).toEqual([]);
  await tenant.fill(`${TENANT}/`);
  await tenant.blur();
  expect(await imsChoices(page).first().getAttribute('disabled')).toBeNull();
  await page.click('.bpsetup-cloud-save');
  await waitConnected(4);
  await expect(page.locator('.bpsetup-agents-summary').textContent()).resolves.toBe('4 of 4 agents connected');
  expect(await stepStatus('brandPortal')).toBe('done');
  const stored = emu.context.repo.get('/conf/global/settings/cloudconfigs/mediaportal/brand-portal/jcr:content')?.props;
  expect(stored?.tenantURL).toBe(TENANT);
  await shot('connected');
  expect(browser.errors).toEqual([]);
});

test('a set-up author leads with the verdict: the whole setup is checked as the page opens, green, with reads only', async () => {
  await connectedSetup();
  const visit = emu.context.journal.lastSeq;
  await open();
  await page.waitForSelector('.bpsetup-summary-ok', { timeout: 20000 });
  await expect(page.locator('.bpsetup-summary').textContent()).resolves.toContain('Brand Portal setup is healthy');
  const firstLook = emu.context.journal.list(visit);
  expect(firstLook.filter((r) => r.path.endsWith('.test.html'))).toHaveLength(4);
  expect(firstLook.filter((r) => r.path.endsWith('/jcr:content.queue.json'))).toHaveLength(4);
  expect(firstLook.filter((r) => r.path === '/apps/bpsetup/health.json')).toHaveLength(1);
  expect(firstLook.filter((r) => r.write)).toEqual([]);
  // Asked again, it reads again: still no write.
  const since = emu.context.journal.lastSeq;
  await page.click('.bpsetup-health-button');
  await page.waitForSelector('.bpsetup-summary-ok', { timeout: 20000 });
  await expect(page.locator('.bpsetup-network').innerText()).resolves.toMatch(
    /^Network: 3\.x client: directly; 4\.x client: directly\. AEM needs outgoing HTTPS to acme\.brand-portal\.adobe\.com:443, /,
  );
  // Asset contribution: this AEM's version turns it on by itself; what has no address is said as not readable.
  const contribution = await page.locator('.bpsetup-contribution').innerText();
  expect(contribution).toMatch(/supports asset contribution/);
  expect(contribution).toContain('on by default on this version');
  expect(contribution).toContain('Not readable from this page');
  const requests = emu.context.journal.list(since);
  expect(requests.filter((r) => r.path.endsWith('/jcr:content.queue.json'))).toHaveLength(4);
  expect([...firstLook, ...requests].filter((r) => r.path.endsWith('.log.html'))).toEqual([]); // no queue is blocked
  expect(requests.filter((r) => r.write)).toEqual([]);
  await shot('healthy');
});

test('a blocked queue is found by the whole-setup check, with the error its log shows and the fix', async () => {
  await connectedSetup();
  const agent = 'mp_replication_agent3_default_acme';
  await faults({ queue: { agent, items: 3, blocked: true, error: 'java.net.UnknownHostException: acme.brand-portal.adobe.com' } });
  // The verdict the page leads with finds it, without a click.
  await open();
  await page.waitForSelector('.bpsetup-summary-problems', { timeout: 20000 });
  const text = (await page.locator('.bpsetup-summary').innerText()) ?? '';
  expect(text).toContain(`The queue of ${agent} is blocked: 3 item(s) waiting`);
  expect(text).toContain('AEM retries /content/dam/asset-0.jpg (tried 3 times)');
  expect(text).toContain('UnknownHostException: acme.brand-portal.adobe.com');
  expect(text).toContain('the tenant ID URL, not an alias');
  // The other agents' queues are empty: nothing said about them.
  expect(text).not.toMatch(/queue of mp_replication_agent[012]/);
  // The agents table shows each queue as read: the blocked one, and the empty ones.
  await expect(agentRow(3).innerText()).resolves.toContain('blocked, 3 waiting');
  await expect(agentRow(0).innerText()).resolves.toContain('empty');
  await shot('queue-blocked');
});

test('the diagnostics report is complete and masks every secret', async () => {
  await connectedSetup();
  await open();
  await page.click('.bpsetup-health-button');
  await page.waitForSelector('.bpsetup-summary-ok', { timeout: 20000 });
  await page.click('.bpsetup-diagnostics-button');
  const report = JSON.parse(await page.locator('.bpsetup-diagnostics-text').inputValue()) as Record<string, unknown>;
  expect(report).toMatchObject({ report: 'Brand Portal setup diagnostics', aemVersion: '6.5.21.0' });
  expect((report.agents as unknown[]).length).toBe(4);
  expect(Date.parse(report.healthCheckedAt as string)).toBeGreaterThan(0);
  expect((report.agentTests as { succeeded: boolean }[]).map((r) => r.succeeded)).toEqual([true, true, true, true]);
  expect((report.cloudConfigurations as { tenantUrl: string }[])[0].tenantUrl).toBe(TENANT);
  const text = JSON.stringify(report);
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain('PRIVATE KEY');
});

test('a legacy (6.3-style) setup is recognised, explained, and reset cleanly', async () => {
  await controlFetch(`${emu.url}/__emulator/seed`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{"scenario":"legacy"}',
  });
  await open();
  const card = page.locator('.bpsetup-cloud-card[data-path="/etc/cloudservices/mediaportal/legacy-brand-portal"]');
  await expect(card.textContent()).resolves.toContain('legacy configuration');
  expect(await card.locator('.bpsetup-cloud-edit').count()).toBe(0);
  expect(await stepStatus('brandPortal')).toBe('warning');
  await page.click('.bpsetup-health-button');
  await page.waitForSelector('.bpsetup-summary-problems', { timeout: 20000 });
  await expect(page.locator('.bpsetup-summary').textContent()).resolves.toContain('is a legacy (6.3-style) configuration');

  await openReset(card, 'legacyco');
  await card.locator('.bpsetup-reset-run').click();
  await page.waitForSelector('.bpsetup-cloud-feedback coral-alert[variant="success"]');
  for (const path of [
    '/etc/cloudservices/mediaportal/legacy-brand-portal',
    '/home/users/mac/legacyco',
    '/etc/replication/agents.author/mp_replication_agent0_default_legacyco',
  ]) {
    expect([path, emu.context.repo.exists(path)]).toEqual([path, false]);
  }
  // The form is a part, built once the re-rendered step asks for it: wait for it as an admin would.
  await page.locator('.bpsetup-cloud-form').waitFor({ state: 'visible' });
});

test("Public Folder Publish is shown, kept by Edit and by the re-save remedy, and changed only on the admin's word", async () => {
  await finishedSetup(emu.url, CLIENT_ID, SECRET, TENANT, { publicFolderPublish: true });
  const content = '/conf/global/settings/cloudconfigs/mediaportal/brand-portal/jcr:content';
  const publicFolders = () => emu.context.repo.get(content)?.props.pubFolder;
  const step6 = page.locator('#bpsetup-step-brandPortal');
  await open();
  await step6.getByText('Public Folder Publish: on.').waitFor();

  // Edit: the checkbox shows what AEM holds; another change keeps it.
  await step6.getByRole('button', { name: 'Edit' }).click();
  const box = step6.getByRole('checkbox', { name: 'Public Folder Publish' });
  expect(await box.isChecked()).toBe(true);
  await step6.getByLabel('Title').fill('Brand Portal (acme)');
  await step6.getByRole('button', { name: 'Save changes' }).click();
  // The card shows what AEM holds once the save landed (the summary said 4 of 4 before it, too).
  await step6.locator('.bpsetup-cloud-card').getByText('Brand Portal (acme)').waitFor();
  await waitConnected(4);
  expect(emu.context.repo.get(content)?.props['jcr:title']).toBe('Brand Portal (acme)');
  expect(publicFolders()).toBe('true');

  // The remedy for missing agents saves the cloud service again: still on.
  emu.context.repo.change((tx) => tx.remove('/etc/replication/agents.author/mp_replication_agent2_default_acme'));
  await open();
  await page.getByRole('button', { name: 'Save the cloud service again' }).click();
  await waitConnected(4);
  expect(publicFolders()).toBe('true');

  // Off only when the admin unticks it.
  await step6.getByRole('button', { name: 'Edit' }).click();
  await box.uncheck();
  await step6.getByRole('button', { name: 'Save changes' }).click();
  await step6.getByText('Public Folder Publish: off.').waitFor();
  await waitConnected(4);
  expect(publicFolders()).toBeFalsy();
});

test('a tenant corrected in step 6: asked once, backed up, the new four connected, no agent of the old host left, nothing advised', async () => {
  await finishedSetup(emu.url, CLIENT_ID, SECRET, TENANT, { publicFolderPublish: true });
  const NEW = 'https://acmecorp.brand-portal.adobe.com';
  await registerTenant(emu.url, NEW);
  const oldAgents = [0, 1, 2, 3].map((i) => `/etc/replication/agents.author/mp_replication_agent${i}_default_acme`);
  // The author→publish agent (same /bin/receive address form) is not this change's to remove.
  emu.context.repo.change((tx) =>
    tx.setProps('/etc/replication/agents.author/publish/jcr:content', {
      'jcr:primaryType': 'cq:PageContent',
      transportUri: 'http://publish:4503/bin/receive?sling:authRequestLogin=1',
      enabled: true,
    }),
  );
  const step6 = page.locator('#bpsetup-step-brandPortal');
  await open();
  await step6.getByRole('button', { name: 'Edit' }).click();
  await step6.getByLabel('Brand Portal address').fill(NEW);
  const since = emu.context.journal.lastSeq;
  await step6.getByRole('button', { name: 'Save changes' }).click();

  // One question, listing exactly the old four; nothing sent yet.
  await step6.getByText('Replace acme.brand-portal.adobe.com with acmecorp.brand-portal.adobe.com?').waitFor();
  expect(await step6.locator('.bpsetup-replacement-removes li').allInnerTexts()).toEqual(oldAgents);
  expect(emu.context.journal.list(since).filter((r) => r.write)).toEqual([]);
  await step6.getByRole('button', { name: 'Replace tenant' }).click();
  await step6.getByText('Tenant replaced: acmecorp.brand-portal.adobe.com').waitFor({ timeout: 30000 });
  await waitConnected(4);

  const agents = Object.keys(emu.context.repo.get('/etc/replication/agents.author')?.children ?? {});
  expect(agents.filter((a) => a.endsWith('_default_acme'))).toEqual([]);
  expect(agents.filter((a) => a.endsWith('_default_acmecorp'))).toHaveLength(4);
  expect(agents).toContain('publish');
  const content = emu.context.repo.get('/conf/global/settings/cloudconfigs/mediaportal/brand-portal/jcr:content')?.props;
  expect(content).toMatchObject({ tenantURL: NEW, pubFolder: 'true' });

  // The backup named on the page holds exactly the old four; the deletions came after the new agents' tests.
  const notice = await step6.locator('coral-alert[variant="success"]').innerText();
  const backupPath = /Backup package: (\S+\.zip)/.exec(notice)?.[1] as string;
  const { info } = await readPackage(emu.context.repo.readFile(backupPath) as Buffer);
  expect(info.filters.map((f) => f.root)).toEqual(oldAgents);
  const order = emu.context.journal.list(since).map((r) => r.path);
  const firstDelete = order.findIndex((p) => oldAgents.includes(p));
  const testedBefore = new Set(order.slice(0, firstDelete).filter((p) => p.endsWith('_default_acmecorp.test.html')));
  expect(firstDelete).toBeGreaterThan(0);
  expect(testedBefore.size).toBe(4);

  // The whole-setup check advises nothing about agents.
  await page.click('.bpsetup-health-button');
  // The summary reads "Checking the whole setup…" until the check ends.
  await page.locator('.bpsetup-summary').getByText('Brand Portal setup is healthy').waitFor({ timeout: 20000 });
  expect(await page.locator('.bpsetup-summary').innerText()).not.toMatch(/belong to no configuration|not recognised/);
});

test('a tenant correction with items waiting in an old queue stops before any write and says how many', async () => {
  await finishedSetup(emu.url, CLIENT_ID, SECRET, TENANT);
  await registerTenant(emu.url, 'https://acmecorp.brand-portal.adobe.com');
  await faults({ queue: { agent: 'mp_replication_agent1_default_acme', items: 2, blocked: false } });
  const step6 = page.locator('#bpsetup-step-brandPortal');
  await open();
  await step6.getByRole('button', { name: 'Edit' }).click();
  await step6.getByLabel('Brand Portal address').fill('https://acmecorp.brand-portal.adobe.com');
  await step6.getByRole('button', { name: 'Save changes' }).click();
  const since = emu.context.journal.lastSeq;
  await step6.getByRole('button', { name: 'Replace tenant' }).click();
  await step6.getByText('Not replaced: items wait in the old agents’ queues').waitFor({ timeout: 20000 });
  expect(await step6.innerText()).toContain('mp_replication_agent1_default_acme: 2 item(s) waiting');
  expect(emu.context.journal.list(since).filter((r) => r.write)).toEqual([]);
  expect(emu.context.repo.get('/conf/global/settings/cloudconfigs/mediaportal/brand-portal/jcr:content')?.props.tenantURL).toBe(TENANT);
});

test('step 6 asks before saving a tenant outside *.brand-portal.adobe.com; nothing is sent until the admin says so', async () => {
  const c = await loggedIn(emu.url);
  await healthyOauthConfig(emu.url, c, CLIENT_ID);
  await open();
  const step6 = page.locator('#bpsetup-step-brandPortal');
  await step6.getByLabel('Brand Portal address').fill('https://www.example.com');
  const since = emu.context.journal.lastSeq;
  await step6.getByRole('button', { name: 'Save cloud service', exact: true }).click();
  await step6.getByText('Is www.example.com your Brand Portal address?').waitFor();
  expect(emu.context.journal.list(since).filter((r) => r.write)).toEqual([]);
  await step6.getByRole('button', { name: 'Save cloud service with www.example.com' }).click();
  await page.waitForSelector('.bpsetup-agents-summary', { timeout: 20000 });
  expect(
    emu.context.journal
      .list(since)
      .filter((r) => r.write)
      .map((r) => r.path),
  ).toContain('/apps/brandportal/config');
  expect(emu.context.repo.get('/conf/global/settings/cloudconfigs/mediaportal/brand-portal/jcr:content')?.props.tenantURL).toBe(
    'https://www.example.com',
  );
});
