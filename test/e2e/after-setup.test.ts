/**
 * After the setup, in headless Chromium, found by visible labels: the opt-in test publish (asks
 * first, shows progress, reaches the emulator's tenant through all four agents, unpublishes and
 * deletes, leaves nothing), a tenant that refuses it explained with the agent's error and a fix,
 * and the folder-rights preflight (bad input explained inline with nothing sent; read and
 * replicate alone named as not enough). A plain visit asks neither script anything.
 */
import type { Page } from 'playwright-core';
import type { RunningEmulator } from '../../emulator/server';
import type { BrowserSession } from '../helpers/chromium';
import { credentialAndTenant, finishedSetup } from '../helpers/brand-portal-fixtures';
import { setFaults } from '../helpers/emulator';
import { signedInAuthor, stepByStep } from '../helpers/setup-page';

const PAGE = '/apps/bpsetup/content/setup.html';
const TENANT = 'https://after.brand-portal.adobe.com';
let emu: RunningEmulator;
let browser: BrowserSession;
let page: Page;

const scriptRequests = (since: number) =>
  emu.context.journal
    .list(since)
    .filter((r) => r.path.startsWith('/apps/bpsetup/publish-proof') || r.path.startsWith('/apps/bpsetup/rights'));

beforeAll(async () => {
  ({ emu, browser, page } = await signedInAuthor({ faults: true, agentDelayMs: 0, replicationDelayMs: 30 }, false));
  await credentialAndTenant(emu.url, 'af0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d', 'p8e-after-secret', TENANT);
  await finishedSetup(emu.url, 'af0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d', 'p8e-after-secret', TENANT);
}, 60000);
afterAll(async () => {
  await browser?.close();
  await emu?.close();
});
afterEach(() => setFaults(emu.url, null));

async function checkWholeSetup(): Promise<void> {
  const visit = emu.context.journal.lastSeq;
  await page.goto(`${emu.url}${PAGE}`);
  await stepByStep(page);
  expect(scriptRequests(visit)).toEqual([]); // a plain visit asks neither script
  await page.locator('.bpsetup-toolbar').getByRole('button', { name: 'Check the whole setup' }).click();
  await page
    .getByRole('heading', { name: 'Test publish' })
    .waitFor({ timeout: 20000 })
    .catch(async (e: Error) => {
      throw new Error(
        `${e.message}\nThe page showed:\n${await page.locator('#content, body').first().innerText()}\n${browser.errors.join('\n')}`,
      );
    });
}

test('Publish a test asset: asks first, reaches Brand Portal through every agent, cleans up, leaves nothing', async () => {
  await checkWholeSetup();
  // Each health button says what it runs, one button per action: the whole setup, and step 5's IMS check.
  for (const name of ['Check the whole setup', 'Check health'])
    expect(await page.getByRole('button', { name, exact: true }).count()).toBeLessThanOrEqual(1);
  expect(await page.getByRole('button', { name: 'Check its health', exact: true }).count()).toBe(0);
  const before = emu.context.journal.lastSeq;
  await page.getByRole('button', { name: 'Publish a test asset' }).click();
  const question = page.getByRole('group', { name: 'Confirm the test publish' });
  await expect(question.innerText()).resolves.toContain('/content/dam/bpsetup-publish-proof');
  expect(emu.context.journal.list(before).filter((r) => r.write)).toEqual([]); // asking sends nothing
  await question.getByRole('button', { name: 'Cancel' }).click();
  expect(await question.isHidden()).toBe(true);

  await page.getByRole('button', { name: 'Publish a test asset' }).click();
  await question.getByRole('button', { name: 'Publish and clean up' }).click();
  const result = page.locator('.bpsetup-test-publish-result');
  await result.getByText('A test asset reached Brand Portal through every agent').waitFor({ timeout: 30000 });
  const text = await result.innerText();
  for (let i = 0; i < 4; i++) expect(text).toContain(`mp_replication_agent${i}_default_after: delivered to Brand Portal.`);
  expect(text).toContain('Unpublished from Brand Portal again.');
  expect(text).toContain('Nothing was left behind');
  await expect(page.getByRole('status').filter({ hasText: 'Done.' }).count()).resolves.toBe(1);
  expect(emu.context.repo.exists('/content/dam/bpsetup-publish-proof')).toBe(false);
  const writes = emu.context.journal.list(before).filter((r) => r.write);
  expect(writes.map((w) => w.path)).toEqual(['/apps/bpsetup/publish-proof', '/apps/bpsetup/publish-proof']);
  expect(browser.errors).toEqual([]);
});

test('a tenant that refuses the test asset: the agent log line, its fix, and still nothing left behind', async () => {
  await setFaults(emu.url, { tenantRefuses: 'Received response from remote server: HTTP/1.1 401 Unauthorized' });
  await checkWholeSetup();
  await page.getByRole('button', { name: 'Publish a test asset' }).click();
  await page.getByRole('button', { name: 'Publish and clean up' }).click();
  const result = page.locator('.bpsetup-test-publish-result');
  await result.getByText('Brand Portal refused the test asset').waitFor({ timeout: 30000 });
  const text = await result.innerText();
  expect(text).toMatch(/refused after \d+ attempt\(s\): .*401 Unauthorized/);
  expect(text).toContain("Fix: Brand Portal refused AEM's token (401)");
  expect(text).toContain('Nothing was left behind');
  for (let i = 0; i < 4; i++) expect(emu.context.replication.items(`mp_replication_agent${i}_default_after`)).toEqual([]);
});

test('Folder rights: bad input is explained next to the field and nothing is sent; an administrator may publish', async () => {
  await checkWholeSetup();
  const field = page.getByLabel('Folder to publish from');
  const since = emu.context.journal.lastSeq;
  await field.fill('content/dam/brand');
  await field.press('Enter');
  await expect(page.locator('[data-field="rightsFolder"]').innerText()).resolves.toContain('A repository path starts with /');
  expect(scriptRequests(since)).toEqual([]);
  await field.fill('/content/dam');
  await page.getByRole('button', { name: 'Check my rights' }).click();
  const result = page.locator('.bpsetup-folder-rights-result');
  await result.getByText('admin may read, create, modify and replicate in /content/dam').waitFor();
  await expect(result.innerText()).resolves.toContain('replicate: yes');
  expect(scriptRequests(since).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /apps/bpsetup/rights.json']);
});
