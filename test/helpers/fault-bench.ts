/**
 * The fault-suite harness: one Chromium for the file, a fresh empty author per case (AEM-faithful
 * unless asked otherwise) with a registered credential and tenant, the admin signed in; fault
 * injection and the repository as text for before/after comparisons.
 */
import type { Page } from 'playwright-core';
import type { EmulatorOptions } from '../../emulator/context';
import { PROJECT_ROOT } from '../../emulator/paths';
import type { RunningEmulator } from '../../emulator/server';
import { type BrowserSession, openBrowser, signIn } from './chromium';
import { setFaults, startTestEmulator } from './emulator';
import { ORG } from './ims-fixtures';
import { fillOauthForm, repositoryText, saveCloudService, waitConnected, stepByStep } from './setup-page';
import { credentialAndTenant } from './brand-portal-fixtures';

const PAGE = '/apps/bpsetup/content/setup.html';
const CLIENT_ID = 'a7b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
const SECRET = 'p8e-fault-suite-secret-8';
export const FAULT_TENANT = 'https://faults.brand-portal.adobe.com';

export interface FaultBench {
  page: Page;
  emu: RunningEmulator;
  freshAuthor(options?: Partial<EmulatorOptions>): Promise<void>;
  faults(body: unknown): Promise<Response>;
  clearFaults(): Promise<Response>;
  snapshot(): string;
  fillIms(): Promise<void>;
  saveCloud(): Promise<void>;
  connected(): Promise<unknown>;
}

/** Registers the file's beforeAll/afterEach/afterAll and answers the harness. */
export function faultBench(): FaultBench {
  let browser: BrowserSession;
  const bench = {} as FaultBench;
  Object.assign(bench, {
    async freshAuthor(options: Partial<EmulatorOptions> = {}) {
      bench.emu = await startTestEmulator({ faults: true, agentDelayMs: 50, ...options });
      await credentialAndTenant(bench.emu.url, CLIENT_ID, SECRET, FAULT_TENANT);
      await signIn(browser.context, bench.emu.url);
      await bench.page.goto(`${bench.emu.url}${PAGE}`);
      await stepByStep(bench.page);
    },
    faults: (body: unknown) => setFaults(bench.emu.url, body),
    clearFaults: () => setFaults(bench.emu.url, null),
    snapshot: () => repositoryText(bench.emu),
    fillIms: () => fillOauthForm(bench.page, { clientId: CLIENT_ID, clientSecret: SECRET, orgId: ORG, scopes: 'openid,AdobeID' }),
    saveCloud: () => saveCloudService(bench.page, FAULT_TENANT),
    connected: () => waitConnected(bench.page),
  });
  beforeAll(async () => {
    browser = await openBrowser(PROJECT_ROOT);
    bench.page = browser.page;
  }, 60000);
  afterEach(async () => {
    await bench.emu?.close();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return bench;
}
