/**
 * The IMS part of the setup page in headless Chromium against the emulator, as an admin would use
 * it: OAuth from an empty AEM to "Token retrieved successfully!", the JWT path (certificate made in
 * the browser, registered in the Developer Console fixture), inline validation that sends nothing,
 * the one-configuration rule, and a failing health check explained.
 */
import type { Page } from 'playwright-core';
import type { RunningEmulator } from '../../emulator/server';
import { PROJECT_ROOT } from '../../emulator/paths';
import { type BrowserSession, reviewShot } from '../helpers/chromium';
import { controlFetch, loggedIn, setFaults } from '../helpers/emulator';
import {
  ORG,
  TECH,
  certificate,
  createKeystore,
  jwtForm,
  jwtPayload,
  oauthForm,
  registerOauthCredential,
  uploadKey,
} from '../helpers/ims-fixtures';
import { authRadio, chooseLegacyJwt, signedInAuthor, startOver, stepStatus as stepStatusOn, stepByStep } from '../helpers/setup-page';

const PAGE = '/apps/bpsetup/content/setup.html';
const CLIENT_ID = 'e2e0b1c2d3e4f5a6b7c8d9e0f1a2b3c4';
let emu: RunningEmulator;
let browser: BrowserSession;
let page: Page;

const shot = (name: string) => reviewShot(page, PROJECT_ROOT, `ims-${name}`);
const field = (name: string) =>
  page.locator(`.bpsetup-ims-form [data-field="${name}"] input, .bpsetup-ims-form [data-field="${name}"] textarea`);
const message = (name: string) => page.locator(`.bpsetup-ims-form [data-field="${name}"] .bpsetup-field-message`);
const stepStatus = (id: string) => stepStatusOn(page, id);
const writesSince = (seq: number) => emu.context.journal.list(seq).filter((r) => r.write);

async function openSetupPage(): Promise<void> {
  await page.goto(`${emu.url}${PAGE}`);
  await stepByStep(page);
}

const SECRET = 'p8e-e2e-secret-value';

/** The Developer Console credential every test starts from (the IMS stub knows it). */
const registerCredential = (scopes = ['openid', 'AdobeID', 'read_organizations']) =>
  registerOauthCredential(emu.url, CLIENT_ID, SECRET, scopes);

/** An OAuth configuration made through AEM's servlet, as a previous visit of the page would have left it. */
async function existingOauthConfig(): Promise<void> {
  const c = await loggedIn(emu.url);
  const res = await c.write(
    '/apps/bpsetup/ims/update',
    oauthForm(CLIENT_ID, { clientSecret: SECRET, scope: 'openid,AdobeID,read_organizations' }),
  );
  if (res.status !== 200) throw new Error(`IMS configuration not saved: ${res.status}`);
}

beforeAll(async () => {
  ({ emu, browser, page } = await signedInAuthor({ faults: true, interimEndpoints: true }, false));
}, 60000);

// Each test starts from an empty author with the credential registered, and builds what it needs:
// any one of them runs alone with -t.
beforeEach(async () => {
  await startOver(browser, emu);
  await registerCredential();
});

afterAll(async () => {
  await browser?.close();
  await emu?.close();
});

test('bad input shows the right inline message and sends nothing', async () => {
  await openSetupPage();
  const since = emu.context.journal.lastSeq;
  await field('orgId').fill('0123456789ABCDEF01234567');
  await field('orgId').blur();
  await expect(message('orgId').textContent()).resolves.toContain('must end with @AdobeOrg');
  await field('clientId').fill('has space');
  await field('clientId').blur();
  await expect(message('clientId').textContent()).resolves.toContain('cannot contain spaces');
  // Enter validates, as AEM's forms do: no need to leave the field first.
  await field('authServerUrl').fill('http://ims-na1.adobelogin.com');
  await field('authServerUrl').press('Enter');
  await expect(message('authServerUrl').textContent()).resolves.toContain('must use https');
  // Every error is shown once (Coral's invalid field and the message below it), and the first field to correct has the focus.
  await expect(page.locator('.bpsetup-ims-form [data-field="orgId"] coral-icon').count()).resolves.toBe(0);
  await expect(page.locator('.bpsetup-ims-form [data-field="orgId"] [aria-invalid="true"]').count()).resolves.toBe(1);
  await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).resolves.toBe('true');
  await page.locator('.bpsetup-ims-form').evaluate((form) => (form as HTMLFormElement).requestSubmit());
  await shot('invalid-input');
  expect(writesSince(since)).toEqual([]);
  expect(browser.errors).toEqual([]);
});

