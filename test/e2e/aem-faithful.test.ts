/**
 * The full OAuth walkthrough in the default, AEM-faithful emulator mode, where Check Health has no
 * address (as on a real AEM 6.5): from an empty author to "4 of 4 agents connected", with the page
 * saying truthfully what proved the token. Also: a servlet-binding miss leaves no secret anywhere,
 * an IMS configuration not titled for Brand Portal can be marked, and an AEM that cannot do OAuth
 * gets the blocker, not a JWT route. Each test starts from its own emulator and runs alone.
 */
import { join } from 'node:path';
import type { Page, Response } from 'playwright-core';
import type { RunningEmulator } from '../../emulator/server';
import { PROJECT_ROOT } from '../../emulator/paths';
import { type BrowserSession, fullScreenshot, login, openBrowser } from '../helpers/chromium';
import { loggedIn, startTestEmulator, controlFetch } from '../helpers/emulator';
import { ORG, oauthForm } from '../helpers/ims-fixtures';
import { authRadio, fillOauthForm, imsChoices, repositoryText, stepStatus as stepStatusOn } from '../helpers/setup-page';
import { credentialAndTenant } from '../helpers/brand-portal-fixtures';

const ARTIFACTS = join(PROJECT_ROOT, 'test-results');
const PAGE = '/apps/bpsetup/content/setup.html';
const CLIENT_ID = 'fa0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d';
const SECRET = 'p8e-faithful-secret-4711';
const TENANT = 'https://acme.brand-portal.adobe.com';
let browser: BrowserSession;
let page: Page;
let notFound: string[];

const stepStatus = (id: string) => stepStatusOn(page, id);

/** A fresh default-mode emulator with the demo integration and tenant, and the admin signed in. */
async function freshAuthor(options: Parameters<typeof startTestEmulator>[0] = {}): Promise<RunningEmulator> {
  const emu = await startTestEmulator({ faults: true, agentDelayMs: 300, ...options });
  await credentialAndTenant(emu.url, CLIENT_ID, SECRET, TENANT);
  await login(page, emu.url, PAGE);
  await page.waitForSelector('.bpsetup-step[data-step="prerequisites"][data-status]:not([data-status="unknown"])');
  return emu;
}

const fillForm = () => fillOauthForm(page, { clientId: CLIENT_ID, clientSecret: SECRET, orgId: ORG, scopes: 'openid,AdobeID' });

beforeAll(async () => {
  browser = await openBrowser(PROJECT_ROOT);
  page = browser.page;
  page.on('response', (r: Response) => {
    if (r.status() === 404) notFound.push(new URL(r.url()).pathname);
  });
}, 60000);
beforeEach(() => {
  notFound = [];
  browser.errors.length = 0;
});
afterAll(async () => {
  await browser?.close();
});

test('empty author to "4 of 4 agents connected" without Check Health; the agents prove the token', async () => {
  const emu = await freshAuthor();
  try {
    expect(await stepStatus('prerequisites')).toBe('done');
    await fillForm();
    await page.click('.bpsetup-ims-submit');
    // Step 5 says plainly that this AEM cannot be checked from the page, and where AEM's console is.
    await page.waitForSelector('.bpsetup-health-result coral-alert');
    await expect(page.locator('.bpsetup-health-result').textContent()).resolves.toContain(
      'Check Health cannot run from this page on this AEM',
    );
    expect(await stepStatus('health')).toBe('warning');

    // Step 6 goes ahead anyway.
    const option = imsChoices(page).first();
    expect(await option.getAttribute('disabled')).toBeNull();
    await expect(option.textContent()).resolves.toContain("the agents' test will prove it");
    await page.fill('[data-field="tenantUrl"] input', TENANT);
    await page.locator('[data-field="tenantUrl"] input').blur();
    await page.click('.bpsetup-cloud-save');
    await page.waitForSelector('.bpsetup-agents-summary[data-connected="4"]', { timeout: 20000 });
    expect(await stepStatus('brandPortal')).toBe('done');
    // The token is now proven, and the page says by what.
    expect(await stepStatus('health')).toBe('done');
    await expect(page.locator('.bpsetup-health-result').textContent()).resolves.toContain('Token proven by a replication agent');

    // The whole-setup check is green, with reads only.
    const since = emu.context.journal.lastSeq;
    await page.click('.bpsetup-health-button');
    await page.waitForSelector('.bpsetup-summary-ok', { timeout: 20000 });
    expect(emu.context.journal.list(since).filter((r) => r.write)).toEqual([]);
    await fullScreenshot(page, join(ARTIFACTS, 'faithful-connected.png'));

    // Reopened, the finished setup is never "To do": configured, not tested since the page opened.
    await page.reload();
    await page.waitForSelector('.bpsetup-step[data-step="brandPortal"][data-status="untested"]');
    await expect(page.locator('.bpsetup-step[data-step="brandPortal"] .bpsetup-step-status').textContent()).resolves.toContain(
      'Configured — not tested yet',
    );
    expect(await page.locator('.bpsetup-step[data-status="todo"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Test all agents' }).click();
    await page.waitForSelector('.bpsetup-agents-summary[data-connected="4"]', { timeout: 20000 });
    expect(await stepStatus('brandPortal')).toBe('done');

    // Only the unconfirmed Check Health address answered 404; nothing of the secret is on the page.
    expect([...new Set(notFound)]).toEqual(['/apps/bpsetup/unverified/check-health.json']);
    expect(browser.errors.filter((e) => !/404/.test(e))).toEqual([]);
    expect(await page.content()).not.toContain(SECRET);
  } finally {
    await emu.close();
  }
}, 60000);

