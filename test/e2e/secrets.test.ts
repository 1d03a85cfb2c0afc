/**
 * The client secret an admin types goes to AEM and is found nowhere else: not in the DOM
 * after submit, not in web storage, not in any URL the page requested, not in the browser console,
 * not in the emulator's log, and not in an error message even when the server echoes it back.
 */
import type { ConsoleMessage, Request } from 'playwright-core';
import type { RunningEmulator } from '../../emulator/server';
import { PROJECT_ROOT } from '../../emulator/paths';
import { type BrowserSession, login, openBrowser } from '../helpers/chromium';
import { controlFetch, startTestEmulator } from '../helpers/emulator';
import { ORG, registerOauthCredential } from '../helpers/ims-fixtures';
import { fillOauthForm, imsField, stepByStep } from '../helpers/setup-page';

const PAGE = '/apps/bpsetup/content/setup.html';
const CLIENT_ID = 'e5b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
const SECRET = 'p8e-NeverShowThis-4242';
let emu: RunningEmulator;
let browser: BrowserSession;
const consoleText: string[] = [];
const urls: string[] = [];
const emulatorLog: string[] = [];
const originalConsole = { log: console.log, warn: console.warn, error: console.error };

beforeAll(async () => {
  // The emulator's own log, captured as npm start would print it (not quiet).
  for (const level of ['log', 'warn', 'error'] as const)
    console[level] = (...args: unknown[]) => emulatorLog.push(args.map(String).join(' '));
  emu = await startTestEmulator({ faults: true, quiet: false });
  await registerOauthCredential(emu.url, CLIENT_ID, SECRET);
  browser = await openBrowser(PROJECT_ROOT);
  browser.page.on('console', (m: ConsoleMessage) => consoleText.push(m.text()));
  browser.page.on('request', (r: Request) => urls.push(r.url()));
}, 60000);
afterAll(async () => {
  Object.assign(console, originalConsole);
  await browser?.close();
  await emu?.close();
});

async function everywhere(): Promise<string> {
  const { page } = browser;
  const storage = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));
  const cookies = JSON.stringify(await browser.context.cookies());
  return [
    await page.content(),
    storage,
    cookies,
    urls.join('\n'),
    consoleText.join('\n'),
    emulatorLog.join('\n'),
    JSON.stringify(emu.context.journal.list(0)),
  ].join('\n');
}

test('after a failed save that echoes it, and after a good one, the secret is nowhere', async () => {
  const { page } = browser;
  await login(page, emu.url, PAGE);
  await stepByStep(page);

  // A server that echoes the form back in its error page.
  await controlFetch(`${emu.url}/__emulator/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      routes: [
        {
          path: '/apps/bpsetup/ims/update',
          method: 'POST',
          status: 500,
          contentType: 'text/html',
          body: `<div id="Message">Rejected: clientSecret=${SECRET} apiKey=${CLIENT_ID}</div>`,
          times: 1,
        },
      ],
    }),
  });
  await fillOauthForm(page, { clientId: CLIENT_ID, clientSecret: SECRET, orgId: ORG, scopes: 'openid,AdobeID' });
  await page.click('.bpsetup-ims-submit');
  await page.waitForSelector('.bpsetup-ims-feedback coral-alert[variant="error"]');
  await expect(page.locator('.bpsetup-ims-feedback').textContent()).resolves.toContain('AEM failed while handling the request (500)');
  // Shown for experts, without the secret (the field itself still holds it for the retry).
  expect(await page.locator('.bpsetup-ims-feedback').innerHTML()).not.toContain(SECRET);

  // The retry goes through; afterwards the secret has left the page.
  await page.click('.bpsetup-ims-feedback .bpsetup-retry');
  await page.waitForSelector('.bpsetup-ims-card', { timeout: 15000 });
  await page.waitForSelector('.bpsetup-health-result coral-alert', { timeout: 15000 });
  expect(await imsField(page, 'clientSecret').count()).toBeGreaterThan(0);
  expect(await imsField(page, 'clientSecret').inputValue()).toBe('');

  const all = await everywhere();
  expect(all).not.toContain(SECRET);
  // It did reach AEM, and is stored protected there, never in clear.
  const stored = [...emu.context.repo.walk('/apps/system/config')]
    .map(([path]) => emu.context.repo.readFile(path)?.toString() ?? '')
    .join('\n');
  expect(stored).toContain('auth.ims.client.secret="{');
  expect(stored).not.toContain(SECRET);
}, 60000);
