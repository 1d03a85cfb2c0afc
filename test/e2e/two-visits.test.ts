/**
 * The page around an admin's two visits, in Chromium at 1280×900, found by visible labels: an
 * empty author leads with Connect (the credential, the Brand Portal address and Connect in the
 * first screen, no other primary button there), Connect done from the keyboard leaves the focus on
 * its outcome; a set-up author leads with the verdict in the first screen, and the whole page is
 * at most two screens tall before anything is opened; every step has a link of its own; readable
 * agent names; one name per thing and one button per action; the agents' shared problem said once.
 */
import type { Page } from 'playwright-core';
import type { RunningEmulator } from '../../emulator/server';
import { DEMO_TENANT_URL, demoCredentialJson, ensureDemoIntegration } from '../../emulator/scenarios';
import { registerTenant } from '../../emulator/brand-portal';
import type { BrowserSession } from '../helpers/chromium';
import { credentialAndTenant, finishedSetup } from '../helpers/brand-portal-fixtures';
import { openSteps, signedInAuthor, startOver } from '../helpers/setup-page';

const PAGE = '/apps/bpsetup/content/setup.html';
const SCREEN = { width: 1280, height: 900 };
let emu: RunningEmulator;
let browser: BrowserSession;

beforeAll(async () => {
  ({ emu, browser } = await signedInAuthor({ agentDelayMs: 50 }, false));
}, 60000);
afterAll(async () => {
  await browser?.close();
  await emu?.close();
});

/** A new tab (nothing opened in an earlier visit is remembered), at 1280×900, on the page. */
async function visit(hash = ''): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize(SCREEN);
  await page.goto(`${emu.url}${PAGE}${hash}`);
  await page.waitForSelector('.bpsetup-step[data-step="prerequisites"]:not([data-status="unknown"])', { state: 'attached' });
  return page;
}

/** True when the element is on the first screen: shown, and from its top to its bottom within the viewport. */
async function inFirstScreen(locator: ReturnType<Page['locator']>): Promise<boolean> {
  const box = await locator.boundingBox();
  return Boolean(box && (await locator.isVisible()) && box.y >= 0 && box.y + box.height <= SCREEN.height);
}

/** The visible primary (and call-to-action) buttons on the first screen, by their names. */
const primaryButtonsOnFirstScreen = (page: Page) =>
  page.evaluate((height) => {
    return [...document.querySelectorAll<HTMLElement>('#bpsetup-root button[is="coral-button"]')]
      .filter((b) => ['primary', 'cta'].includes(b.getAttribute('variant') ?? ''))
      .filter((b) => {
        const r = b.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.top < height && getComputedStyle(b).visibility !== 'hidden';
      })
      .map((b) => b.textContent?.trim());
  }, SCREEN.height);

/** How tall the whole page is: the shell's header and what its content area scrolls. */
const pageHeight = (page: Page) =>
  page.evaluate(() => {
    const content = document.querySelector('coral-shell-content') as HTMLElement;
    return content.getBoundingClientRect().top + content.scrollHeight;
  });

test('an empty author leads with Connect: credential, address and Connect on the first screen, the one primary button; done from the keyboard, the focus lands on the outcome', async () => {
  await startOver(browser, emu);
  ensureDemoIntegration(emu.context);
  registerTenant(emu.context.repo, DEMO_TENANT_URL);
  const page = await visit();
  const credential = page.getByLabel('Credential JSON from the Adobe Developer Console');
  const address = page.getByLabel('Brand Portal address');
  const connect = page.getByRole('button', { name: 'Connect', exact: true });
  await connect.waitFor();
  expect(await inFirstScreen(credential)).toBe(true);
  expect(await inFirstScreen(address)).toBe(true);
  expect(await inFirstScreen(connect)).toBe(true);
  expect(await primaryButtonsOnFirstScreen(page)).toEqual(['Connect']);
  // The credential's label is a visible one, not a placeholder.
  await expect(page.locator('label[for="bpsetup-credentials-input"]').isVisible()).resolves.toBe(true);
  // The steps follow, one line each.
  expect(await page.locator('.bpsetup-step').count()).toBe(6);
  expect(await page.locator('.bpsetup-step[selected]').count()).toBe(0);

  // Keyboard only: paste, Tab to the address, type, Enter.
  await credential.focus();
  await page.keyboard.insertText(demoCredentialJson());
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('connectTenant');
  await page.keyboard.type(DEMO_TENANT_URL);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.bpsetup-connect-stage[data-stage="agents"][data-state="done"]', { timeout: 30000 });
  await page.waitForFunction(() => document.activeElement?.classList.contains('bpsetup-connect-outcome'));
  await expect(page.locator('.bpsetup-connect-outcome').textContent()).resolves.toBe('Connected: 4 of 4 agents connected.');
  await page.close();
}, 60000);

