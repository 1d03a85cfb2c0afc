/**
 * Contract rule 3 ("Degrade") in a real browser: when this AEM answers 404/405 for the calls the
 * contract marks UNKNOWN (version, keystore, Check Health), each step says so plainly, links to
 * AEM's own console, and the rest of the page keeps working.
 */
import { join } from 'node:path';
import type { RunningEmulator } from '../../emulator/server';
import { PROJECT_ROOT } from '../../emulator/paths';
import { type BrowserSession, fullScreenshot, login, openBrowser } from '../helpers/chromium';
import { loggedIn, startTestEmulator } from '../helpers/emulator';
import { oauthForm } from '../helpers/ims-fixtures';

let emu: RunningEmulator;
let browser: BrowserSession;
const notHere = (path: string) => ({ path, status: 404, contentType: 'text/html', body: '<html><body>No resource found</body></html>' });

beforeAll(async () => {
  emu = await startTestEmulator({ faults: true });
  browser = await openBrowser(PROJECT_ROOT);
  const c = await loggedIn(emu.url);
  await c.write('/apps/bpsetup/ims/update', oauthForm('degradeclient'));
  await fetch(`${emu.url}/__emulator/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ routes: [notHere('/apps/bpsetup/unverified/'), notHere('/home/users/system/brandportal-imsconfig-service.ks.json')] }),
  });
}, 60000);

afterAll(async () => {
  await browser?.close();
  await emu?.close();
});

test('unknown endpoints degrade step by step; the rest of the page works', async () => {
  const { page } = browser;
  await login(page, emu.url, '/apps/bpsetup/content/setup.html');
  await page.waitForSelector('.bpsetup-version-select');
  expect(await page.locator('.bpsetup-step[data-step="prerequisites"]').getAttribute('data-status')).toBe('warning');

  // The admin states the version; OAuth becomes available and the IMS step still works.
  await page.selectOption('.bpsetup-version-select', '6.5.21.0');
  expect(await page.locator('.bpsetup-step[data-step="prerequisites"]').getAttribute('data-status')).toBe('done');
  await page.waitForSelector('.bpsetup-ims-card');
  expect(await page.locator('.bpsetup-step[data-step="imsAccount"]').getAttribute('data-status')).toBe('done');

  // JWT needs the keystore: that step explains and links to the user editor.
  await page.evaluate(() => (document.querySelector('.bpsetup-ims-edit') as HTMLElement).click());
  await page.check('#bpsetup-auth-jwt');
  const cert = page.locator('#bpsetup-step-certificate');
  await expect(cert.locator('coral-alert').first().textContent()).resolves.toContain('This AEM does not offer this action');
  expect(await cert.locator('a.bpsetup-console-link').getAttribute('href')).toBe('/libs/granite/security/content/v2/usereditor.html/home/users/system/brandportal-imsconfig-service');
  await page.click('.bpsetup-ims-cancel');
  await page.check('#bpsetup-auth-oauth');

  // Check Health has no servlet here: said plainly, with the IMS console to use instead.
  await page.click('.bpsetup-health-button');
  await page.waitForSelector('.bpsetup-banner coral-alert');
  const banner = (await page.locator('.bpsetup-banner').textContent()) ?? '';
  expect(banner).toContain('/apps/bpsetup/unverified/check-health.json answered HTTP 404');
  expect(await page.locator('.bpsetup-banner a.bpsetup-console-link').getAttribute('href')).toBe('/libs/cq/adobeims-configuration/content/configurations.html');
  await fullScreenshot(page, join(PROJECT_ROOT, 'test-results', 'degrade.png'));
  expect(browser.errors.filter((e) => !/404/.test(e))).toEqual([]);
});

test('a queue read this AEM lacks stops the reset before anything is deleted, with the replication console to use', async () => {
  const { page } = browser;
  await fetch(`${emu.url}/__emulator/faults`, { method: 'DELETE' });
  await fetch(`${emu.url}/__emulator/seed`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"scenario":"existingCloudConfig"}' });
  await fetch(`${emu.url}/__emulator/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ routes: [notHere('/etc/replication/agents.author/mp_replication_agent0_default_demo/jcr:content.queue.json')] }),
  });
  await page.goto(`${emu.url}/apps/bpsetup/content/setup.html`);
  await page.waitForSelector('.bpsetup-reset');
  await page.click('.bpsetup-reset summary');
  await page.fill('.bpsetup-reset-confirm', 'demo');
  const before = [...emu.context.repo.walk('/')].length;
  await page.click('.bpsetup-reset-run');
  await page.waitForSelector('.bpsetup-reset-result coral-alert');
  await expect(page.locator('.bpsetup-reset-result').textContent()).resolves.toContain('This AEM does not offer this action');
  expect(await page.locator('.bpsetup-reset-result a.bpsetup-console-link').getAttribute('href')).toBe('/etc/replication/agents.author.html');
  expect([...emu.context.repo.walk('/')].length).toBe(before);
});
