/**
 * What the end-to-end tests do on the setup page, as an admin would, in one place: fill the OAuth
 * form, save the cloud service, wait for connected agents, read a step's status; and the
 * repository as text, to compare before and after an action.
 */
import type { Locator, Page } from 'playwright-core';
import type { RunningEmulator } from '../../emulator/server';
import type { EmulatorOptions } from '../../emulator/context';
import { PROJECT_ROOT } from '../../emulator/paths';
import { type BrowserSession, openBrowser, signIn } from './chromium';
import { controlFetch, startTestEmulator } from './emulator';
import { credentialAndTenant } from './brand-portal-fixtures';

export interface OauthValues {
  clientId: string;
  clientSecret: string;
  orgId: string;
  scopes: string;
}

export const imsField = (page: Page, name: string) => page.locator(`.bpsetup-ims-form [data-field="${name}"] input`);

export async function fillOauthForm(page: Page, v: OauthValues): Promise<void> {
  await imsField(page, 'clientId').fill(v.clientId);
  await imsField(page, 'clientSecret').fill(v.clientSecret);
  await imsField(page, 'orgId').fill(v.orgId);
  await imsField(page, 'scopes').fill(v.scopes);
}

/** The Coral controls, found as an admin finds them: by their visible labels. */
export const authRadio = (page: Page, type: 'oauth' | 'jwt') =>
  page.getByRole('radio', { name: type === 'oauth' ? 'OAuth Server-to-Server' : 'JWT (legacy: stopped by Adobe)' });
export const legacyJwtToggle = (page: Page) => page.getByRole('checkbox', { name: /^Legacy: show the JWT option/ });

/** Opens the legacy choice and picks JWT. */
export async function chooseLegacyJwt(page: Page): Promise<void> {
  await legacyJwtToggle(page).check();
  await authRadio(page, 'jwt').check();
}

/** The IMS configurations step 6 offers (Coral select items). */
export const imsChoices = (page: Page) => page.locator('.bpsetup-cloud-ims coral-select-item');

/** Opens a Coral select by its label and picks an option by its text. */
export async function chooseOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^${label}`) }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/**
 * Clicks a Coral accordion item's header until the item reports itself expanded. Coral wires the
 * item's click handler a frame after the item is created; on a busy machine a click can come first.
 */
async function clickUntilExpanded(header: Locator): Promise<void> {
  for (let i = 0; i < 10 && (await header.getAttribute('aria-expanded')) !== 'true'; i++) {
    await header.click();
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.page().waitForTimeout(100);
  }
}

/** Opens a Coral accordion item by its label. */
export const expand = (scope: Page | Locator, label: string): Promise<void> =>
  clickUntilExpanded(scope.getByRole('button', { name: label }));

/** Opens the reset disclosure (in `scope`, e.g. one cloud configuration's card) and types the tenant name. */
export async function openReset(scope: Page | Locator, tenantName: string): Promise<void> {
  await expand(scope, 'Reset Brand Portal publishing');
  await scope.getByLabel(`Type "${tenantName}" to confirm`).fill(tenantName);
}

/** Waits until an IMS configuration can be chosen, types the tenant and saves the cloud service. */
export async function saveCloudService(page: Page, tenantUrl: string): Promise<void> {
  await page.waitForSelector('.bpsetup-cloud-ims coral-select-item:not([disabled])', { state: 'attached' });
  await page.fill('[data-field="tenantUrl"] input', tenantUrl);
  await page.locator('[data-field="tenantUrl"] input').blur();
  await page.click('.bpsetup-cloud-save');
}

export const waitConnected = (page: Page, n = 4) =>
  page.waitForSelector(`.bpsetup-agents-summary[data-connected="${n}"]`, { timeout: 20000 });

/** Unfolds steps as an admin does, by clicking their lines: all six, or those named. */
export async function openSteps(page: Page, ...ids: string[]): Promise<void> {
  for (const step of await page.locator('coral-accordion-item.bpsetup-step').all()) {
    if (ids.length && !ids.includes((await step.getAttribute('data-step')) ?? '')) continue;
    await clickUntilExpanded(step.locator(':scope > h3 > button'));
  }
}

/**
 * The page has AEM's answer and its steps are unfolded, as for an admin who works step by step
 * (the folded page itself is the two-visits test's subject).
 */
export async function stepByStep(page: Page): Promise<void> {
  await page.waitForSelector('.bpsetup-step[data-step="prerequisites"][data-status="done"]');
  await openSteps(page);
}

export const stepStatus = (page: Page, id: string) => page.locator(`.bpsetup-step[data-step="${id}"]`).getAttribute('data-status');

export { repositoryText } from './emulator';

/**
 * An empty author for the next test (no demo credential), the browser on a blank page first so
 * the last page cannot read the author while it is reset, and no console errors carried over.
 */
export async function startOver(browser: BrowserSession, emu: RunningEmulator): Promise<void> {
  await browser.page.goto('about:blank');
  await controlFetch(`${emu.url}/__emulator/reset?demo=false`, { method: 'POST' });
  browser.errors.length = 0;
}

/**
 * An emulator, a browser window and the admin signed in (the login page itself is tested in
 * tools-tile and the session-expiry tests): an e2e file's starting point, on the setup page
 * unless `open` is false.
 */
export async function signedInAuthor(options: Partial<EmulatorOptions>, open = true): Promise<SignedInAuthor> {
  const emu = await startTestEmulator(options);
  const browser = await openBrowser(PROJECT_ROOT);
  await signIn(browser.context, emu.url);
  if (open) {
    await browser.page.goto(`${emu.url}/apps/bpsetup/content/setup.html`);
    await stepByStep(browser.page);
  }
  return { emu, browser, page: browser.page };
}

/** What a file's tests drive: its emulator, its Chromium and the page signed in. */
export interface SignedInAuthor {
  emu: RunningEmulator;
  browser: BrowserSession;
  page: Page;
}

/**
 * Registers a file's hooks: one emulator and one Chromium for the file, and before each test an
 * empty author with the Developer Console integration and the tenant registered (not configured).
 * `use` receives them once started.
 */
export function emptyAuthorEachTest(
  options: Partial<EmulatorOptions>,
  seed: { clientId: string; secret: string; tenant: string },
  use: (author: SignedInAuthor) => void,
): void {
  let author: SignedInAuthor | undefined;
  beforeAll(async () => {
    author = await signedInAuthor(options, false);
    use(author);
  }, 60000);
  afterAll(async () => {
    await author?.browser.close();
    await author?.emu.close();
  });
  beforeEach(async () => {
    if (!author) throw new Error('the emulator or Chromium did not start');
    await startOver(author.browser, author.emu);
    await credentialAndTenant(author.emu.url, seed.clientId, seed.secret, seed.tenant);
  });
}