test('a set-up author leads with the verdict on the first screen; the page is at most two screens tall before anything is opened', async () => {
  await startOver(browser, emu);
  await credentialAndTenant(emu.url, 'a1b2c3d4e5f60718293a4b5c6d7e8f90', 'two-visits-secret', DEMO_TENANT_URL);
  await finishedSetup(emu.url, 'a1b2c3d4e5f60718293a4b5c6d7e8f90', 'two-visits-secret', DEMO_TENANT_URL);
  await checkVerdictVisit(await visit());
}, 60000);

async function checkVerdictVisit(page: Page): Promise<void> {
  const verdict = page.locator('.bpsetup-summary-ok');
  await verdict.waitFor({ timeout: 30000 });
  expect(await inFirstScreen(verdict)).toBe(true);
  await expect(verdict.textContent()).resolves.toContain('Brand Portal setup is healthy');
  await page.waitForTimeout(300); // Coral's icons and the after-setup tools paint
  expect(await pageHeight(page)).toBeLessThanOrEqual(2 * SCREEN.height);
  // The agents with their queues, names on one line each.
  expect(await page.locator('.bpsetup-agents-table tbody tr').count()).toBe(4);
  const lines = await page.locator('.bpsetup-agent-name').evaluateAll((names) => names.map((n) => n.getClientRects().length));
  expect(lines).toEqual([1, 1, 1, 1]);
  await expect(page.locator('.bpsetup-agents-table').innerText()).resolves.toMatch(/empty/);

  // Opened, every step: each action has one button, and no two buttons share a name.
  await openSteps(page);
  const names = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('#bpsetup-root button')]
      .filter((b) => b.getBoundingClientRect().height > 0 && !b.closest('coral-accordion-item-label, h3'))
      .map((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim()),
  );
  expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  const text = await page.locator('#bpsetup-root').innerText();
  for (const gone of ['Tenant URL', 'Check its health', 'Part of this page', 'Coral']) expect(text).not.toContain(gone);
  await page.close();
}

test('every step has a link of its own, and the address opens the step it names', async () => {
  const page = await visit('#bpsetup-step-health');
  const ids = await page.locator('.bpsetup-step').evaluateAll((items) => items.map((i) => i.id));
  expect(ids).toHaveLength(6);
  for (const id of ids) expect(await page.locator(`#${id} a.bpsetup-section-link`).getAttribute('href')).toBe(`#${id}`);
  // The lead's parts have their own anchors too.
  for (const id of ['bpsetup-publishing', 'bpsetup-steps']) expect(await page.locator(`#${id}`).count()).toBe(1);
  await page.locator('#bpsetup-step-health .bpsetup-section-body').waitFor();
  expect(await page.locator('#bpsetup-step-health > h3 > button').getAttribute('aria-expanded')).toBe('true');
  // The verdict (this author is set up) arrives without taking the admin away from the step linked to.
  await page.locator('.bpsetup-summary coral-alert').waitFor({ timeout: 30000 });
  expect(await inFirstScreen(page.locator('#bpsetup-step-health > h3'))).toBe(true);
  expect(await page.locator('.bpsetup-step[selected]').count()).toBe(1);
  // A link followed later opens its step too.
  await page.evaluate(() => (window.location.hash = '#bpsetup-step-brandPortal'));
  await page.locator('#bpsetup-step-brandPortal .bpsetup-section-body').waitFor();
  await page.close();
});

test('the same problem on all four agents is said once, naming them', async () => {
  await startOver(browser, emu);
  // A finished setup whose secret Adobe no longer knows: every agent fails its test the same way.
  await credentialAndTenant(emu.url, 'b1b2c3d4e5f60718293a4b5c6d7e8f90', 'the-right-secret', DEMO_TENANT_URL);
  await finishedSetup(emu.url, 'b1b2c3d4e5f60718293a4b5c6d7e8f90', 'a-wrong-secret', DEMO_TENANT_URL);
  const page = await visit();
  await page.locator('.bpsetup-summary-problems').waitFor({ timeout: 30000 });
  const summary = await page.locator('.bpsetup-summary').innerText();
  expect(summary.match(/Test Connection failed for/g)).toHaveLength(1);
  expect(summary).toContain('(the same on 3 more agent(s): mp_replication_agent1_default_demo');
  await page.close();
});
