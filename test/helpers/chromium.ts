/**
 * Headless Debian Chromium through playwright-core, with the flags this closed network needs
 * (no background networking, no component updates) and a fresh profile per launch.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import launch from './chromium-launch.json';
import { loggedIn } from './emulator';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * playwright-core, evaluated once per Jest worker where the test environment shares it
 * (test/setup/node-environment.js), else (scripts, other environments) required as usual.
 */
const sharedRequire = (globalThis as { __bpsetupSharedRequire?: (name: string) => unknown }).__bpsetupSharedRequire;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { chromium } = (sharedRequire?.('playwright-core') ?? require('playwright-core')) as typeof import('playwright-core');

export const CHROMIUM_FLAGS: string[] = launch.flags;

/** The Chromium executable: CHROMIUM_PATH, or Debian's. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, ...launch.candidates].filter((p): p is string => Boolean(p));
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

/**
 * Where a test run's shared Chromium listens: Jest's global setup launches one browser server for
 * the whole run (test/setup/global-setup.js) and each test file opens its own context in it,
 * which costs a few milliseconds instead of a browser start. Scripts outside Jest launch their own.
 */
export const BROWSER_ENDPOINT_ENV = 'BPSETUP_BROWSER_WS';

/** This file's connection to the shared browser, open while any of its contexts is. */
let shared: Promise<Browser> | undefined;
let openContexts = 0;
const sharedBrowser = (endpoint: string): Promise<Browser> => (shared ??= chromium.connect(endpoint));
async function releaseShared(): Promise<void> {
  if (--openContexts > 0 || !shared) return;
  const browser = shared;
  shared = undefined;
  await (await browser).close(); // a connected browser's close() only disconnects
}

/** A browser window of its own (a fresh context: no cookie, storage or cache of another test's). */
export async function openBrowser(projectRoot: string): Promise<BrowserSession> {
  const endpoint = process.env[BROWSER_ENDPOINT_ENV];
  const viewport = { width: 1280, height: 900 };
  let context: BrowserContext;
  let cleanup = async () => {};
  if (endpoint) {
    openContexts++;
    context = await (await sharedBrowser(endpoint)).newContext({ viewport });
    cleanup = releaseShared;
  } else {
    const tmp = join(projectRoot, '.tmp');
    mkdirSync(tmp, { recursive: true });
    const profile = mkdtempSync(join(tmp, 'chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport,
      env: { ...process.env, TMPDIR: tmp } as Record<string, string>,
    });
    cleanup = async () => rmSync(profile, { recursive: true, force: true });
  }
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
      await cleanup();
    },
  };
}

/**
 * Signs the browser in without the login page: the session cookie AEM's j_security_check sets,
 * got over HTTP. For tests whose subject is not the login itself (those use `login`).
 */
export async function signIn(context: BrowserContext, baseUrl: string, user = 'admin', password = 'admin'): Promise<void> {
  const { cookie } = await loggedIn(baseUrl, user, password);
  const eq = cookie.indexOf('=');
  if (eq < 1) throw new Error(`sign-in as ${user} set no session cookie`);
  await context.addCookies([{ name: cookie.slice(0, eq), value: cookie.slice(eq + 1), url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
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

/** Where the end-to-end tests put the screenshots a reviewer asks for. */
const REVIEW_SHOTS_DIR = 'test-results';

/**
 * A whole-page screenshot for a person to look at (test-results/<name>.png), taken only when
 * BPSETUP_SCREENSHOTS=1: nothing asserts on it, and each costs Chromium about half a second of
 * CPU, so `npm test` leaves them out.
 */
export async function reviewShot(page: Page, projectRoot: string, name: string): Promise<void> {
  if (process.env.BPSETUP_SCREENSHOTS !== '1') return;
  const path = join(projectRoot, REVIEW_SHOTS_DIR, `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  await fullScreenshot(page, path);
}
