/**
 * Under a strict Content-Security-Policy (script-src 'self': no inline script, no eval) the page
 * boots, saves the IMS configuration, and the on-demand certificate chunk makes a key pair in the
 * browser: no violation is reported.
 */
import type { RunningEmulator } from '../../emulator/server';
import { PROJECT_ROOT } from '../../emulator/paths';
import { type BrowserSession, reviewShot, login, openBrowser } from '../helpers/chromium';
import { startTestEmulator } from '../helpers/emulator';
import { ORG, registerOauthCredential } from '../helpers/ims-fixtures';
import { chooseLegacyJwt, fillOauthForm, legacyJwtToggle, stepByStep } from '../helpers/setup-page';

const PAGE = '/apps/bpsetup/content/setup.html';
const CLIENT_ID = 'c5b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
let emu: RunningEmulator;
let browser: BrowserSession;

beforeAll(async () => {
  emu = await startTestEmulator({ strictCsp: true, interimEndpoints: true });
  await registerOauthCredential(emu.url, CLIENT_ID, 'p8e-csp-secret-77');
  browser = await openBrowser(PROJECT_ROOT);
  // Collected before any page script runs.
  await browser.context.addInitScript(() => {
    (window as unknown as { __cspViolations: string[] }).__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __cspViolations: string[] }).__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
}, 60000);
afterAll(async () => {
  await browser?.close();
  await emu?.close();
});

test("the page, a save and the certificate chunk work with script-src 'self'", async () => {
  const { page } = browser;
  await login(page, emu.url, PAGE);
  const response = await page.goto(`${emu.url}${PAGE}`);
  expect(response?.headers()['content-security-policy']).toBe("script-src 'self'; object-src 'none'; base-uri 'self'");
  await stepByStep(page);

  // The certificate chunk (node-forge) loads on demand and generates a key pair.
  await chooseLegacyJwt(page);
  await page.evaluate(() => document.querySelector<HTMLElement>('.bpsetup-create-certificate')?.scrollIntoView());
  await page.fill('[data-field="keystorePassword"] input', 'keystore-secret-1');
  await page.fill('[data-field="keystorePasswordRepeat"] input', 'keystore-secret-1');
  await page.click('.bpsetup-create-certificate');
  await page.waitForSelector('.bpsetup-download-created', { timeout: 20000 });
  await legacyJwtToggle(page).uncheck();

  await fillOauthForm(page, { clientId: CLIENT_ID, clientSecret: 'p8e-csp-secret-77', orgId: ORG, scopes: 'openid,AdobeID' });
  await page.click('.bpsetup-ims-submit');
  await page.waitForSelector('.bpsetup-health-result coral-alert[variant="success"]', { timeout: 15000 });

  await reviewShot(page, PROJECT_ROOT, 'strict-csp');
  // Only Coral's own Adobe Fonts loader (use.typekit.net, offline here anyway) is blocked: nothing of ours.
  const violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
  expect(violations.filter((v) => !v.includes('use.typekit.net'))).toEqual([]);
  expect(browser.errors.filter((e) => /Content Security Policy|CSP/i.test(e) && !e.includes('typekit'))).toEqual([]);
}, 60000);
