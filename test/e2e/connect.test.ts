/**
 * Step 4's Connect in headless Chromium, found by its labels as a new admin finds it: the
 * credential JSON pasted, the Brand Portal address typed, one click on Connect, and the page goes
 * from an empty author to four connected agents, each stage said as it runs. A wrong secret stops
 * at the token proof with nothing of step 6 written; a refused IMS save leaves Connect ready for
 * a retry that completes; a wrong address is explained next to its field and nothing is sent.
 * Where Check Health cannot run, the agents' test is the proof, and Connect says which one it used.
 */
import type { Page } from 'playwright-core';
import type { RunningEmulator } from '../../emulator/server';
import type { BrowserSession } from '../helpers/chromium';
import { setFaults } from '../helpers/emulator';
import { ORG, TECH } from '../helpers/ims-fixtures';
import { repositoryText, emptyAuthorEachTest } from '../helpers/setup-page';

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

test('a wrong secret stops at the token proof: no cloud service is written, the later stages do not run', async () => {
  const since = emu.context.journal.lastSeq;
  await page.getByLabel('Credential JSON from the Adobe Developer Console').fill(credential('p8e-not-the-secret'));
  await page.getByLabel('Brand Portal address').fill(TENANT);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const stopped = page.getByRole('status').filter({ hasText: 'Connect stopped at' });
  await stopped.waitFor({ timeout: 30000 });
  expect(await stopped.textContent()).toBe(
    'Connect stopped at "Prove that AEM gets a token": its step below says why and how to fix it; go on from there, step by step.',
  );
  // The IMS configuration exists now: a second Connect would try to create another one.
  expect(await page.getByRole('button', { name: 'Connect', exact: true }).count()).toBe(0);
  const [ims, token, cloud, agents] = await progress();
  expect(ims).toBe('Create the IMS configuration: done');
  expect(token).toMatch(/^Prove that AEM gets a token: failed — \S/);
  expect([cloud, agents]).toEqual([
    'Save the Brand Portal cloud service and wait for its four agents: not run',
    "Test the agents' connection: not run",
  ]);
  expect(writes(since)).toEqual(['/apps/bpsetup/ims/update']);
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

test('AEM refusing the IMS save stops Connect at its first stage with nothing written; the secret entered again, Connect completes', async () => {
  await setFaults(emu.url, { routes: [{ path: '/apps/bpsetup/ims/update', method: 'POST', status: 500, times: 1 }] });
  const before = repositoryText(emu);
  await page.getByLabel('Credential JSON from the Adobe Developer Console').fill(credential(SECRET));
  await page.getByLabel('Brand Portal address').fill(TENANT);
  const connect = page.getByRole('button', { name: 'Connect', exact: true });
  await connect.click();
  const stopped = page.getByRole('status').filter({ hasText: 'Connect stopped at' });
  await stopped.waitFor({ timeout: 30000 });
  expect(await stopped.textContent()).toBe(
    'Connect stopped at "Create the IMS configuration": step 4 says why; correct it and connect again.',
  );
  expect(await progress()).toEqual([
    'Create the IMS configuration: failed — not saved: step 4 says why',
    'Prove that AEM gets a token: not run',
    'Save the Brand Portal cloud service and wait for its four agents: not run',
    "Test the agents' connection: not run",
  ]);
  expect(repositoryText(emu)).toBe(before);
  // The secret left the page with the refused request: the admin enters it again.
  const since = emu.context.journal.lastSeq;
  await page.getByLabel('Client secret').fill(SECRET);
  await connect.click();
  await page.getByRole('status').filter({ hasText: 'Connected:' }).waitFor({ timeout: 30000 });
  expect(writes(since)).toEqual(['/apps/bpsetup/ims/update', '/apps/brandportal/config']);
}, 60000);

test("where Check Health cannot run (an older package), Connect says so and lets the agents' test prove the token", async () => {
  emu.context.repo.change((tx) => tx.remove('/apps/bpsetup/components/health/json.jsp'));
  await page.reload();
  await page.waitForSelector('.bpsetup-step[data-step="prerequisites"][data-status="done"]');
  await page.getByLabel('Credential JSON from the Adobe Developer Console').fill(credential(SECRET));
  await page.getByLabel('Brand Portal address').fill(TENANT);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Connected:' }).waitFor({ timeout: 30000 });
  expect(await progress()).toEqual([
    'Create the IMS configuration: done',
    "Prove that AEM gets a token: done — Check Health cannot run on this AEM: the agents' test below proves the token",
    'Save the Brand Portal cloud service and wait for its four agents: done',
    "Test the agents' connection: done — 4 of 4 agents connected",
  ]);
  expect(browser.errors).toEqual([]);
}, 60000);

test('a wrong secret where Check Health cannot run: the agents fail their test and Connect stops there, saying so', async () => {
  emu.context.repo.change((tx) => tx.remove('/apps/bpsetup/components/health/json.jsp'));
  await page.reload();
  await page.waitForSelector('.bpsetup-step[data-step="prerequisites"][data-status="done"]');
  await page.getByLabel('Credential JSON from the Adobe Developer Console').fill(credential('p8e-not-the-secret'));
  await page.getByLabel('Brand Portal address').fill(TENANT);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const stopped = page.getByRole('status').filter({ hasText: 'Connect stopped at' });
  await stopped.waitFor({ timeout: 30000 });
  expect(await stopped.textContent()).toContain(`"Test the agents' connection"`);
  expect((await progress())[3]).toBe("Test the agents' connection: failed — 0 of 4 agents connected: step 6 explains each");
}, 60000);
