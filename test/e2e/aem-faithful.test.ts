/**
 * The full OAuth walkthrough in Chromium in the default, AEM-faithful emulator mode (what a real AEM
 * 6.5 with the package installed answers): from an empty author to "4 of 4 agents connected", Check
 * Health through the package's own script proving the token before the cloud service exists, with
 * a clean console and no address the author lacks; and an AEM that cannot do OAuth gets the
 * blocker, not a JWT route. The page's other flows in this mode (a wrong secret, no health script,
 * a save stored differently, a servlet-binding miss, marking a configuration) run in the page tier:
 * test/page/aem-faithful.test.ts. Each test starts from its own emulator and runs alone.
 */
import type { Page, Response } from 'playwright-core';
import type { RunningEmulator } from '../../emulator/server';
import { PROJECT_ROOT } from '../../emulator/paths';
import { type BrowserSession, reviewShot, openBrowser, signIn } from '../helpers/chromium';
import { startTestEmulator } from '../helpers/emulator';
import { ORG } from '../helpers/ims-fixtures';
import { authRadio, fillOauthForm, imsChoices, openSteps, stepStatus as stepStatusOn } from '../helpers/setup-page';
import { credentialAndTenant } from '../helpers/brand-portal-fixtures';

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
  await openSteps(page);
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
    await reviewShot(page, PROJECT_ROOT, 'faithful-connected');

    // Reopened, the finished setup is never "To do": configured and not yet tested, then the
    // verdict the page leads with tests it.
    await page.reload();
    await page.waitForSelector('.bpsetup-step[data-step="brandPortal"]:not([data-status="unknown"])', { state: 'attached' });
    expect(['untested', 'done']).toContain(await stepStatus('brandPortal'));
    expect(await page.locator('.bpsetup-step[data-status="todo"]').count()).toBe(0);
    await page.waitForSelector('.bpsetup-summary-ok', { timeout: 20000 });
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
    await reviewShot(page, PROJECT_ROOT, 'faithful-blocker');
  } finally {
    await emu.close();
  }
}, 60000);
