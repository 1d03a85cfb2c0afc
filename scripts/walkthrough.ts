/**
 * The admin's path through the page, from an empty author to four connected agents, with the
 * demo credential and Connect, which an empty author's page leads with (paste, address, one click): used by `npm run screenshot`
 * (README images), `npm run bench` (action and round-trip counts) and the request-budget test.
 * Every user action goes through `click` or `type`, so it can be counted.
 */
import type { Page } from 'playwright-core';
import { registerTenant } from '../emulator/brand-portal';
import { DEMO_TENANT_URL, demoCredentialJson, ensureDemoIntegration } from '../emulator/scenarios';
import type { RunningEmulator } from '../emulator/server';

export interface WalkthroughHooks {
  /** Called after each milestone (for screenshots). */
  milestone?: (name: 'tools' | 'empty' | 'connected' | 'summary') => Promise<void>;
}

export interface WalkthroughCounts {
  /** Clicks from AEM's start page to the setup page (the Tools category, then the tile). */
  navigation: number;
  /** Actions on the page from an empty author to four connected agents. */
  setup: number;
  /** Of the setup actions, the fields typed or pasted. */
  typedFields: number;
}

export async function walkOauthSetup(page: Page, emu: RunningEmulator, hooks: WalkthroughHooks = {}): Promise<WalkthroughCounts> {
  ensureDemoIntegration(emu.context);
  registerTenant(emu.context.repo, DEMO_TENANT_URL);
  let actions = 0;
  let typedFields = 0;
  const click = async (selector: string) => {
    actions++;
    await page.click(selector);
  };
  const type = async (selector: string, value: string) => {
    actions++;
    typedFields++;
    await page.fill(selector, value);
  };

  await page.goto(`${emu.url}/aem/start.html`);
  await click('a.emulator-tools-category[data-category="bpsetup"]');
  await hooks.milestone?.('tools');
  await click('a.emulator-tools-tile[data-id="bpsetup__setup"]');
  await page.waitForSelector('.bpsetup-step[data-step="prerequisites"][data-status="done"]');
  await hooks.milestone?.('empty');
  const navigation = actions;

  // The Developer Console's credential file, pasted once: it fills five fields.
  const credential = demoCredentialJson();
  await type('.bpsetup-credentials-input', credential);
  await type('[data-field="connectTenant"] input', DEMO_TENANT_URL);
  await click('.bpsetup-connect');
  // The package's health script answers in both modes: the token is proven before the cloud service.
  await page.waitForSelector('.bpsetup-connect-stage[data-stage="token"][data-state="done"]', { timeout: 20000 });
  await page.waitForSelector('.bpsetup-agents-summary[data-connected="4"]', { timeout: 30000 });
  await page.waitForSelector('.bpsetup-connect-stage[data-stage="agents"][data-state="done"]');
  const setup = actions - navigation;
  await hooks.milestone?.('connected');

  await click('.bpsetup-health-button');
  await page.waitForSelector('.bpsetup-summary-ok', { timeout: 30000 });
  await hooks.milestone?.('summary');
  return { navigation, setup, typedFields };
}