test('OAuth: from an empty AEM to "Token retrieved successfully!" with the credential file pasted', async () => {
  await openSetupPage();
  expect(await stepStatus('imsAccount')).toBe('todo');
  expect(await authRadio(page, 'oauth').isChecked()).toBe(true);
  const credentialFile = JSON.stringify({
    CLIENT_ID,
    CLIENT_SECRETS: ['p8e-e2e-secret-value'],
    ORG_ID: ORG,
    TECHNICAL_ACCOUNT_ID: TECH,
    TECHNICAL_ACCOUNT_EMAIL: 'x@techacct.adobe.com',
    SCOPES: ['openid', 'AdobeID', 'read_organizations'],
    SOMETHING_ELSE: 'ignored',
  });
  await page.locator('.bpsetup-credentials-input').fill(credentialFile);
  await expect(field('clientId').inputValue()).resolves.toBe(CLIENT_ID);
  await expect(field('orgId').inputValue()).resolves.toBe(ORG);
  await expect(field('scopes').inputValue()).resolves.toBe('openid,AdobeID,read_organizations');
  const note = (await page.locator('.bpsetup-credentials-note').textContent()) ?? '';
  // The notice says a secret was read, never any character of it.
  expect(note).toMatch(/•••• \(\d+ characters\)/);
  expect(note).not.toContain('alue');
  expect(note).not.toContain('p8e-e2e-secret-value');
  await expect(page.locator('.bpsetup-credentials-input').inputValue()).resolves.toBe('');
  await shot('oauth-filled');

  await page.click('.bpsetup-ims-submit');
  await page.waitForSelector('.bpsetup-health-result coral-alert[variant="success"]', { timeout: 15000 });
  await expect(page.locator('.bpsetup-health-result').textContent()).resolves.toContain('Brand Portal: Token retrieved successfully!');
  expect(await stepStatus('imsAccount')).toBe('done');
  expect(await stepStatus('health')).toBe('done');
  // The secret left with the request: it is nowhere in the page any more.
  expect(await page.content()).not.toContain('p8e-e2e-secret-value');
  await shot('oauth-healthy');
  expect(browser.errors).toEqual([]);
});

test('the state comes from AEM: after a reload the page resumes, and a second configuration is refused', async () => {
  await existingOauthConfig();
  await openSetupPage();
  await page.waitForSelector('.bpsetup-ims-card');
  expect(await stepStatus('imsAccount')).toBe('done');
  expect(await page.locator('.bpsetup-ims-form').isHidden()).toBe(true);
  await expect(page.locator('.bpsetup-ims-card').textContent()).resolves.toContain('Edit it rather than creating another');
  // One button for one action: Check Health is step 5's (step 4's card has none of its own).
  expect(
    await page
      .locator('#bpsetup-step-imsAccount')
      .getByRole('button', { name: /health/i })
      .count(),
  ).toBe(0);
  await page.click('.bpsetup-health-step-button');
  await page.waitForSelector('.bpsetup-health-result coral-alert[variant="success"]');
});

