/**
 * The full OAuth walkthrough in the default, AEM-faithful emulator mode (what a real AEM 6.5 with
 * the package installed answers): from an empty author to "4 of 4 agents connected", Check Health
 * through the package's own script proving the token before the cloud service exists, a wrong
 * secret explained in step 5, the agents' proof where the script does not answer, and a save
 * that AEM stored differently repaired (or removed). Also: a servlet-binding miss leaves no secret
 * anywhere, an IMS configuration not titled for Brand Portal can be marked, and an AEM that
 * cannot do OAuth gets the blocker, not a JWT route. Each test starts from its own emulator and runs alone.
 */
import { join } from 'node:path';
import type { Page, Response } from 'playwright-core';
import type { RunningEmulator } from '../../emulator/server';
import { PROJECT_ROOT } from '../../emulator/paths';
import { type BrowserSession, fullScreenshot, openBrowser, signIn } from '../helpers/chromium';
import { loggedIn, startTestEmulator, controlFetch, setFaults } from '../helpers/emulator';
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
  await signIn(browser.context, emu.url);
  await page.goto(`${emu.url}${PAGE}`);
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

test('empty author to "4 of 4 agents connected": Check Health proves the token before the cloud service exists', async () => {
  const emu = await freshAuthor();
  try {
    expect(await stepStatus('prerequisites')).toBe('done');
    await fillForm();
    await page.click('.bpsetup-ims-submit');
    // Step 5: the package's health script asked AEM's provider for a token, before any cloud service.
    await page.waitForSelector('.bpsetup-health-result coral-alert[variant="success"]');
    await expect(page.locator('.bpsetup-health-result').textContent()).resolves.toContain('Brand Portal: Token retrieved successfully!');
    expect(await stepStatus('health')).toBe('done');
    expect(emu.context.repo.get('/conf/global/settings/cloudconfigs/mediaportal')?.children).toEqual({});

    const option = imsChoices(page).first();
    expect(await option.getAttribute('disabled')).toBeNull();
    await page.fill('[data-field="tenantUrl"] input', TENANT);
    await page.locator('[data-field="tenantUrl"] input').blur();
    await page.click('.bpsetup-cloud-save');
    await page.waitForSelector('.bpsetup-agents-summary[data-connected="4"]', { timeout: 20000 });
    expect(await stepStatus('brandPortal')).toBe('done');
    expect(await stepStatus('health')).toBe('done');

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

    // No address the author does not have was asked for; the console is clean; no secret on the page.
    expect([...new Set(notFound)]).toEqual([]);
    expect(emu.context.journal.list(0).filter((r) => r.path.includes('/unverified/'))).toEqual([]);
    expect(browser.errors).toEqual([]);
    expect(await page.content()).not.toContain(SECRET);
  } finally {
    await emu.close();
  }
}, 60000);

test('a wrong client secret: step 5 explains invalid_client with its fix, before any cloud service', async () => {
  const emu = await freshAuthor();
  try {
    await fillOauthForm(page, { clientId: CLIENT_ID, clientSecret: 'p8e-not-the-secret-0000', orgId: ORG, scopes: 'openid,AdobeID' });
    await page.click('.bpsetup-ims-submit');
    await page.waitForSelector('.bpsetup-health-result coral-alert[variant="error"]');
    const text = (await page.locator('.bpsetup-health-result').textContent()) ?? '';
    expect(text).toContain('Adobe IMS rejected the client ID or client secret');
    expect(text).toContain('Copy the client ID and client secret again');
    expect(await stepStatus('health')).toBe('error');
    expect(await page.content()).not.toContain('p8e-not-the-secret-0000');
  } finally {
    await emu.close();
  }
}, 60000);

test('where the health script does not answer (an older package), the agents prove the token, and the page says so', async () => {
  const emu = await freshAuthor();
  try {
    emu.context.repo.change((tx) => tx.remove('/apps/bpsetup/components/health/json.jsp'));
    await fillForm();
    await page.click('.bpsetup-ims-submit');
    await page.waitForSelector('.bpsetup-health-result coral-alert');
    await expect(page.locator('.bpsetup-health-result').textContent()).resolves.toContain(
      'Check Health cannot run from this page on this AEM',
    );
    // Right after a successful save nothing has failed: "not tested yet", never a warning.
    expect(await stepStatus('health')).toBe('untested');
    await expect(imsChoices(page).first().textContent()).resolves.toContain("the agents' test will prove it");
    await page.fill('[data-field="tenantUrl"] input', TENANT);
    await page.locator('[data-field="tenantUrl"] input').blur();
    await page.click('.bpsetup-cloud-save');
    await page.waitForSelector('.bpsetup-agents-summary[data-connected="4"]', { timeout: 20000 });
    expect(await stepStatus('health')).toBe('done');
    await expect(page.locator('.bpsetup-health-result').textContent()).resolves.toContain('Token proven by a replication agent');
    expect(browser.errors).toEqual([]);
  } finally {
    await emu.close();
  }
}, 60000);

