/**
 * Idempotency and concurrency: a double click on the write buttons, a reload while a save is in
 * flight, and two admins in two browsers saving at the same moment all end with exactly one IMS
 * configuration, one Brand Portal cloud configuration and four agents. Each test has its own author.
 */
import type { Page } from 'playwright-core';
import type { RunningEmulator } from '../../emulator/server';
import { PROJECT_ROOT } from '../../emulator/paths';
import { type BrowserSession, openBrowser, signIn } from '../helpers/chromium';
import { controlFetch, startTestEmulator } from '../helpers/emulator';
import { ORG } from '../helpers/ims-fixtures';
import { fillOauthForm, saveCloudService, stepByStep } from '../helpers/setup-page';
import { credentialAndTenant } from '../helpers/brand-portal-fixtures';
import { roundNumbers, rounds } from '../helpers/rounds';
import { bpsetup, writeSetupJson } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

const PAGE = '/apps/bpsetup/content/setup.html';
const CLIENT_ID = 'f6b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
const SECRET = 'p8e-concurrency-secret-31';
const TENANT = 'https://twice.brand-portal.adobe.com';
const sessions: BrowserSession[] = [];

async function author(): Promise<RunningEmulator> {
  const emu = await startTestEmulator({ faults: true, agentDelayMs: 50 });
  await credentialAndTenant(emu.url, CLIENT_ID, SECRET, TENANT);
  return emu;
}

async function admin(emu: RunningEmulator): Promise<Page> {
  const session = await openBrowser(PROJECT_ROOT);
  sessions.push(session);
  await signIn(session.context, emu.url);
  await session.page.goto(`${emu.url}${PAGE}`);
  await stepByStep(session.page);
  return session.page;
}

const fillIms = (page: Page) => fillOauthForm(page, { clientId: CLIENT_ID, clientSecret: SECRET, orgId: ORG, scopes: 'openid,AdobeID' });

const imsConfigs = (emu: RunningEmulator) =>
  Object.keys(emu.context.repo.get('/apps/system/config')?.children ?? {}).filter((n) => n.includes('accesstoken.provider'));
const cloudConfigs = (emu: RunningEmulator) =>
  Object.keys(emu.context.repo.get('/conf/global/settings/cloudconfigs/mediaportal')?.children ?? {});
const agents = (emu: RunningEmulator) =>
  Object.keys(emu.context.repo.get('/etc/replication/agents.author')?.children ?? {}).filter((n) => n.startsWith('mp_replication_agent'));

async function exactlyOneOfEach(emu: RunningEmulator): Promise<void> {
  for (let i = 0; i < 40 && agents(emu).length < 4; i++) await new Promise((r) => setTimeout(r, 100));
  expect({ ims: imsConfigs(emu).length, cloud: cloudConfigs(emu).length, agents: agents(emu).length }).toEqual({
    ims: 1,
    cloud: 1,
    agents: 4,
  });
}

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
});

