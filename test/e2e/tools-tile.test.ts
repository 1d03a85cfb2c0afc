/**
 * End to end in headless Chromium, as an admin would: log in, open the Tools console, pick the
 * Brand Portal category, click our tile, and land on the setup page with Coral upgraded and no
 * console errors; the login page's fields are not marked wrong before anyone typed.
 */
import type { RunningEmulator } from '../../emulator/server';
import { PROJECT_ROOT } from '../../emulator/paths';
import { type BrowserSession, login, openBrowser, reviewShot } from '../helpers/chromium';
import { startTestEmulator } from '../helpers/emulator';

let emu: RunningEmulator;
let browser: BrowserSession;

beforeAll(async () => {
  emu = await startTestEmulator();
  browser = await openBrowser(PROJECT_ROOT);
}, 60000);

afterAll(async () => {
  await browser?.close();
  await emu?.close();
});

test('log in, open Tools, click the Brand Portal setup tile, see the page', async () => {
  const { page } = browser;
  await login(page, emu.url, '/aem/start.html');
  expect(new URL(page.url()).pathname).toBe('/aem/start.html');

  await page.click('a.emulator-tools-category[data-category="bpsetup"]');
  const tile = page.locator('a.emulator-tools-tile[data-id="bpsetup__setup"]');
  await expect(tile.locator('.emulator-tools-tile-title').textContent()).resolves.toBe('Brand Portal setup');
  await Promise.all([page.waitForURL('**/apps/bpsetup/content/setup.html'), tile.click()]);

  await page.waitForSelector('#bpsetup-root .bpsetup-steps');
  await expect(page.title()).resolves.toBe('Brand Portal setup | Adobe Experience Manager');
  const steps = await page.locator('.bpsetup-section-title').allTextContents();
  expect(steps).toEqual([
    'Prerequisites',
    'Certificate',
    'Adobe Developer Console',
    'IMS technical account',
    'Check health',
    'Brand Portal cloud service',
  ]);

  // Coral upgraded our icons and the shell: real custom elements with their rendered inner markup.
  const upgraded = await page.evaluate(() => {
    const icon = document.querySelector('#bpsetup-root coral-icon') as HTMLElement;
    const C = (window as unknown as { Coral: { Icon: typeof HTMLElement; version: string } }).Coral;
    return {
      iconUpgraded: icon instanceof C.Icon,
      hasSvg: Boolean(icon.querySelector('svg')),
      version: C.version,
      loaded: (window as { __bpsetupLoaded?: boolean }).__bpsetupLoaded,
    };
  });
  expect(upgraded).toEqual({ iconUpgraded: true, hasSvg: true, version: expect.stringMatching(/^4\./), loaded: true });
  // No implementation word reaches the admin: Coral's version is the diagnostics report's.
  await expect(page.locator('#bpsetup-root').innerText()).resolves.not.toContain('Coral');

  await reviewShot(page, PROJECT_ROOT, 'foundation-setup-page');
  expect(browser.errors).toEqual([]);
});

test('an expired session sends the page back to the login page with the resource', async () => {
  const { page } = browser;
  emu.context.sessions.expireAll();
  await page.goto(`${emu.url}/apps/bpsetup/content/setup.html`);
  const url = new URL(page.url());
  expect(url.pathname).toBe('/libs/granite/core/content/login.html');
  expect(url.searchParams.get('resource')).toBe('/apps/bpsetup/content/setup.html');
});

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