test('a servlet-binding miss: explained, and no secret is left in the repository', async () => {
  const emu = await freshAuthor();
  try {
    await controlFetch(`${emu.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ servletsUnbound: true }),
    });
    await fillForm();
    await page.click('.bpsetup-ims-submit');
    await page.waitForSelector('.bpsetup-ims-feedback coral-alert[variant="error"]');
    await expect(page.locator('.bpsetup-ims-feedback').textContent()).resolves.toContain('did not take the form');
    expect(repositoryText(emu)).not.toContain(SECRET);
    expect(await page.content()).not.toContain(SECRET);

    // Worse: the address points at a node that can hold anything (an admin's wrong override).
    const c = await loggedIn(emu.url);
    await c.write('/conf/bpsetup/settings/endpoints', new URLSearchParams({ imsConfigUpdate: '/apps/bpsetup/ims/elsewhere' }));
    await page.reload();
    await page.waitForSelector('.bpsetup-step[data-step="prerequisites"][data-status="done"]');
    await expect(page.locator('#bpsetup-step-prerequisites').textContent()).resolves.toContain(
      'imsConfigUpdate: /apps/bpsetup/ims/elsewhere',
    );
    await fillForm();
    await page.click('.bpsetup-ims-submit');
    await page.waitForSelector('.bpsetup-ims-feedback coral-alert[variant="error"]');
    const text = (await page.locator('.bpsetup-ims-feedback').textContent()) ?? '';
    expect(text).toContain('read the node back: nothing of the form, the client secret included, is left there');
    // Sling did store the form there; the page removed every field again.
    const writes = emu.context.journal.list(0).filter((r) => r.write && r.path === '/apps/bpsetup/ims/elsewhere');
    expect(writes.map((w) => w.status)).toEqual([201, 200]);
    expect(repositoryText(emu)).not.toContain(SECRET);
    expect(emu.context.repo.get('/apps/bpsetup/ims/elsewhere')?.props).toEqual({ 'jcr:primaryType': 'nt:unstructured' });
  } finally {
    await emu.close();
  }
}, 60000);

test('every IMS configuration is listed; the admin marks the Brand Portal one instead of creating a second', async () => {
  const emu = await freshAuthor();
  try {
    const c = await loggedIn(emu.url);
    await c.write('/apps/bpsetup/ims/update', oauthForm(CLIENT_ID, { title: 'Assets OAuth', clientSecret: SECRET }));
    await page.reload();
    await page.waitForSelector('.bpsetup-ims-others li');
    await expect(page.locator('.bpsetup-ims-others').textContent()).resolves.toContain('Assets OAuth');
    await page.click('.bpsetup-ims-mark');
    await page.waitForSelector('.bpsetup-ims-card');
    await expect(page.locator('.bpsetup-ims-card').textContent()).resolves.toContain('Assets OAuth');
    expect(await stepStatus('imsAccount')).toBe('done');
    expect(emu.context.repo.get('/conf/bpsetup/settings')?.props.brandPortalImsConfig).toMatch(
      /^com\.adobe\.granite\.auth\.oauth\.accesstoken\.provider\./,
    );
  } finally {
    await emu.close();
  }
}, 60000);

test('AEM 6.5.17 without the hotfix: a blocker with the two ways out, no JWT route offered', async () => {
  const emu = await freshAuthor({ productVersion: '6.5.17.0' });
  try {
    expect(await stepStatus('prerequisites')).toBe('error');
    const blocker = (await page.locator('.bpsetup-oauth-blocker').textContent()) ?? '';
    expect(blocker).toContain('ims-jwt-compatibility-package-6.5-1.0.zip');
    expect(blocker).toContain('6.5.21');
    expect(await page.locator('.bpsetup-ims-form').isHidden()).toBe(true);
    expect(await authRadio(page, 'jwt').isVisible()).toBe(false);
    await expect(page.locator('body').textContent()).resolves.not.toContain('Without it, only JWT');
    await fullScreenshot(page, join(ARTIFACTS, 'faithful-blocker.png'));
  } finally {
    await emu.close();
  }
}, 60000);