test('the health check sends only reads; a failing one is explained with the fix and the raw text', async () => {
  await existingOauthConfig();
  await openSetupPage();
  await controlFetch(`${emu.url}/__emulator/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ims: 'invalid_client' }),
  });
  const since = emu.context.journal.lastSeq;
  await page.click('.bpsetup-health-button');
  await page.waitForSelector('.bpsetup-health-result coral-alert[variant="error"]');
  const text = (await page.locator('.bpsetup-health-result').textContent()) ?? '';
  expect(text).toContain('Unhealthy configuration: Adobe IMS rejected the client ID or client secret');
  expect(text).toContain('Copy the client ID and client secret again');
  expect(text).toContain('status: 401 response: {"error":"invalid_client"');
  expect(await stepStatus('health')).toBe('error');
  expect(writesSince(since)).toEqual([]);
  expect(emu.context.journal.list(since).map((r) => r.path)).toContain('/apps/bpsetup/health.json');
  await shot('health-failed');
  await setFaults(emu.url, null);
});

test('several Brand Portal configurations: said plainly, extras deleted after confirmation', async () => {
  await existingOauthConfig(); // the seed adds two more
  await controlFetch(`${emu.url}/__emulator/seed`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{"scenario":"duplicateIms"}',
  });
  await openSetupPage();
  await page.waitForSelector('.bpsetup-ims-duplicates');
  expect(await stepStatus('imsAccount')).toBe('warning');
  await expect(page.locator('.bpsetup-ims-duplicates').textContent()).resolves.toContain(
    '3 IMS configurations are set up for Brand Portal',
  );
  const boxes = page.locator('.bpsetup-duplicate-list').getByRole('checkbox');
  await boxes.nth(1).check();
  await boxes.nth(2).check();
  await page.click('.bpsetup-delete-duplicates');
  await page.click('coral-dialog.foundation-ui-dialog button:has-text("Delete")');
  await page.waitForSelector('.bpsetup-ims-card');
  expect(await stepStatus('imsAccount')).toBe('done');
  await shot('duplicates-cleaned');
});

test('JWT: certificate made in the browser, registered in the Developer Console fixture, payload pasted, healthy', async () => {
  await openSetupPage();
  // JWT only behind the explicit legacy choice (Adobe switched it off); the emulator keeps a JWT path for tests.
  expect(await authRadio(page, 'jwt').isVisible()).toBe(false);
  await chooseLegacyJwt(page);
  await page.fill('[data-field="newAlias"] input', 'bpjwt');
  await page.fill('[data-field="keystorePassword"] input', 'keystore-secret');
  await page.fill('[data-field="keystorePasswordRepeat"] input', 'keystore-secret');
  await page.click('.bpsetup-create-certificate');
  await page.waitForSelector('.bpsetup-download-created', { timeout: 20000 });
  await expect(page.locator('tr[data-alias="bpjwt"]').count()).resolves.toBe(1);
  // The form is ready for another certificate: a free alias, no stale message, no password kept.
  await expect(page.locator('[data-field="newAlias"] input').inputValue()).resolves.toBe('brandportal');
  await expect(page.locator('[data-field="newAlias"] .bpsetup-field-message').textContent()).resolves.toBe('');
  await expect(page.locator('[data-field="keystorePassword"] input').inputValue()).resolves.toBe('');
  expect(await page.locator('[data-cert="sha1"]').textContent()).toMatch(/^[0-9A-F]{40}$/);
  const pem = await page.locator('.bpsetup-download-created').evaluate(async (a) => (await fetch((a as HTMLAnchorElement).href)).text());
  expect(pem).toContain('BEGIN CERTIFICATE');
  // The same certificate, downloaded later from the keystore list through AEM.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('tr[data-alias="bpjwt"] .bpsetup-download-alias')]);
  expect(download.suggestedFilename()).toBe('AEM-Adobe-IMS.crt');
  // Read through the download's stream: the shared browser runs as a server, where path() is not offered.
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  const saved = Buffer.concat(chunks).toString('utf8');
  expect(saved.replace(/\r\n/g, '\n')).toBe(pem.replace(/\r\n/g, '\n'));
  await shot('jwt-certificate');

  const cred = (await (
    await controlFetch(`${emu.url}/__emulator/ims/jwt-credentials`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ certificatePem: pem }),
    })
  ).json()) as Record<string, string>;
  const payload = {
    exp: Math.floor(Date.now() / 1000) + 86400,
    iss: cred.orgId,
    sub: cred.technicalAccountId,
    'https://ims-na1.adobelogin.com/s/ent_brand_portal_sdk': true,
    aud: `https://ims-na1.adobelogin.com/c/${cred.clientId}`,
  };
  await field('clientId').fill(cred.clientId);
  await field('clientSecret').fill(cred.clientSecret);
  await field('orgId').fill(cred.orgId);
  await field('technicalAccountId').fill(cred.technicalAccountId);
  await expect(field('keyAlias').inputValue()).resolves.toBe('bpjwt');
  // A payload of another organization is caught before anything is sent.
  await field('jwtPayload').fill(JSON.stringify({ ...payload, iss: 'FFFFFFFFFFFFFFFFFFFFFFFF@AdobeOrg' }));
  await field('jwtPayload').blur();
  await expect(message('jwtPayload').textContent()).resolves.toContain('Claim "iss"');
  const beforeEnter = emu.context.journal.lastSeq;
  await field('clientId').press('Enter');
  expect(emu.context.journal.list(beforeEnter).filter((r) => r.write)).toEqual([]);
  await field('jwtPayload').fill(JSON.stringify(payload, null, 2));
  await page.click('.bpsetup-ims-submit');
  await page.waitForSelector('.bpsetup-health-result coral-alert[variant="success"]', { timeout: 15000 });
  await expect(page.locator('.bpsetup-health-result').textContent()).resolves.toContain('Brand Portal: Token retrieved successfully!');
  await expect(page.locator('.bpsetup-ims-card').textContent()).resolves.toContain('Stopped by Adobe');
  // A JWT configuration's one action is the migration.
  expect(await page.locator('.bpsetup-ims-card .bpsetup-ims-edit').count()).toBe(0);
  await shot('jwt-healthy');
  expect(browser.errors).toEqual([]);
}, 60000);

