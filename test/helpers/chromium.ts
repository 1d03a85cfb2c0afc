/**
 * Headless Debian Chromium through playwright-core, with the flags this closed network needs
 * (no background networking, no component updates) and a fresh profile per launch.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found)
    throw new Error('Chromium not found: run "apt-get install -y chromium" or set CHROMIUM_PATH (npm test does this in its pretest step).');
  return found;
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far, minus the offline noise. */
  errors: string[];
  close(): Promise<void>;
}

/** Messages expected offline: the favicon. */
const OFFLINE_NOISE = [/favicon\.ico/i];
/** The emulator's pages contact no outside host (fonts included): any request elsewhere is an error. */
const LOCAL = /^(?:https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?\/|data:|blob:|about:)/;

export async function openBrowser(projectRoot: string): Promise<BrowserSession> {
  const tmp = join(projectRoot, '.tmp');
  mkdirSync(tmp, { recursive: true });
  const profile = mkdtempSync(join(tmp, 'chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 900 },
    env: { ...process.env, TMPDIR: tmp } as Record<string, string>,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  const keep = (text: string) => !OFFLINE_NOISE.some((r) => r.test(text));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && keep(`${msg.text()} ${msg.location().url}`)) errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  context.on('request', (r) => {
    if (!LOCAL.test(r.url())) errors.push(`outside request: ${r.url()}`);
  });
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Logs in through AEM's login page, as an admin would. */
export async function login(page: Page, baseUrl: string, resource: string, user = 'admin', password = 'admin'): Promise<void> {
  await page.goto(`${baseUrl}${resource}`);
  await page.fill('#username', user);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('#submit-button')]);
}

/**
 * Screenshot of the whole page. Granite's shell scrolls inside <coral-shell-content>, so a
 * "full page" screenshot would stop at the viewport: grow the viewport to the content first.
 */
export async function fullScreenshot(page: Page, path: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1280, height: 900 };
  const height = await page.evaluate(() => {
    const scroller = document.querySelector('coral-shell-content') ?? document.documentElement;
    return Math.max(scroller.scrollHeight + 64, document.documentElement.scrollHeight);
  });
  await page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(height, viewport.height), 12000) });
  await page.screenshot({ path });
  await page.setViewportSize(viewport);
}
