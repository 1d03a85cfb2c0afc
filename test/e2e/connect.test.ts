/**
 * Step 4's Connect in headless Chromium, found by its labels as a new admin finds it: the
 * credential JSON pasted, the Brand Portal address typed, one click on Connect, and the page goes
 * from an empty author to four connected agents, each stage said as it runs; a wrong address is
 * explained next to its field, takes the focus, and nothing is sent. Where Connect stops (a wrong
 * secret, a refused save, no Check Health on this AEM), the page tier tests it:
 * test/page/connect.test.ts.
 */
import type { Page } from 'playwright-core';
import type { RunningEmulator } from '../../emulator/server';
import type { BrowserSession } from '../helpers/chromium';
import { ORG, TECH } from '../helpers/ims-fixtures';
import { emptyAuthorEachTest } from '../helpers/setup-page';

const PAGE = '/apps/bpsetup/content/setup.html';
const CLIENT = 'c0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
const SECRET = 'p8e-connect-secret';
const TENANT = 'https://connect.brand-portal.adobe.com';
let emu: RunningEmulator;
let browser: BrowserSession;
let page: Page;

emptyAuthorEachTest(
  { agentDelayMs: 0, faults: true },
  { clientId: CLIENT, secret: SECRET, tenant: TENANT },
  (a) => ({ emu, browser, page } = a),
);
beforeEach(async () => {
  await page.goto(`${emu.url}${PAGE}`);
  await page.waitForSelector('.bpsetup-step[data-step="prerequisites"][data-status="done"]');
});

const credential = (secret: string) =>
  JSON.stringify({ CLIENT_ID: CLIENT, CLIENT_SECRETS: [secret], ORG_ID: ORG, TECHNICAL_ACCOUNT_ID: TECH, SCOPES: ['openid', 'AdobeID'] });
const progress = () => page.getByRole('list', { name: 'Connect progress' }).getByRole('listitem').allTextContents();
const writes = (since: number) =>
  emu.context.journal
    .list(since)
    .filter((r) => r.write)
    .map((r) => r.path);

test('paste, address, Connect: an empty author reaches four connected agents, every stage said', async () => {
  const since = emu.context.journal.lastSeq;
  await page.getByLabel('Credential JSON from the Adobe Developer Console').fill(credential(SECRET));
  await page.getByLabel('Brand Portal address').fill(TENANT);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const outcome = page.getByRole('status').filter({ hasText: 'Connected:' });
  await outcome.waitFor({ timeout: 30000 });
  expect(await outcome.textContent()).toBe('Connected: 4 of 4 agents connected.');
  expect(await page.getByRole('button', { name: 'Connect', exact: true }).isVisible()).toBe(false);
  expect(await progress()).toEqual([
    'Create the IMS configuration: done',
    'Prove that AEM gets a token: done',
    'Save the Brand Portal cloud service and wait for its four agents: done',
    "Test the agents' connection: done — 4 of 4 agents connected",
  ]);
  await page.waitForSelector('.bpsetup-agents-summary[data-connected="4"]');
  expect(writes(since)).toEqual(['/apps/bpsetup/ims/update', '/apps/brandportal/config']);
  expect(browser.errors).toEqual([]);
  // The secret left with the IMS save: not in the page, its fields or the browser's storage.
  expect(await page.content()).not.toContain(SECRET);
  const kept = await page.evaluate(() => [
    ...Array.from(document.querySelectorAll('input, textarea'), (f) => (f as HTMLInputElement).value),
    JSON.stringify({ ...localStorage }),
    JSON.stringify({ ...sessionStorage }),
    document.cookie,
  ]);
  expect(kept.filter((v) => v.includes(SECRET))).toEqual([]);
}, 60000);

test('an address that is not one is explained next to its field, and nothing is sent', async () => {
  await page.getByLabel('Credential JSON from the Adobe Developer Console').fill(credential(SECRET));
  const address = page.getByLabel('Brand Portal address');
  await address.fill('not an address');
  const since = emu.context.journal.lastSeq;
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const describedBy = await address.getAttribute('aria-describedby');
  await expect(page.locator(`[id="${describedBy}"]`).textContent()).resolves.toMatch(/not a web address|host name is not valid/);
  expect(await address.getAttribute('aria-invalid')).toBe('true');
  await expect(address.evaluate((i) => i === document.activeElement)).resolves.toBe(true);
  expect(emu.context.journal.list(since).filter((r) => !r.path.includes('/resources/'))).toEqual([]);
  expect(await page.getByRole('list', { name: 'Connect progress' }).isVisible()).toBe(false);
});

test('an address outside *.brand-portal.adobe.com is asked about before anything is sent; confirmed, Connect goes on', async () => {
  await page.getByLabel('Credential JSON from the Adobe Developer Console').fill(credential(SECRET));
  await page.getByLabel('Brand Portal address').fill('acme.brandportal.adobe.com');
  const since = emu.context.journal.lastSeq;
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByText('Is acme.brandportal.adobe.com your Brand Portal address?').waitFor();
  const use = page.getByRole('button', { name: 'Connect with acme.brandportal.adobe.com' });
  // The question takes the focus; nothing went to AEM.
  await expect(use.evaluate((b) => b === document.activeElement || b.contains(document.activeElement))).resolves.toBe(true);
  expect(writes(since)).toEqual([]);
  await use.click();
  // The admin said yes: Connect runs, and its cloud service names that address.
  await page
    .getByRole('list', { name: 'Connect progress' })
    .getByText('Save the Brand Portal cloud service and wait for its four agents: done')
    .waitFor({ timeout: 30000 });
  expect(writes(since).slice(0, 2)).toEqual(['/apps/bpsetup/ims/update', '/apps/brandportal/config']);
  expect(emu.context.repo.get('/conf/global/settings/cloudconfigs/mediaportal/brand-portal/jcr:content')?.props.tenantURL).toBe(
    'https://acme.brandportal.adobe.com',
  );
}, 60000);
