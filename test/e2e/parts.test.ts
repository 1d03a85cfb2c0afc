/**
 * Parts in a real browser (ui/parts.ts): a set-up author's page loads none until the admin asks
 * for one, a fresh author's page fetches the two forms it shows, and a part that cannot be fetched
 * is explained where it belongs, with a retry that fetches it again.
 */
import type { Page } from 'playwright-core';
import type { RunningEmulator } from '../../emulator/server';
import type { BrowserSession } from '../helpers/chromium';
import { credentialAndTenant, finishedSetup } from '../helpers/brand-portal-fixtures';
import { openSteps, signedInAuthor, startOver } from '../helpers/setup-page';

const PAGE = '/apps/bpsetup/content/setup.html';
let emu: RunningEmulator;
let browser: BrowserSession;
let page: Page;

beforeAll(async () => {
  ({ emu, browser, page } = await signedInAuthor({}, false));
}, 60000);
afterAll(async () => {
  await browser?.close();
  await emu?.close();
});

/** The parts the browser fetched since `since`, by name. */
const partsFetched = (since: number) =>
  emu.context.journal
    .list(since)
    .map((r) => /\/resources\/parts\/([\w-]+)\.js$/.exec(r.path)?.[1])
    .filter((name): name is string => Boolean(name));

test("a set-up author: the page needs only the verdict's part; Edit fetches the form it needs", async () => {
  await startOver(browser, emu);
  await credentialAndTenant(emu.url, 'partsclient', 'parts-secret', 'https://parts.brand-portal.adobe.com');
  await finishedSetup(emu.url, 'partsclient', 'parts-secret', 'https://parts.brand-portal.adobe.com');
  const since = emu.context.journal.lastSeq;
  await page.goto(`${emu.url}${PAGE}`);
  await page.locator('.bpsetup-agents-summary').waitFor();
  await page.locator('.bpsetup-summary-ok').waitFor({ timeout: 20000 });
  expect(partsFetched(since)).toEqual(['summary']);

  await openSteps(page, 'imsAccount');
  await page.locator('.bpsetup-ims-edit').click();
  await page.getByLabel('Client secret').waitFor();
  expect(partsFetched(since)).toEqual(['summary', 'ims-account-form']);
  expect(browser.errors).toEqual([]);
});

test('a fresh author: the two forms it shows are fetched, once each', async () => {
  await startOver(browser, emu);
  const since = emu.context.journal.lastSeq;
  await page.goto(`${emu.url}${PAGE}`);
  await openSteps(page);
  await page.getByLabel('Client ID (API key)').waitFor();
  // Step 6's own field (the lead's Connect has one of the same name).
  await page.locator('#bpsetup-step-brandPortal').getByLabel('Brand Portal address').waitFor();
  expect(partsFetched(since).sort()).toEqual(['brand-portal-form', 'ims-account-form']);
});

test('a part that cannot be fetched is explained in its step; Try again fetches it', async () => {
  await startOver(browser, emu);
  let refused = 0;
  await page.route('**/parts/ims-account-form.js', (route) => (refused++ === 0 ? route.abort('connectionreset') : route.continue()));
  try {
    await page.goto(`${emu.url}${PAGE}`);
    const step = page.locator('#bpsetup-step-imsAccount');
    const notLoaded = step.locator('.bpsetup-not-loaded');
    await notLoaded.waitFor();
    await expect(notLoaded.textContent()).resolves.toContain('This could not be shown');
    await expect(notLoaded.textContent()).resolves.toContain('Check that AEM is reachable');
    // The step it failed in opened by itself; the other steps work meanwhile.
    await openSteps(page, 'brandPortal');
    await page.locator('#bpsetup-step-brandPortal').getByLabel('Brand Portal address').waitFor();
    await step.getByRole('button', { name: 'Try again' }).click();
    await page.getByLabel('Client ID (API key)').waitFor();
    expect(await notLoaded.count()).toBe(0);
    expect(refused).toBe(2);
  } finally {
    await page.unroute('**/parts/ims-account-form.js');
    browser.errors.length = 0; // the refused fetch is logged by the browser, on purpose
  }
});
