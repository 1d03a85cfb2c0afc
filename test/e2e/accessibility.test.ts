/**
 * axe-core (WCAG 2.1 A/AA) in Chromium finds no serious or critical violation on the setup page in
 * its states: empty author, form with errors, healthy, failing health, agents tested, reset dialog.
 * In each state every form control, table and disclosure is a Coral component.
 */
import type { Page } from 'playwright-core';
import type { RunningEmulator } from '../../emulator/server';
import { seriousViolations } from '../helpers/axe';
import { nonCoralControls } from '../helpers/coral-controls';
import type { BrowserSession } from '../helpers/chromium';
import { controlFetch } from '../helpers/emulator';
import { ORG } from '../helpers/ims-fixtures';
import { fillOauthForm, openReset, saveCloudService, signedInAuthor, waitConnected, stepByStep } from '../helpers/setup-page';
import { credentialAndTenant, finishedSetup } from '../helpers/brand-portal-fixtures';

const PAGE = '/apps/bpsetup/content/setup.html';
const CLIENT_ID = 'b8b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
const SECRET = 'p8e-a11y-secret-55';
const TENANT = 'https://access.brand-portal.adobe.com';
let emu: RunningEmulator;
let browser: BrowserSession;
let page: Page;

beforeAll(async () => {
  ({ emu, browser, page } = await signedInAuthor({ faults: true, interimEndpoints: true, agentDelayMs: 50 }));
  await credentialAndTenant(emu.url, CLIENT_ID, SECRET, TENANT);
  await stepByStep(page);
}, 60000);
afterAll(async () => {
  await browser?.close();
  await emu?.close();
});

test('every state of the walkthrough has no serious or critical axe violation, and only Coral controls', async () => {
  const states: Record<string, string[]> = {};
  const foreign: Record<string, string[]> = {};
  const judge = async (state: string) => {
    states[state] = await seriousViolations(page);
    foreign[state] = await nonCoralControls(page);
  };
  await judge('empty author');

  await page.locator('.bpsetup-ims-form [data-field="orgId"] input').fill('not-an-org');
  await page.locator('.bpsetup-ims-form [data-field="orgId"] input').blur();
  await judge('form with errors');

  await fillOauthForm(page, { clientId: CLIENT_ID, clientSecret: SECRET, orgId: ORG, scopes: 'openid,AdobeID' });
  await page.click('.bpsetup-ims-submit');
  await page.waitForSelector('.bpsetup-health-result coral-alert[variant="success"]', { timeout: 15000 });
  await judge('healthy');

  await controlFetch(`${emu.url}/__emulator/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ims: 'invalid_scope' }),
  });
  await page.click('.bpsetup-health-step-button');
  await page.waitForSelector('.bpsetup-health-result coral-alert[variant="error"]', { timeout: 15000 });
  await judge('failing health');
  await controlFetch(`${emu.url}/__emulator/faults`, { method: 'DELETE' });
  await page.click('.bpsetup-health-step-button');
  await page.waitForSelector('.bpsetup-health-result coral-alert[variant="success"]', { timeout: 15000 });

  await saveCloudService(page, TENANT);
  await waitConnected(page);
  await judge('agents tested');

  await openReset(page, 'access');
  expect(await page.locator('.bpsetup-reset-run').isEnabled()).toBe(true);
  await judge('reset dialog');

  // The check itself sees a foreign control.
  await page.evaluate(() =>
    document.querySelector('#bpsetup-root')?.append(Object.assign(document.createElement('select'), { className: 'x' })),
  );
  expect(await nonCoralControls(page)).toEqual(['select.x']);
  await page.evaluate(() => document.querySelector('#bpsetup-root > select.x')?.remove());
  const none = Object.fromEntries(Object.keys(states).map((k) => [k, []]));
  expect(Object.keys(states)).toHaveLength(6);
  expect(foreign).toEqual(none);
  expect(states).toEqual({
    'empty author': [],
    'form with errors': [],
    healthy: [],
    'failing health': [],
    'agents tested': [],
    'reset dialog': [],
  });
}, 60000);

test('keyboard: after an action the focus goes to its outcome', async () => {
  // A fresh page of an author that is set up (by the test above, or here when this test runs alone).
  if (!emu.context.repo.exists('/conf/global/settings/cloudconfigs/mediaportal/brand-portal'))
    await finishedSetup(emu.url, CLIENT_ID, SECRET, TENANT);
  await page.goto(`${emu.url}${PAGE}`);
  await stepByStep(page);
  await page.click('.bpsetup-health-step-button');
  await page.waitForSelector('.bpsetup-health-result coral-alert');
  // The whole-setup check: its summary takes the focus when it is ready.
  await page.click('.bpsetup-health-button');
  await page.waitForSelector('.bpsetup-summary coral-alert', { timeout: 20000 });
  expect(await page.evaluate(() => document.activeElement?.closest('.bpsetup-summary') !== null)).toBe(true);
}, 60000);
