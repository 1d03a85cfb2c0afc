/**
 * Statuses that tell the truth, in headless Chromium, as a new user met them: a reload between
 * steps 4 and 6 no longer locks step 6 (Save checks the IMS configuration's health first); a wrong
 * client secret is explained where it happens (step 6 refuses to save; the whole-setup summary
 * names the IMS failure, not a missing cloud service); agents not tested since the page opened are
 * said to be untested, never "0 of 4 connected"; the certificate step is "Not needed" for OAuth.
 */
import type { Page } from 'playwright-core';
import type { RunningEmulator } from '../../emulator/server';
import type { BrowserSession } from '../helpers/chromium';
import { credentialAndTenant, finishedSetup } from '../helpers/brand-portal-fixtures';
import { loggedIn } from '../helpers/emulator';
import { oauthForm } from '../helpers/ims-fixtures';
import { saveCloudService, emptyAuthorEachTest, waitConnected } from '../helpers/setup-page';

const PAGE = '/apps/bpsetup/content/setup.html';
const CLIENT = 'tr0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d';
const SECRET = 'p8e-truth-secret';
const TENANT = 'https://truth.brand-portal.adobe.com';
let emu: RunningEmulator;
let browser: BrowserSession;
let page: Page;

emptyAuthorEachTest(
  { faults: true, agentDelayMs: 0 },
  { clientId: CLIENT, secret: SECRET, tenant: TENANT },
  (a) => ({ emu, browser, page } = a),
);

/** Step 4 done in an earlier visit: the IMS configuration exists, this page has not checked it. */
async function imsConfigFromEarlierVisit(clientSecret: string): Promise<void> {
  const res = await (await loggedIn(emu.url)).write('/apps/bpsetup/ims/update', oauthForm(CLIENT, { clientSecret }));
  expect(res.status).toBe(200);
}

async function open(): Promise<void> {
  await page.goto(`${emu.url}${PAGE}`);
  await page.waitForSelector('.bpsetup-step[data-step="prerequisites"][data-status="done"]');
}

test("the emulator's login fields are not marked wrong before anyone typed", async () => {
  const fresh = await browser.context.newPage();
  try {
    await fresh.goto(`${emu.url}/libs/granite/core/content/login.html`);
    for (const label of ['User name', 'Password']) {
      const input = fresh.getByLabel(label);
      await expect(input.evaluate((i) => (i as HTMLInputElement).matches(':invalid') || i.classList.contains('is-invalid'))).resolves.toBe(
        false,
      );
    }
  } finally {
    await fresh.close();
  }
});

test('a reload between steps 4 and 6: step 6 saves, checking the IMS configuration first; the certificate step is not needed', async () => {
  await imsConfigFromEarlierVisit(SECRET);
  await open();
  await expect(page.locator('.bpsetup-step[data-step="certificate"] .bpsetup-step-status').innerText()).resolves.toBe('Not needed');
  const option = page.locator('.bpsetup-cloud-ims coral-select-item:not([disabled])');
  await option.first().waitFor({ state: 'attached' });
  await expect(option.first().textContent()).resolves.toContain('not checked yet: Save checks its health first');
  await saveCloudService(page, TENANT);
  await waitConnected(page, 4);
  expect(emu.context.journal.list(0).some((r) => r.path === '/apps/bpsetup/health.json')).toBe(true);
});

test('a wrong client secret: step 6 does not save and says why, in plain words', async () => {
  await imsConfigFromEarlierVisit('p8e-not-the-secret');
  await open();
  await saveCloudService(page, TENANT);
  const feedback = page.locator('#bpsetup-step-brandPortal');
  await feedback.getByText('Not saved: the IMS configuration gets no token').waitFor({ timeout: 20000 });
  await expect(feedback.innerText()).resolves.toContain('invalid_client');
  expect(emu.context.repo.exists('/conf/global/settings/cloudconfigs/mediaportal/brand-portal')).toBe(false);
});

test('a finished setup whose secret changed: agents untested, never "0 of 4"; the summary names the IMS failure, not the cloud service', async () => {
  await finishedSetup(emu.url, CLIENT, SECRET, TENANT);
  // The credential's secret was rotated in the Developer Console: AEM's stored one now fails.
  await credentialAndTenant(emu.url, CLIENT, 'p8e-rotated-secret', TENANT);
  await open();
  const agents = page.locator('.bpsetup-agents-summary');
  await expect(agents.innerText()).resolves.toContain('Agents not tested yet since this page opened');
  await page.locator('.bpsetup-toolbar').getByRole('button', { name: 'Check the whole setup' }).click();
  const summary = page.locator('.bpsetup-summary');
  await summary.locator('.bpsetup-summary-problems').waitFor({ timeout: 20000 });
  const text = await summary.innerText();
  expect(text).toContain('Adobe IMS rejected the client ID or client secret');
  expect(text).toContain('Copy the client ID and client secret again from the Adobe Developer Console credential');
  expect(text).not.toContain('No Brand Portal cloud service');
  await expect(agents.innerText()).resolves.toMatch(/^0 of 4 agents connected/);
});