// One round of each race in npm test, five in the soak.
describe.each(roundNumbers(rounds(1, 5)))('round %i', () => {
  test('a double click on each write button writes once', async () => {
    const emu = await author();
    try {
      const page = await admin(emu);
      await fillIms(page);
      await page.dblclick('.bpsetup-ims-submit');
      await page.waitForSelector('.bpsetup-ims-card', { timeout: 15000 });
      await page.waitForSelector('.bpsetup-cloud-ims coral-select-item:not([disabled])', { state: 'attached' });
      await page.fill('[data-field="tenantUrl"] input', TENANT);
      await page.locator('[data-field="tenantUrl"] input').blur();
      await page.dblclick('.bpsetup-cloud-save');
      await page.waitForSelector('.bpsetup-agents-summary[data-connected="4"]', { timeout: 20000 });
      expect(emu.context.journal.list(0).filter((r) => r.write && r.path === '/apps/bpsetup/ims/update')).toHaveLength(1);
      expect(emu.context.journal.list(0).filter((r) => r.write && r.path === '/apps/brandportal/config')).toHaveLength(1);
      await exactlyOneOfEach(emu);
    } finally {
      await emu.close();
    }
  }, 60000);

  test('a reload while the save is in flight: the save lands once, and the page shows it', async () => {
    const emu = await author();
    try {
      const page = await admin(emu);
      await controlFetch(`${emu.url}/__emulator/faults`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ routes: [{ path: '/apps/bpsetup/ims/update', method: 'POST', delayMs: 800, times: 1 }] }),
      });
      await fillIms(page);
      await page.click('.bpsetup-ims-submit');
      await new Promise((r) => setTimeout(r, 200));
      await page.reload();
      await new Promise((r) => setTimeout(r, 1000));
      await page.reload();
      await page.waitForSelector('.bpsetup-step[data-step="imsAccount"]:not([data-status="unknown"])');
      // The interrupted save either landed whole or not at all; if not, saving again completes it.
      expect(imsConfigs(emu).length).toBeLessThanOrEqual(1);
      if (!imsConfigs(emu).length) {
        await fillIms(page);
        await page.click('.bpsetup-ims-submit');
      }
      await page.waitForSelector('.bpsetup-ims-card', { timeout: 15000 });
      expect(imsConfigs(emu)).toHaveLength(1);
      // AEM finished the interrupted save (its servlet runs on when the browser leaves): the
      // reopened page has not checked it yet, so the admin runs Check Health, as step 6 asks.
      if (!(await page.locator('.bpsetup-health-result coral-alert').count())) {
        await page.click('.bpsetup-health-step-button');
        await page.waitForSelector('.bpsetup-health-result coral-alert', { timeout: 15000 });
      }
      await saveCloudService(page, TENANT);
      await page.waitForSelector('.bpsetup-agents-summary[data-connected="4"]', { timeout: 20000 });
      await exactlyOneOfEach(emu);
    } finally {
      await emu.close();
    }
  }, 60000);

  test('two admins in two browsers set up at the same moment: one of each remains', async () => {
    const emu = await author();
    try {
      const [a, b] = await Promise.all([admin(emu), admin(emu)]);
      await Promise.all([fillIms(a), fillIms(b)]);
      await Promise.all([a.click('.bpsetup-ims-submit'), b.click('.bpsetup-ims-submit')]);
      const card = async (page: Page) => {
        try {
          await page.waitForSelector('.bpsetup-ims-card', { timeout: 15000 });
        } catch (e) {
          throw new Error(
            `${(e as Error).message}\nStep 4 showed:\n${await page.locator('#bpsetup-step-imsAccount').innerText()}\nConfigurations: ${imsConfigs(emu).join(', ')}`,
          );
        }
      };
      await Promise.all([card(a), card(b)]);
      expect(imsConfigs(emu)).toHaveLength(1);

      await Promise.all([saveCloudService(a, TENANT), saveCloudService(b, TENANT)]);
      await exactlyOneOfEach(emu);
      // Whoever lost the race is told plainly; both pages end on the one configuration.
      for (const page of [a, b]) {
        await page.reload();
        await page.waitForSelector('.bpsetup-cloud-card');
        expect(await page.locator('.bpsetup-cloud-card').count()).toBe(1);
      }
    } finally {
      await emu.close();
    }
  }, 60000);
});

/**
 * Exactly one link: two creators close together (the page and a `bpsetup setup`, or two tabs),
 * the second starting 0 to 2.5 s after the first. Each round ends with one IMS configuration, one
 * cloud service, four agents, and `check` finding every reference on that configuration.
 */
const LINK_ROUNDS = rounds(1, 20);
const gapOf = (round: number) => (LINK_ROUNDS === 1 ? 600 : Math.round((2500 * round) / (LINK_ROUNDS - 1)));

async function oneLink(emu: RunningEmulator): Promise<void> {
  await exactlyOneOfEach(emu);
  const check = await bpsetup(['--url', emu.url, '--json', 'check']);
  const host = (JSON.parse(check.stdout) as { hosts: { exit: number; problems?: { title: string }[] }[] }).hosts[0];
  expect({ exit: host.exit, problems: host.problems?.map((p) => p.title) }).toEqual({ exit: 0, problems: [] });
}

/** The page's two saves as an admin makes them: the IMS form, then the tenant (whatever the other creator did meanwhile). */
async function pageSetup(page: Page): Promise<void> {
  await fillIms(page);
  await page.click('.bpsetup-ims-submit');
  await page.waitForSelector('.bpsetup-ims-card, .bpsetup-ims-feedback coral-alert[variant="error"]', { timeout: 20000 });
  await page.reload();
  await stepByStep(page);
  if (!(await page.locator('.bpsetup-cloud-card').count())) await saveCloudService(page, TENANT);
}

describe.each(roundNumbers(LINK_ROUNDS))('one link, round %i', (round) => {
  test(`the page and bpsetup setup ${gapOf(round)} ms apart`, async () => {
    const emu = await author();
    try {
      const config = writeSetupJson(tempDir('link-'), { clientId: CLIENT_ID, orgId: ORG, tenantUrl: TENANT });
      const page = await admin(emu);
      const onPage = pageSetup(page);
      await new Promise((r) => setTimeout(r, gapOf(round)));
      const cli = await bpsetup(['--url', emu.url, 'setup', '--config', config], { BPSETUP_CLIENT_SECRET: SECRET });
      await onPage;
      // A run that failed says why in this assertion's output.
      expect({ exit: cli.code, failed: cli.code ? cli.stdout.slice(0, 2000) : '' }).toEqual({ exit: 0, failed: '' });
      await oneLink(emu);
    } finally {
      await emu.close();
    }
  }, 60000);

  test(`two tabs ${gapOf(round)} ms apart`, async () => {
    const emu = await author();
    try {
      const [a, b] = await Promise.all([admin(emu), admin(emu)]);
      const first = pageSetup(a);
      await new Promise((r) => setTimeout(r, gapOf(round)));
      await Promise.all([first, pageSetup(b)]);
      await oneLink(emu);
    } finally {
      await emu.close();
    }
  }, 60000);
});