test('JWT → OAuth migration keeps the configuration id and ends healthy', async () => {
  // One JWT configuration on AEM 6.5.21, made before Adobe switched JWT off.
  const c = await loggedIn(emu.url);
  await createKeystore(c);
  await uploadKey(c, 'bpjwt', await certificate());
  const saved = await c.write('/apps/bpsetup/ims/update', jwtForm(CLIENT_ID, 'bpjwt', jwtPayload(CLIENT_ID)));
  expect(saved.status).toBe(200);
  await registerCredential(['openid', 'AdobeID']);
  await openSetupPage();
  await page.waitForSelector('.bpsetup-ims-migrate');
  const before = (await page.locator('.bpsetup-ims-card').getAttribute('data-config')) as string;
  await expect(page.locator('.bpsetup-ims-card').textContent()).resolves.toContain(
    'Stopped by Adobe: JWT credentials no longer get tokens',
  );
  await page.click('.bpsetup-ims-migrate');
  expect(await authRadio(page, 'oauth').isChecked()).toBe(true);
  await expect(page.locator('.bpsetup-ims-submit').textContent()).resolves.toContain('Migrate to OAuth');
  await field('clientId').fill(CLIENT_ID);
  await field('clientSecret').fill('p8e-e2e-secret-value');
  await field('orgId').fill(ORG);
  await field('scopes').fill('openid,AdobeID');
  await page.click('.bpsetup-ims-submit');
  await page.waitForSelector('.bpsetup-health-result coral-alert[variant="success"]', { timeout: 15000 });
  await expect(page.locator('.bpsetup-ims-card').getAttribute('data-config')).resolves.toBe(before);
  await expect(page.locator('.bpsetup-ims-card').textContent()).resolves.toContain('OAuth Server-to-Server');
  const provider =
    emu.context.repo.readFile(`/apps/system/config/com.adobe.granite.auth.oauth.accesstoken.provider.${before}.config`)?.toString() ?? '';
  expect(provider).toContain('auth.token.provider.authorization.grants="client_credentials"');
  await shot('migrated');
  expect(browser.errors).toEqual([]);
});

test('an expired session sends the admin to the login page and back to this page', async () => {
  await existingOauthConfig();
  await openSetupPage();
  emu.context.sessions.expireAll();
  await Promise.all([
    page.waitForURL('**/libs/granite/core/content/login.html?**', { timeout: 10000 }),
    page.click('.bpsetup-health-button'),
  ]);
  expect(new URL(page.url()).searchParams.get('resource')).toBe(PAGE);
  await page.fill('#username', 'admin');
  await page.fill('#password', 'admin');
  await Promise.all([page.waitForURL(`**${PAGE}`), page.click('#submit-button')]);
  await page.waitForSelector('.bpsetup-step[data-step="imsAccount"][data-status="done"]');
});
