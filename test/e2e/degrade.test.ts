/**
 * Contract rule 3 ("Degrade") in a real browser: when this AEM answers 404/405 for a call (the
 * package's health script where it is not installed, or a locked-down product info and
 * QueryBuilder), each step says so plainly,
 * links to AEM's own console, and the rest of the page keeps working.
 */
import type { RunningEmulator } from '../../emulator/server';
import { PROJECT_ROOT } from '../../emulator/paths';
import { type BrowserSession, reviewShot, openBrowser, signIn } from '../helpers/chromium';
import { loggedIn, startTestEmulator, controlFetch } from '../helpers/emulator';
import { oauthForm } from '../helpers/ims-fixtures';
import { authRadio, chooseLegacyJwt, chooseOption, legacyJwtToggle, openReset, openSteps } from '../helpers/setup-page';

let emu: RunningEmulator;
let browser: BrowserSession;
const notHere = (path: string) => ({ path, status: 404, contentType: 'text/html', body: '<html><body>No resource found</body></html>' });

beforeAll(async () => {
  // The default, AEM-faithful mode: the public key has no address here.
  emu = await startTestEmulator({ faults: true });
  browser = await openBrowser(PROJECT_ROOT);
  // An AEM whose product-info printer and QueryBuilder are out of reach (a locked-down author), and
  // where the package's health script does not answer (an older package: 404).
  await controlFetch(`${emu.url}/__emulator/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      routes: [notHere('/system/console/status-productinfo.json'), notHere('/bin/querybuilder.json'), notHere('/apps/bpsetup/health.json')],
    }),
  });
  await signIn(browser.context, emu.url); // each test opens the page itself
}, 60000);

afterAll(async () => {
  await browser?.close();
  await emu?.close();
});

test('unknown or unreachable endpoints degrade step by step; the rest of the page works', async () => {
  const { page } = browser;
  await page.goto(`${emu.url}/apps/bpsetup/content/setup.html`);
  await page.waitForSelector('.bpsetup-version-select', { state: 'attached' });
  await openSteps(page);
  expect(await page.locator('.bpsetup-step[data-step="prerequisites"]').getAttribute('data-status')).toBe('warning');

  // The admin states the version; OAuth becomes available.
  await chooseOption(page, 'AEM version', '6.5.21.0');
  expect(await page.locator('.bpsetup-step[data-step="prerequisites"]').getAttribute('data-status')).toBe('done');

  // JWT (legacy) needs the keystore, whose user cannot be looked up here: explained, with the Users console.
  await chooseLegacyJwt(page);
  const cert = page.locator('#bpsetup-step-certificate');
  await expect(cert.locator('coral-alert').first().textContent()).resolves.toContain('This AEM does not offer this action');
  expect(await cert.locator('a.bpsetup-console-link').getAttribute('href')).toBe('/security/users.html');
  await legacyJwtToggle(page).uncheck();
  expect(await authRadio(page, 'oauth').isChecked()).toBe(true);

  // An OAuth configuration exists; the health script does not answer on this AEM: a state of its own, not an error.
  const c = await loggedIn(emu.url);
  await c.write('/apps/bpsetup/ims/update', oauthForm('degradeclient'));
  // Reopened, the page leads with the verdict of the setup it now finds, and checks it.
  await page.reload();
  await page.waitForSelector('.bpsetup-summary coral-alert', { timeout: 20000 });
  await page.waitForSelector('.bpsetup-health-result coral-alert');
  const result = (await page.locator('.bpsetup-health-result').textContent()) ?? '';
  expect(result).toContain('Check Health cannot run from this page on this AEM');
  expect(await page.locator('.bpsetup-health-result a.bpsetup-console-link').getAttribute('href')).toBe(
    '/libs/cq/adobeims-configuration/content/configurations.html',
  );
  expect(await page.locator('.bpsetup-step[data-step="health"]').getAttribute('data-status')).toBe('untested');
  expect(await page.locator('.bpsetup-banner coral-alert').count()).toBe(0);
  // Never green without proof of a token.
  await expect(page.locator('.bpsetup-summary').textContent()).resolves.toContain('Not proven that AEM gets a token from Adobe IMS');
  await reviewShot(page, PROJECT_ROOT, 'degrade');
  expect(browser.errors.filter((e) => !/404/.test(e))).toEqual([]);
});

test('a queue read this AEM lacks stops the reset before anything is deleted, with the replication console to use', async () => {
  const { page } = browser;
  await controlFetch(`${emu.url}/__emulator/faults`, { method: 'DELETE' });
  await controlFetch(`${emu.url}/__emulator/seed`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{"scenario":"existingCloudConfig"}',
  });
  await controlFetch(`${emu.url}/__emulator/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ routes: [notHere('/etc/replication/agents.author/mp_replication_agent0_default_demo/jcr:content.queue.json')] }),
  });
  await page.goto(`${emu.url}/apps/bpsetup/content/setup.html`);
  await page.waitForSelector('.bpsetup-reset', { state: 'attached' });
  await openSteps(page, 'brandPortal');
  await openReset(page, 'demo');
  const before = [...emu.context.repo.walk('/')].length;
  await page.click('.bpsetup-reset-run');
  await page.waitForSelector('.bpsetup-reset-result coral-alert');
  await expect(page.locator('.bpsetup-reset-result').textContent()).resolves.toContain('This AEM does not offer this action');
  expect(await page.locator('.bpsetup-reset-result a.bpsetup-console-link').getAttribute('href')).toBe(
    '/etc/replication/agents.author.html',
  );
  expect([...emu.context.repo.walk('/')].length).toBe(before);
});