const faults = (emu: RunningEmulator, body: Record<string, unknown>) => setFaults(emu.url, body);

test("AEM's IMS servlet ignores the OAuth fields: read back, repaired through the configuration manager, proven, 4 of 4", async () => {
  const emu = await freshAuthor();
  try {
    await faults(emu, { imsIgnoresOauthFields: true });
    await fillForm();
    await page.click('.bpsetup-ims-submit');
    await page.waitForSelector('.bpsetup-ims-feedback coral-alert[variant="success"]');
    const feedback = (await page.locator('.bpsetup-ims-feedback').textContent()) ?? '';
    expect(feedback).toContain('Configuration saved and repaired');
    expect(feedback).toContain('auth.token.provider.authorization.grants: sent "client_credentials", AEM stored "(nothing)"');
    expect(feedback).toContain('auth.token.provider.scope');
    // The configuration manager got the repair, with a Referer of this author and never the secret.
    const repairs = emu.context.journal.list(0).filter((r) => r.write && r.path.startsWith('/system/console/configMgr/'));
    expect(repairs.map((r) => r.status)).toEqual([302]);
    await page.waitForSelector('.bpsetup-health-result coral-alert[variant="success"]');
    await expect(page.locator('.bpsetup-health-result').textContent()).resolves.toContain('Token retrieved successfully!');
    const folder = '/apps/system/config';
    const provider = Object.keys(emu.context.repo.get(folder)?.children ?? {}).find((n) => n.includes('accesstoken.provider'));
    expect(emu.context.repo.readFile(`${folder}/${provider}`)?.toString()).toContain(
      'auth.token.provider.authorization.grants="client_credentials"',
    );
    expect(repositoryText(emu)).not.toContain(SECRET);

    await page.fill('[data-field="tenantUrl"] input', TENANT);
    await page.locator('[data-field="tenantUrl"] input').blur();
    await page.click('.bpsetup-cloud-save');
    await page.waitForSelector('.bpsetup-agents-summary[data-connected="4"]', { timeout: 20000 });
    expect(browser.errors).toEqual([]);
  } finally {
    await emu.close();
  }
}, 60000);

test('the same, with the configuration manager refusing the repair: explained, and nothing of the save is left', async () => {
  const emu = await freshAuthor();
  try {
    await faults(emu, {
      imsIgnoresOauthFields: true,
      routes: [{ path: '/system/console/configMgr/', method: 'POST', status: 403, body: 'Forbidden' }],
    });
    await fillForm();
    await page.click('.bpsetup-ims-submit');
    await page.waitForSelector('.bpsetup-ims-feedback coral-alert[variant="error"]');
    const feedback = (await page.locator('.bpsetup-ims-feedback').textContent()) ?? '';
    expect(feedback).toContain('AEM stored a different IMS configuration than the page sent');
    expect(feedback).toContain('nothing of this save is left in AEM');
    expect(Object.keys(emu.context.repo.get('/apps/system/config')?.children ?? {})).toEqual([]);
    expect(await stepStatus('imsAccount')).not.toBe('done');
    expect(repositoryText(emu)).not.toContain(SECRET);
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

    // An override would steer the secret to a node that can hold anything: refused, and said so.
    const c = await loggedIn(emu.url);
    await c.write('/conf/bpsetup/settings/endpoints', new URLSearchParams({ imsConfigUpdate: '/apps/bpsetup/ims/elsewhere' }));
    await faults(emu, { servletsUnbound: false });
    await page.reload();
    await page.waitForSelector('.bpsetup-step[data-step="prerequisites"][data-status="done"]');
    // Step 1's notice of the overrides comes with their part, fetched because the settings hold one.
    await page.waitForFunction(
      () => document.querySelector('#bpsetup-step-prerequisites .bpsetup-overrides coral-alert-content')?.textContent,
    );
    await expect(page.locator('#bpsetup-step-prerequisites').textContent()).resolves.toContain(
      'imsConfigUpdate: refused (the client secret goes only to the address the package ships)',
    );
    // The package's node lost its resource type (a hand edit): proven by a read before the secret goes, so nothing is sent.
    emu.context.repo.change((tx) => tx.setProps('/apps/bpsetup/ims/update', { 'sling:resourceType': 'something/else' }));
    const since = emu.context.journal.lastSeq;
    await fillForm();
    await page.click('.bpsetup-ims-submit');
    await page.waitForSelector('.bpsetup-ims-feedback coral-alert[variant="error"]');
    await expect(page.locator('.bpsetup-ims-feedback').textContent()).resolves.toContain(
      "The page could not prove that AEM's IMS servlet takes the form here",
    );
    expect(emu.context.journal.list(since).filter((r) => r.write)).toEqual([]);
    expect(emu.context.repo.get('/apps/bpsetup/ims/elsewhere')).toBeUndefined();
    expect(repositoryText(emu)).not.toContain(SECRET);
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
